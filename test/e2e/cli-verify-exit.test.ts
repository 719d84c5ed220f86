// `emblem credential verify` exit codes and reach: input that is not a credential at all (unparsable
// JSON, an empty file) exits 2, a credential that does not verify 1; with EMBLEM_FETCH_ALLOW_HTTP and
// EMBLEM_FETCH_ALLOW_PRIVATE it verifies a credential of a development instance on http://127.0.0.1
// (its did:web names https; the fetcher falls back to http), which fails without them.
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { main } from '../../src/cli/main.js'
import { loadConfig } from '../../src/config.js'
import { silentLogger } from '../../src/http/logger.js'
import { openServices, startServer, type RunningServer, type Services } from '../../src/main.js'
import { freePort } from '../support/server-process.js'

describe('emblem credential verify: exit codes and local development instances', () => {
  let dir: string
  let services: Services
  let server: RunningServer
  let file: string
  const saved = { http: process.env.EMBLEM_FETCH_ALLOW_HTTP, priv: process.env.EMBLEM_FETCH_ALLOW_PRIVATE }

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'emblem-cli-exit-'))
    const port = await freePort()
    const config = loadConfig({ PORT: String(port), EMBLEM_DATA_DIR: join(dir, 'data'), EMBLEM_PUBLIC_URL: `http://127.0.0.1:${port}`, EMBLEM_LOG_LEVEL: 'silent' }, {})
    services = await openServices(config, silentLogger)
    server = await startServer(config, { log: silentLogger, platform: services.platform.platform, transparencyLog: services.transparencyLog, handleSignals: false })
    const { platform } = services.platform
    const demo = await platform.demo.seed({ count: 0 })
    const outcome = await platform.issuance.issueCredential({ orgId: demo.org.id, achievementId: demo.achievements[0]!, input: { recipient: { email: 'cli@example.org', name: 'Kai Cli' } } })
    if (outcome.replayed) throw new Error('not issued')
    file = join(dir, 'credential.json')
    await writeFile(file, (await platform.credentials.document(outcome.view.id)).json.body)
  }, 60_000)

  afterAll(async () => {
    process.env.EMBLEM_FETCH_ALLOW_HTTP = saved.http
    process.env.EMBLEM_FETCH_ALLOW_PRIVATE = saved.priv
    if (saved.http === undefined) delete process.env.EMBLEM_FETCH_ALLOW_HTTP
    if (saved.priv === undefined) delete process.env.EMBLEM_FETCH_ALLOW_PRIVATE
    await server?.close()
    await services?.close()
    await rm(dir, { recursive: true, force: true })
  })

  const run = async (...argv: string[]) => {
    let out = ''
    let err = ''
    const code = await main(argv, { out: (t) => void (out += t), err: (t) => void (err += t), readStdin: async () => '' })
    return { code, out, err }
  }

  it('exits 2 for unparsable JSON and for an empty file', async () => {
    const broken = join(dir, 'broken.json')
    await writeFile(broken, '{"id": "urn:uuid:1", ')
    expect((await run('credential', 'verify', broken)).code).toBe(2)
    const empty = join(dir, 'empty.json')
    await writeFile(empty, '')
    expect((await run('credential', 'verify', empty)).code).toBe(2)
  })

  it('exits 1 for the development instance’s credential without the allowances, 0 with them', async () => {
    delete process.env.EMBLEM_FETCH_ALLOW_HTTP
    delete process.env.EMBLEM_FETCH_ALLOW_PRIVATE
    const refused = await run('credential', 'verify', file)
    expect(refused.code, refused.out + refused.err).toBe(1)
    process.env.EMBLEM_FETCH_ALLOW_HTTP = 'true'
    process.env.EMBLEM_FETCH_ALLOW_PRIVATE = 'true'
    const reached = await run('credential', 'verify', file)
    expect(reached.code, reached.out + reached.err).toBe(0)
  })
})
