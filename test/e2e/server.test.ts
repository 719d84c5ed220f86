import { describe, expect, it } from 'vitest'
import { loadConfig, type Config } from '../../src/config.js'
import { PlatformError } from '../../src/core/errors.js'
import { createLogger, silentLogger } from '../../src/http/logger.js'
import { createApp, startServer } from '../../src/main.js'

const config = (overrides: Partial<Config> = {}): Config => ({ ...loadConfig({}, {}), ...overrides }) // no env: defaults only
const app = (overrides: Partial<Config> = {}) => createApp(config(overrides), { log: silentLogger })

describe('GET /healthz', () => {
  it('answers ok with the running version', async () => {
    const res = await app({ version: '9.9.9' }).request('/healthz')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^application\/json/)
    expect(res.headers.get('cache-control')).toBe('no-store')
    expect(await res.json()).toEqual({ status: 'ok', version: '9.9.9' })
  })
})

describe('GET /', () => {
  it('renders an accessible home page that says what Emblem is and links to /healthz', async () => {
    const res = await app().request('/')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/html/)
    const page = await res.text()
    expect(page).toMatch(/^<!doctype html>/)
    expect(page).toContain('<html lang="en">')
    expect(page).toContain('<title>Open micro-credentials · Emblem</title>')
    expect(page.match(/<h1[ >]/g)).toHaveLength(1)
    expect(page).toContain('<main id="main" tabindex="-1">')
    expect(page).toContain('class="skip-link" href="#main"')
    expect(page).toContain('Open Badges 3.0')
    expect(page).toContain('href="/healthz"')
  })

  it('escapes every value it shows', async () => {
    const page = await (await app({ publicUrl: 'https://x.example/"><script>alert(1)</script>', version: '<b>1</b>' }).request('/')).text()
    expect(page).not.toContain('<script>')
    expect(page).not.toContain('<b>1</b>')
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(page).toContain('&quot;&gt;')
    expect(page).toContain('&lt;b&gt;1&lt;/b&gt;')
  })

  it('sends a content security policy and nosniff', async () => {
    const res = await app().request('/')
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'")
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
  })

  it('serves its stylesheet under a content-hashed name, cached for good, and by its plain name', async () => {
    const page = await (await app().request('/')).text()
    const href = /<link rel="stylesheet" href="(\/assets\/emblem\.[A-Z0-9]+\.css)"/.exec(page)?.[1]
    expect(href).toBeDefined()
    const hashed = await app().request(href!)
    expect(hashed.status).toBe(200)
    expect(hashed.headers.get('content-type')).toMatch(/^text\/css/)
    expect(hashed.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    const css = await hashed.text()
    expect(css).toContain('prefers-color-scheme:dark')
    expect(css).toContain('@media print')
    const plain = await app().request('/assets/emblem.css')
    expect(plain.status).toBe(200)
    expect(await plain.text()).toBe(css)
  })

  it('serves its enhancement script as a module from this origin, never inline', async () => {
    const page = await (await app().request('/')).text()
    const src = /<script type="module" src="(\/assets\/app\.[A-Z0-9]+\.js)"><\/script>/.exec(page)?.[1]
    expect(src).toBeDefined()
    expect(page.match(/<script/g)).toHaveLength(1)
    const script = await app().request(src!)
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/)
    expect(await script.text()).toContain('data-copy')
  })
})

describe('errors', () => {
  it('answers an unknown route with a 404 problem', async () => {
    const res = await app().request('/no/such/page')
    expect(res.status).toBe(404)
    expect(res.headers.get('content-type')).toBe('application/problem+json')
    expect(await res.json()).toEqual({
      type: 'urn:emblem:problem:err-not-found',
      title: 'Not found',
      status: 404,
      detail: 'No resource at GET /no/such/page',
      code: 'ERR_NOT_FOUND',
    })
  })

  it('maps a PlatformError to its status and code', async () => {
    const a = app()
    a.get('/boom', () => {
      throw new PlatformError('ERR_INPUT_TOO_LARGE', 'Credential is 3 MB, more than the 1 MB allowed')
    })
    const res = await a.request('/boom')
    expect(res.status).toBe(413)
    expect(res.headers.get('content-type')).toBe('application/problem+json')
    expect(await res.json()).toMatchObject({ status: 413, code: 'ERR_INPUT_TOO_LARGE', detail: 'Credential is 3 MB, more than the 1 MB allowed' })
  })

  it('answers an unexpected error with 500, logs it, and leaks no stack or message', async () => {
    const lines: string[] = []
    const a = createApp(config(), { log: createLogger('error', (line) => lines.push(line)) })
    a.get('/crash', () => {
      throw new Error('secret database password in message')
    })
    const res = await a.request('/crash')
    expect(res.status).toBe(500)
    const text = await res.text()
    expect(text).not.toContain('secret')
    expect(text).not.toMatch(/at .*\.ts:\d+/)
    expect(JSON.parse(text)).toMatchObject({ status: 500, code: 'ERR_INTERNAL', title: 'Internal error' })
    expect(lines.join('')).toContain('secret database password in message')
  })
})

describe('startServer', () => {
  it('listens on the configured port and closes gracefully', async () => {
    const running = await startServer(config({ port: 0 }), { log: silentLogger, handleSignals: false })
    try {
      const res = await fetch(`http://127.0.0.1:${running.port}/healthz`)
      expect(await res.json()).toMatchObject({ status: 'ok' })
    } finally {
      await running.close()
    }
    await expect(running.closed).resolves.toBeUndefined()
  })
})

describe('the request log', () => {
  it('leaves the one-time tokens of claim and invitation links out of logged paths', async () => {
    const { redactPath } = await import('../../src/main.js')
    expect(redactPath('/claim/abcDEF123_-')).toBe('/claim/[token]')
    expect(redactPath('/invitations/abc/accept')).toBe('/invitations/[token]/accept')
    expect(redactPath('/api/v1/invitations/abc/accept')).toBe('/api/v1/invitations/[token]/accept')
    expect(redactPath('/orgs/demo/credentials')).toBe('/orgs/demo/credentials')
  })
})
