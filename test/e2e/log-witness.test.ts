// Witness cosignatures end to end against a real `emblem serve`: `emblem log witness` audits the
// log, cosigns its checkpoint (C2SP tlog-cosignature) and posts it; /log/checkpoint then carries
// the line, which verifies, and the log's own signature still opens the note. A witness the operator
// did not configure is refused (403 problem), and a log restored from an older backup — a fork of
// what the witness cosigned — is refused with nothing cosigned.
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { openNote, parseCosignerKey, parseVerifierKey, verifyCosignature, createCosigner } from '../../src/core/transparency-log/index.js'
import { seedInstance, startEmblem, testMasterKey, type EmblemProcess } from '../support/emblem-process.js'
import { freePort } from '../support/server-process.js'
import { runCli, issueOne, waitForCheckpoint } from '../support/emblem-cli.js'

let dir: string
let running: EmblemProcess | undefined

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'emblem-witness-'))
})
afterEach(async () => {
  await running?.stop()
  running = undefined
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('emblem log witness and POST /log/cosignatures', () => {
  it('cosigns, serves the cosignature with the checkpoint, refuses an unconfigured witness and a forked log', { timeout: 240_000 }, async () => {
    const keyFile = join(dir, 'witness.key')
    const strangerFile = join(dir, 'stranger.key')
    const state = join(dir, 'witness-state.json')
    const made = await runCli({}, 'log', 'witness', '--new-key', 'witness.example/w1', '--key', keyFile)
    expect(made.code, made.err).toBe(0)
    const witnessKey = made.out.trim()
    expect(parseCosignerKey(witnessKey).name).toBe('witness.example/w1')
    expect((await runCli({}, 'log', 'witness', '--new-key', 'stranger.example', '--key', strangerFile)).code).toBe(0)

    const port = await freePort()
    const publicUrl = `http://127.0.0.1:${port}`
    const masterKey = testMasterKey()
    const original = join(dir, 'original')
    await mkdir(original)
    const seeded = await seedInstance({ databaseUrl: join(original, 'emblem.db'), masterKey, publicUrl })
    const env = { EMBLEM_MASTER_KEY: masterKey, EMBLEM_PUBLIC_URL: publicUrl, PORT: String(port), EMBLEM_LOG_WITNESSES: witnessKey }
    running = await startEmblem(['serve'], { ...env, EMBLEM_DATA_DIR: original })
    const base = running.base
    for (let i = 0; i < 3; i++) await issueOne(base, seeded, `a${i}`)
    await waitForCheckpoint(base, 3)
    const backupFile = join(dir, 'at-3.db')
    expect((await runCli({ ...env, EMBLEM_DATA_DIR: original }, 'backup', backupFile)).code).toBe(0)
    const logKey = (await (await fetch(`${base}/log/key`)).text()).trim()
    const witness = (keyArg: string) => runCli(env, 'log', 'witness', '--log', `${base}/log`, '--key', keyArg, '--state', state, '--log-key', logKey, '--allow-http', '--allow-private')

    const first = await witness(keyFile)
    expect(first.code, first.err).toBe(0)
    expect(first.out).toMatch(/^Cosigned 127\.0\.0\.1:\d+\/log at 3 entries as witness\.example\/w1\n$/)
    const note = await (await fetch(`${base}/log/checkpoint`)).text()
    const line = note.split('\n').find((l) => l.startsWith('\u2014 witness.example/w1 '))
    expect(line, note).toBeDefined()
    const text = note.slice(0, note.indexOf('\n\n') + 1)
    expect(verifyCosignature(parseCosignerKey(witnessKey), text, line!).timestamp).toBeGreaterThan(1_700_000_000)
    // The log's own signature still opens the note; the witness's line is one more signature.
    expect(openNote(note, [parseVerifierKey(logKey)]).text).toBe(text)
    expect((await runCli(env, 'log', 'audit', '--url', `${base}/log`, '--key', logKey, '--allow-http', '--allow-private')).code).toBe(0)
    // The /log page says who cosigned the latest checkpoint.
    const page = await (await fetch(`${base}/log`, { headers: { accept: 'text/html' } })).text()
    expect(page).toMatch(/<dt>Cosigned by<\/dt><dd id="cosigned-by"><code>witness\.example\/w1<\/code><\/dd>/)

    for (let i = 0; i < 3; i++) await issueOne(base, seeded, `b${i}`)
    await waitForCheckpoint(base, 6)
    const second = await witness(keyFile)
    expect(second.code, second.err).toBe(0)
    expect(second.out).toContain('at 6 entries as witness.example/w1; consistent with the cosigned checkpoint of size 3')

    // A witness the operator did not configure: 403 problem, through the command and directly.
    const stranger = await witness(strangerFile)
    expect(stranger.code).toBe(1)
    expect(stranger.err).toMatch(/refused the cosignature \(HTTP 403\): stranger\.example is not a witness of this log/)
    const post = (body: unknown) => fetch(`${base}/log/cosignatures`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) })
    const strangerLine = createCosigner('stranger.example', new Uint8Array(32).fill(7)).cosign(text, 1_800_000_000).trimEnd()
    const refused = await post({ size: 3, cosignature: strangerLine })
    expect(refused.status).toBe(403)
    expect(refused.headers.get('content-type')).toContain('application/problem+json')
    // Bad input is a 4xx problem, never a 500.
    expect((await post('{not json')).status).toBe(400)
    expect((await post({ size: 3 })).status).toBe(400)
    expect((await post({ size: 3, cosignature: 'no signature line' })).status).toBe(400)
    const ours = (await import('../../src/core/transparency-log/index.js')).parseCosignerPrivateKey((await import('node:fs')).readFileSync(keyFile, 'utf8'))
    expect((await post({ size: 99_999, cosignature: ours.cosign(text, 1_800_000_000).trimEnd() })).status).toBe(404)
    // A line of our witness over another text does not verify.
    expect((await post({ size: 3, cosignature: ours.cosign('other.example/log\n3\nAAAA\n', 1_800_000_000).trimEnd() })).status).toBe(400)
    await running.stop()
    running = undefined

    // The operator restores the backup taken at 3 entries and issues more: the log forked from what the witness cosigned.
    const restored = join(dir, 'restored')
    expect((await runCli({ ...env, EMBLEM_DATA_DIR: restored }, 'restore', backupFile)).code).toBe(0)
    running = await startEmblem(['serve'], { ...env, EMBLEM_DATA_DIR: restored })
    for (let i = 0; i < 5; i++) await issueOne(running.base, seeded, `c${i}`)
    await waitForCheckpoint(running.base, 8)
    const forked = await witness(keyFile)
    expect(forked.code).toBe(1)
    expect(forked.err).toContain('The log is not consistent with the saved checkpoint of size 6')
    expect(await (await fetch(`${running.base}/log/checkpoint`)).text()).not.toContain('\u2014 witness.example/w1 ')
  })
})
