import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../../src/config.js'

describe('loadConfig', () => {
  it('has defaults that run on one machine', () => {
    const config = loadConfig({}, {})
    expect(config).toMatchObject({
      port: 3000,
      publicUrl: 'http://localhost:3000',
      logLevel: 'info',
      fetch: { allowHttp: false, allowPrivateAddresses: false, timeoutMs: 5000, maxBytes: 1024 * 1024 },
    })
    expect(config.dataDir).toMatch(/\/data$/)
    expect(config.version).toMatch(/^\d+\.\d+\.\d+/)
  })

  it('reads every variable and derives the public URL from the port', () => {
    const config = loadConfig({}, {
      PORT: '8080',
      EMBLEM_DATA_DIR: '/var/lib/emblem',
      EMBLEM_LOG_LEVEL: 'debug',
      EMBLEM_FETCH_ALLOW_PRIVATE: 'true',
      EMBLEM_FETCH_ALLOW_HTTP: '1',
      EMBLEM_FETCH_TIMEOUT_MS: '2500',
      EMBLEM_FETCH_MAX_BYTES: '65536',
    })
    expect(config).toMatchObject({
      port: 8080,
      publicUrl: 'http://localhost:8080',
      dataDir: '/var/lib/emblem',
      logLevel: 'debug',
      fetch: { allowHttp: true, allowPrivateAddresses: true, timeoutMs: 2500, maxBytes: 65536 },
    })
  })

  it('drops a trailing slash from EMBLEM_PUBLIC_URL and lets flags win over the environment', () => {
    const config = loadConfig({ PORT: '4000' }, { PORT: '5000', EMBLEM_PUBLIC_URL: 'https://badges.example.edu/' })
    expect(config.port).toBe(4000)
    expect(config.publicUrl).toBe('https://badges.example.edu')
  })

  it('lists every problem at once', () => {
    let error: unknown
    try {
      loadConfig({}, { PORT: 'eighty', EMBLEM_PUBLIC_URL: 'ftp://x', EMBLEM_LOG_LEVEL: 'loud', EMBLEM_FETCH_ALLOW_PRIVATE: 'maybe' })
    } catch (err) {
      error = err
    }
    expect(error).toBeInstanceOf(ConfigError)
    expect((error as ConfigError).problems).toEqual([
      'PORT: must be an integer from 0 to 65535',
      'EMBLEM_PUBLIC_URL: must be an http(s) URL such as https://badges.example.edu',
      'EMBLEM_LOG_LEVEL: must be one of debug, info, warn, error, silent',
      'EMBLEM_FETCH_ALLOW_PRIVATE: must be true or false',
    ])
  })

  it('returns a frozen config', () => {
    const config = loadConfig({}, {})
    expect(Object.isFrozen(config)).toBe(true)
    expect(Object.isFrozen(config.fetch)).toBe(true)
  })
})
