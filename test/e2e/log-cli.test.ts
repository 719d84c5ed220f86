import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { main } from '../../src/cli/main.js'
import { loadConfig } from '../../src/config.js'
import { silentLogger } from '../../src/http/logger.js'
import { startServer, type RunningServer } from '../../src/main.js'
import { loggable, openLogFixture, strangerKey, ORIGIN, type LogFixture } from './log-fixture.js'

const OTHER = 'did:web:other.example'
let fixture: LogFixture
let server: RunningServer
let url: string
let dir: string
let state: string

async function run(...argv: string[]) {
  let out = ''
  let err = ''
  const code = await main(argv, { out: (t) => void (out += t), err: (t) => void (err += t), readStdin: async () => '' })
  return { code, out, err }
}

const batch = (from: number, count: number) => Array.from({ length: count }, (_, n) => loggable(from + n, (from + n) % 4 === 0 ? OTHER : undefined))

beforeAll(async () => {
  fixture = await openLogFixture()
  await fixture.append(batch(0, 270))
  await fixture.signCheckpoint()
  server = await startServer(loadConfig({ PORT: '0' }, {}), {
    log: silentLogger,
    handleSignals: false,
    transparencyLog: { reader: fixture.reader, verifierKey: fixture.verifierKey },
  })
  url = `http://127.0.0.1:${server.port}/log`
})
afterAll(async () => {
  await server.close()
  await fixture.close()
})
beforeEach(async () => {
  vi.stubEnv('EMBLEM_FETCH_ALLOW_HTTP', 'true')
  vi.stubEnv('EMBLEM_FETCH_ALLOW_PRIVATE', 'true')
  dir = await mkdtemp(join(tmpdir(), 'emblem-log-cli-'))
  state = join(dir, 'state.json')
})
afterEach(async () => {
  vi.unstubAllEnvs()
  await rm(dir, { recursive: true, force: true })
})

describe('emblem log audit', () => {
  it('audits the log across growth, keeping the verified checkpoint in the state file', async () => {
    const firstRun = await run('log', 'audit', '--url', url, '--key', fixture.verifierKey, '--state', state)
    expect(firstRun).toMatchObject({ code: 0, err: '' })
    expect(firstRun.out).toMatch(new RegExp(`^OK ${ORIGIN}: 270 entries, root \\S+; state saved\\n$`))
    const saved = JSON.parse(await readFile(state, 'utf8')) as { key: string; checkpoint: string }
    expect(saved.key).toBe(fixture.verifierKey)
    expect(saved.checkpoint).toContain(`${ORIGIN}\n270\n`)

    await fixture.append(batch(270, 300))
    await fixture.signCheckpoint()
    const secondRun = await run('log', 'audit', '--url', url, '--state', state)
    expect(secondRun).toMatchObject({ code: 0, err: '' })
    expect(secondRun.out).toContain(': 570 entries')
    expect(secondRun.out).toContain('consistent with the saved checkpoint of size 270')
    expect((JSON.parse(await readFile(state, 'utf8')) as { checkpoint: string }).checkpoint).toContain(`${ORIGIN}\n570\n`)
  })

  it('trusts the served key on first use only with a warning', async () => {
    const { code, err } = await run('log', 'audit', '--url', url)
    expect(code).toBe(0)
    expect(err).toContain(`warning: trusting the key ${fixture.verifierKey} served by ${url}/key on first use`)
  })

  it('refuses a checkpoint not signed by the pinned key, exit 1', async () => {
    const { code, err } = await run('log', 'audit', '--url', url, '--key', strangerKey())
    expect(code).toBe(1)
    expect(err).toMatch(/^emblem: The checkpoint at .*\/checkpoint does not verify with key emblem\.test\/log\+[0-9a-f]{8}: Note has no signature from a known key\n$/)
  })

  it('fails with one clear line when a stored entry was rewritten, and keeps the old state', async () => {
    const tamperedFixture = await openLogFixture({ file: true })
    await tamperedFixture.append(batch(0, 40))
    await tamperedFixture.signCheckpoint()
    const tamperedServer = await startServer(loadConfig({ PORT: '0' }, {}), {
      log: silentLogger,
      handleSignals: false,
      transparencyLog: { reader: tamperedFixture.reader, verifierKey: tamperedFixture.verifierKey },
    })
    try {
      const tamperedUrl = `http://127.0.0.1:${tamperedServer.port}/log`
      expect((await run('log', 'audit', '--url', tamperedUrl, '--key', tamperedFixture.verifierKey, '--state', state)).code).toBe(0)
      const before = await readFile(state, 'utf8')
      const leaf = (await tamperedFixture.reader.leaf(7))!
      await tamperedFixture.tamperEntry(7, new TextEncoder().encode(new TextDecoder().decode(leaf.entry).replace('credential 7', 'credential 8').replace(/"issued":"[^"]+"/, '"issued":"2020-01-01T00:00:00Z"')))
      const { code, out, err } = await run('log', 'audit', '--url', tamperedUrl, '--state', state)
      expect(code).toBe(1)
      expect(out).toBe('')
      expect(err).toBe("emblem: The 40 entries do not hash to the root of the signed checkpoint: the log's content is not what it signed\n")
      expect(await readFile(state, 'utf8')).toBe(before)
    } finally {
      await tamperedServer.close()
    }
  })

  it('answers exit 2 for bad usage and unreadable state', async () => {
    expect((await run('log', 'audit')).code).toBe(2)
    expect((await run('log', 'audit', '--url', 'ftp://example/log')).code).toBe(2)
    await writeFile(state, 'not json')
    const { code, err } = await run('log', 'audit', '--url', url, '--state', state)
    expect(code).toBe(2)
    expect(err).toContain('is not JSON')
  })
})

describe('emblem log audit of a local instance (issue #11)', () => {
  beforeEach(() => {
    vi.stubEnv('EMBLEM_FETCH_ALLOW_HTTP', 'false')
    vi.stubEnv('EMBLEM_FETCH_ALLOW_PRIVATE', 'false')
  })

  it('says which flags would let it read http://127.0.0.1, and exits 2', async () => {
    const { code, out, err } = await run('log', 'audit', '--url', url)
    expect(code).toBe(2)
    expect(out).toBe('')
    expect(err).toMatch(/^emblem: Refusing http: URL http:\/\/127\.0\.0\.1:\d+: only https is allowed\. To audit a local instance, pass --allow-http \(or EMBLEM_FETCH_ALLOW_HTTP=true\)\n$/)
    const httpOnly = await run('log', 'audit', '--url', url, '--allow-http')
    expect(httpOnly.code).toBe(2)
    expect(httpOnly.err).toMatch(/Refusing 127\.0\.0\.1: .*loopback address\. To audit a local instance, pass --allow-private \(or EMBLEM_FETCH_ALLOW_PRIVATE=true\)\n$/)
  })

  it('audits it with --allow-http --allow-private, and monitors it too', async () => {
    const audited = await run('log', 'audit', '--url', url, '--allow-http', '--allow-private', '--state', state)
    expect(audited.err).toMatch(/trust/i) // trusted on first use, with its warning
    expect(audited.code).toBe(0)
    expect(audited.out).toMatch(/^OK .*: \d+ entries/)
    const monitored = await run('log', 'monitor', '--url', url, '--issuer', OTHER, '--allow-http', '--allow-private', '--state', state)
    expect(monitored.code).toBe(0)
  })
})

describe('emblem log monitor', () => {
  it("lists exactly the credentials logged in the issuer's name since the saved state", async () => {
    await run('log', 'audit', '--url', url, '--key', fixture.verifierKey, '--state', state)
    const size = (await fixture.reader.latestCheckpoint())!.checkpoint.size
    const added = batch(size, 37)
    await fixture.append(added)
    await fixture.signCheckpoint()
    const { code, out } = await run('log', 'monitor', '--url', url, '--issuer', OTHER, '--state', state, '--json')
    expect(code).toBe(0)
    const listed = out.trim().split('\n').map((line) => JSON.parse(line) as { index: number; credential: string; issuer: string })
    const expected = added.filter((c) => (c.issuer as { id: string }).id === OTHER).map((c) => c.id)
    expect(listed.map((e) => e.credential)).toEqual(expected)
    expect(listed.every((e) => e.issuer === OTHER && e.index >= size)).toBe(true)

    const again = await run('log', 'monitor', '--url', url, '--issuer', OTHER, '--state', state)
    expect(again).toMatchObject({ code: 0, out: '' })
  })
})
