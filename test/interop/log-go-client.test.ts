import { execFile, spawnSync } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config.js'
import { silentLogger } from '../../src/http/logger.js'
import { startServer, type RunningServer } from '../../src/main.js'
import { createCosigner } from '../../src/core/transparency-log/index.js'
import { loggable, openLogFixture, strangerKey, ORIGIN, type LogFixture } from '../e2e/log-fixture.js'

// An independent C2SP client: the Go checksum database's tlog and note packages (Debian's
// golang-golang-x-mod-dev, built in GOPATH mode) read our checkpoint and tiles over HTTP.
const GOPATH = '/usr/share/gocode'
const hasGo = spawnSync('go', ['version']).status === 0 && spawnSync('test', ['-d', `${GOPATH}/src/golang.org/x/mod/sumdb/tlog`]).status === 0
const run = promisify(execFile)
const source = fileURLToPath(new URL('./go-tlog-client/', import.meta.url))

describe.skipIf(!hasGo)(`the Go sumdb tlog client${hasGo ? '' : ' (skipped: go or golang-golang-x-mod-dev is not installed)'}`, () => {
  let dir: string
  let binary: string
  let fixture: LogFixture
  let server: RunningServer
  let url: string
  const goEnv = () => ({ ...process.env, GO111MODULE: 'off', GOPATH, GOCACHE: join(dir, 'cache'), GOFLAGS: '' })

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'emblem-go-tlog-'))
    binary = join(dir, 'go-tlog-client')
    await run('go', ['build', '-o', binary, '.'], { cwd: source, env: goEnv() })
    fixture = await openLogFixture({ file: true })
    await fixture.append(Array.from({ length: 700 }, (_, n) => loggable(n)))
    await fixture.signCheckpoint()
    // A witness's cosignature line rides along in the checkpoint: Go's note.Open skips signatures of unknown keys.
    const witness = createCosigner('witness.example/w1', new Uint8Array(32).fill(9))
    const latest = (await fixture.reader.latestCheckpoint())!
    const line = witness.cosign(latest.note.slice(0, latest.note.indexOf('\n\n') + 1), 1_800_000_000)
    server = await startServer(loadConfig({ PORT: '0' }, {}), {
      log: silentLogger,
      handleSignals: false,
      transparencyLog: {
        reader: fixture.reader,
        verifierKey: fixture.verifierKey,
        witnessing: { witnesses: [witness], noteAt: async () => latest.note, add: async () => {}, linesFor: async () => [{ witness: witness.name, line, timestamp: 1_800_000_000 }], now: () => new Date() },
      },
    })
    url = `http://127.0.0.1:${server.port}/log`
  }, 120_000)
  afterAll(async () => {
    await server?.close()
    await fixture?.close()
    await rm(dir, { recursive: true, force: true })
  })

  it('serves the checkpoint with the witness cosignature line', async () => {
    expect(await (await fetch(`${url}/checkpoint`)).text()).toContain('\u2014 witness.example/w1 ')
  })

  it('verifies the checkpoint, recomputes the root from the tiles and proves leaves in full and partial tiles', async () => {
    const { stdout } = await run(binary, [url, fixture.verifierKey, '0', '255', '256', '511', '512', '699'])
    const lines = stdout.trim().split('\n')
    expect(lines.filter((l) => l.startsWith('included ')).map((l) => Number(l.split(' ')[1]))).toEqual([0, 255, 256, 511, 512, 699])
    expect(lines[1]).toContain(`"credential":"${loggable(255).id as string}"`)
    expect(lines.at(-1)).toBe(`verified ${ORIGIN} 700`)
  })

  it('rejects the checkpoint under a key that did not sign it', async () => {
    await expect(run(binary, [url, strangerKey(), '0'])).rejects.toMatchObject({ stderr: expect.stringContaining('checkpoint') })
  })

  it('fails to prove a leaf whose stored entry was rewritten', async () => {
    const leaf = (await fixture.reader.leaf(300))!
    await fixture.tamperEntry(300, new TextEncoder().encode(new TextDecoder().decode(leaf.entry).replace('credential', 'credentiaL')))
    await expect(run(binary, [url, fixture.verifierKey, '300'])).rejects.toMatchObject({ stderr: expect.stringContaining('record 300') })
  })
})
