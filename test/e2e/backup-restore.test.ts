// `emblem backup` while a real `emblem serve` issues credentials, `emblem restore` into an empty data
// directory, and what a log monitor that saw the newer log says about the restored (older) one.
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { seedInstance, startEmblem, testMasterKey, type EmblemProcess } from '../support/emblem-process.js'
import { freePort } from '../support/server-process.js'
import { runCli, issueOne, waitForCheckpoint } from '../support/emblem-cli.js'

let dir: string
let running: EmblemProcess | undefined

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'emblem-backup-'))
})
afterEach(async () => {
  await running?.stop()
  running = undefined
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('emblem backup and emblem restore (SQLite)', () => {
  it('backs up while credentials are issued; the restored instance serves every backed-up credential, audits clean, and a monitor that saw more reports the rollback', { timeout: 240_000 }, async () => {
    const port = await freePort()
    const publicUrl = `http://127.0.0.1:${port}`
    const masterKey = testMasterKey()
    const original = join(dir, 'original')
    const restored = join(dir, 'restored')
    const backupFile = join(dir, 'emblem-backup.db')
    const state = join(dir, 'monitor-state.json')
    await mkdir(original)
    const seeded = await seedInstance({ databaseUrl: join(original, 'emblem.db'), masterKey, publicUrl })
    const env = { EMBLEM_MASTER_KEY: masterKey, EMBLEM_PUBLIC_URL: publicUrl, PORT: String(port), EMBLEM_FETCH_ALLOW_HTTP: 'true', EMBLEM_FETCH_ALLOW_PRIVATE: 'true' }
    running = await startEmblem(['serve'], { ...env, EMBLEM_DATA_DIR: original })
    const base = running.base

    const before: string[] = []
    for (let i = 0; i < 8; i++) before.push(await issueOne(base, seeded, `before-${i}`))
    // Two writers keep issuing while the backup copies the database.
    let writing = true
    const during: string[] = []
    const writers = [0, 1].map(async (w) => {
      for (let i = 0; writing; i++) during.push(await issueOne(base, seeded, `during-${w}-${i}`))
    })
    await new Promise((r) => setTimeout(r, 300))
    const backup = await runCli({ ...env, EMBLEM_DATA_DIR: original }, 'backup', backupFile)
    writing = false
    await Promise.all(writers)
    expect(backup.code, backup.err).toBe(0)
    expect(backup.out).toMatch(/^Backed up \d+ credentials and \d+ log entries \(schema \d{4}_\w+\) to .*emblem-backup\.db, \d+ bytes\.\n$/)
    expect(backup.err).toContain('The master key is not in the backup')
    // A second backup to the same file is refused.
    expect((await runCli({ ...env, EMBLEM_DATA_DIR: original }, 'backup', backupFile)).code).toBe(2)

    // The monitor follows the original log to its end: it has seen every entry.
    const after: string[] = []
    for (let i = 0; i < 3; i++) after.push(await issueOne(base, seeded, `after-${i}`))
    const issuedTotal = before.length + during.length + after.length
    await waitForCheckpoint(base, issuedTotal)
    const monitorOriginal = await runCli(env, 'log', 'monitor', '--url', `${base}/log`, '--issuer', 'did:web:x', '--state', state)
    expect(monitorOriginal.code, monitorOriginal.err).toBe(0)
    await running.stop()
    running = undefined

    const copy = new BetterSqlite3(backupFile, { readonly: true })
    const backedUp = (copy.prepare('select id from credentials').all() as { id: string }[]).map((r) => r.id)
    copy.close()
    // Everything issued before the backup started is in it; it is a prefix of what was issued, short of the end.
    for (const id of before) expect(backedUp).toContain(id)
    expect(backedUp.length).toBeGreaterThanOrEqual(before.length)
    expect(backedUp.length).toBeLessThan(issuedTotal)

    // Restore refuses a data directory in use, then restores into an empty one.
    const refused = await runCli({ ...env, EMBLEM_DATA_DIR: original }, 'restore', backupFile)
    expect(refused.code).toBe(2)
    expect(refused.err).toMatch(/The data directory .* is not empty \(.*emblem\.db.*\); restore into an empty one, or pass --force/)
    const restore = await runCli({ ...env, EMBLEM_DATA_DIR: restored }, 'restore', backupFile)
    expect(restore.code, restore.err).toBe(0)
    expect(restore.out).toContain(`Restored ${backedUp.length} credentials`)
    expect((await readdir(restored)).sort()).toEqual(expect.arrayContaining(['emblem.db', 'log-signer.key']))

    running = await startEmblem(['serve'], { ...env, EMBLEM_DATA_DIR: restored })
    for (const id of backedUp) {
      const res = await fetch(`${running.base}/credentials/${encodeURIComponent(id)}`, { headers: { accept: 'application/json' } })
      expect(res.status, id).toBe(200)
      expect(((await res.json()) as { id: string }).id).toBe(id)
    }
    await waitForCheckpoint(running.base, backedUp.length)
    const audit = await runCli(env, 'log', 'audit', '--url', `${running.base}/log`, '--key', (await (await fetch(`${running.base}/log/key`)).text()).trim())
    expect(audit.code, audit.err).toBe(0)
    expect(audit.out).toContain(`${backedUp.length} entries`)
    // The restored log still signs with the log key of the original: a new credential is issued and logged.
    expect(await issueOne(running.base, seeded, 'restored-0')).toMatch(/^urn:uuid:/)

    // A monitor that saw the original's larger checkpoint: the log shrank.
    await waitForCheckpoint(running.base, backedUp.length + 1)
    const shrank = await runCli(env, 'log', 'monitor', '--url', `${running.base}/log`, '--issuer', 'did:web:x', '--state', state)
    expect(shrank.code).toBe(1)
    expect(shrank.err).toMatch(/The log shrank from \d+ to \d+ entries/)
    // New entries appended past the old size do not hide it: the first entries differ.
    const more = issuedTotal - backedUp.length + 2
    for (let i = 0; i < more; i++) await issueOne(running.base, seeded, `restored-more-${i}`)
    await waitForCheckpoint(running.base, issuedTotal + 2)
    const forked = await runCli(env, 'log', 'monitor', '--url', `${running.base}/log`, '--issuer', 'did:web:x', '--state', state)
    expect(forked.code).toBe(1)
    expect(forked.err).toMatch(new RegExp(`The log is not consistent with the saved checkpoint of size ${issuedTotal}: its first ${issuedTotal} entries changed`))
  })

  it('refuses what is not a backup, and a backup of a newer schema', async () => {
    const target = join(dir, 'empty-target')
    const garbage = join(dir, 'garbage.db')
    await writeFile(garbage, 'not a database at all, just text '.repeat(200))
    const notDb = await runCli({ EMBLEM_DATA_DIR: target }, 'restore', garbage)
    expect(notDb.code).toBe(2)
    expect(notDb.err).toMatch(/garbage\.db is not (a|a readable) SQLite database/)
    const newer = join(dir, 'newer.db')
    const db = new BetterSqlite3(newer)
    db.exec(`create table kysely_migration (name text primary key, timestamp text); insert into kysely_migration values ('0001_initial', ''), ('9999_future', '')`)
    db.close()
    const refused = await runCli({ EMBLEM_DATA_DIR: target }, 'restore', newer)
    expect(refused.code).toBe(2)
    expect(refused.err).toContain('was made by a newer Emblem (schema 9999_future)')
    const missing = await runCli({ EMBLEM_DATA_DIR: target }, 'backup', join(dir, 'x.db'))
    expect(missing.code).toBe(2)
    expect(missing.err).toContain('There is no database at')
  })

  it('on PostgreSQL prints the pg_dump procedure and exits 2', async () => {
    for (const command of ['backup', 'restore']) {
      const { code, err } = await runCli({ EMBLEM_DATABASE_URL: 'postgres://emblem:secret@db.internal:5432/emblem' }, command, join(dir, 'pg.dump'))
      expect(code).toBe(2)
      expect(err).toContain('this instance uses PostgreSQL')
      expect(err).toContain('pg_dump --format=custom')
      expect(err).toContain('pg_restore')
      expect(err).not.toContain('secret')
    }
  })
})
