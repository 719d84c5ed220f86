import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { main } from '../../src/cli/main.js'
import { loadConfig } from '../../src/config.js'
import { silentLogger } from '../../src/http/logger.js'
import { createApp, openServices } from '../../src/main.js'

// `emblem demo` reads its configuration from the environment, like every command.
let dir: string
const saved = process.env.EMBLEM_DATA_DIR
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'emblem-demo-'))
  process.env.EMBLEM_DATA_DIR = dir
})
afterAll(async () => {
  if (saved === undefined) delete process.env.EMBLEM_DATA_DIR
  else process.env.EMBLEM_DATA_DIR = saved
  await rm(dir, { recursive: true, force: true })
})

async function run(...argv: string[]) {
  let out = ''
  let err = ''
  const code = await main(argv, { out: (t) => void (out += t), err: (t) => void (err += t), readStdin: async () => '', setExitCode: () => {} })
  return { code, out, err }
}

describe('emblem demo', () => {
  it('seeds an organization whose credentials, sign-in and API key work, and issues more on a second run', async () => {
    const first = await run('demo', '--credentials', '7', '--json')
    expect(first.code, first.err).toBe(0)
    const summary = JSON.parse(first.out)
    expect(summary).toMatchObject({ org: 'demo', email: 'demo@example.org', credentials: 7 })
    expect(summary.achievements).toHaveLength(3)
    const second = await run('demo', '--credentials', '2', '--json')
    expect(second.code, second.err).toBe(0)
    const again = JSON.parse(second.out)
    expect(again.achievements).toEqual(summary.achievements) // reused, not duplicated
    expect(again.password).not.toBe(summary.password)

    const config = loadConfig()
    const services = await openServices(config, silentLogger)
    try {
      const app = createApp(config, { log: silentLogger, platform: services.platform.platform, transparencyLog: services.transparencyLog })
      const list = await app.request('/api/v1/orgs/demo/credentials?limit=100', { headers: { authorization: `Bearer ${again.apiKey}` } })
      expect(list.status).toBe(200)
      const { items } = (await list.json()) as { items: { id: string }[] }
      expect(items).toHaveLength(9)
      // The first run's key still works; its password does not.
      expect((await app.request('/api/v1/orgs/demo/credentials', { headers: { authorization: `Bearer ${summary.apiKey}` } })).status).toBe(200)
      const csrf = await app.request('/api/v1/sessions/csrf')
      const cookie = csrf.headers.get('set-cookie')!.split(';')[0]!
      const { csrfToken } = (await csrf.json()) as { csrfToken: string }
      const signIn = (password: string) =>
        app.request('/api/v1/sessions', {
          method: 'POST',
          headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
          body: JSON.stringify({ email: 'demo@example.org', password }),
        })
      expect((await signIn(again.password)).status).toBe(201)
      expect((await signIn(summary.password)).status).toBe(401)
      // Every demo credential is in the signed log.
      const checkpoint = await services.store.log.latestCheckpoint()
      expect(checkpoint?.checkpoint.size).toBe(9)
    } finally {
      await services.close()
    }
  })

  it('refuses a credential count it cannot issue, with a message and exit code 2', async () => {
    const { code, err } = await run('demo', '--credentials', '-3')
    expect(code).toBe(2)
    expect(err).toContain('--credentials must be a whole number')
  })
})
