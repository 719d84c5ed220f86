// RELIABILITY.md §2.15 / R28: a database restored from an older backup is refused. Real `emblem serve`
// processes over one data directory: a backup at N entries, more issued and signed to M, the old backup
// restored over the data directory (--force) — every role refuses to start, naming both sizes, nothing
// is signed or served — until the operator's documented way out (`emblem log forget-head --yes`).
// A normal restart and a restore of the newest backup start fine. On PostgreSQL (TEST_DATABASE_URL), a
// web process and a worker on one database restart without a false alarm and refuse another
// database whose log is behind the mark.
import { randomBytes } from 'node:crypto'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import pg from 'pg'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { parseCheckpoint } from '../../src/core/transparency-log/index.js'
import { TEST_DATABASE_URL } from '../store/postgres-schema.js'
import { runCli, issueOne, waitForCheckpoint } from '../support/emblem-cli.js'
import { seedInstance, startEmblem, testMasterKey, waitFor, type EmblemProcess } from '../support/emblem-process.js'
import { freePort } from '../support/server-process.js'

let dir: string
const running: EmblemProcess[] = []

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'emblem-rollback-'))
})
afterEach(async () => {
  await Promise.all(running.splice(0).map((p) => p.stop()))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

/** The size of the checkpoint recorded in a data directory's `log-head`, or undefined without one. */
async function markSize(dataDir: string): Promise<number | undefined> {
  const note = await readFile(join(dataDir, 'log-head'), 'utf8').catch(() => undefined)
  return note === undefined ? undefined : parseCheckpoint(note.slice(0, note.indexOf('\n\n') + 1)).size
}

/** Starts `emblem serve` expecting it to refuse: its exit code and what it wrote, or throws if it listened. */
async function refusedServe(args: string[], env: Record<string, string>): Promise<{ code: number; err: string }> {
  try {
    const started = await startEmblem(['serve', ...args], env)
    running.push(started)
  } catch (err) {
    const found = /^exited (\d+|null) before listening:\n([\s\S]*)$/.exec((err as Error).message)
    if (found) return { code: Number(found[1]), err: found[2]! }
    throw err
  }
  throw new Error(`emblem serve ${args.join(' ')} started over a rewound log`)
}

/** Signed checkpoints stored in a SQLite database: their sizes, newest first. */
function storedCheckpoints(database: string): number[] {
  const db = new BetterSqlite3(database, { readonly: true })
  try {
    return (db.prepare('select size from checkpoints order by size desc').all() as { size: number }[]).map((r) => Number(r.size))
  } finally {
    db.close()
  }
}

describe('a database restored from an older backup (SQLite)', () => {
  it('is refused by every role until the operator forgets the mark; a normal restart and the newest backup start fine', { timeout: 240_000 }, async () => {
    const port = await freePort()
    const publicUrl = `http://127.0.0.1:${port}`
    const masterKey = testMasterKey()
    const dataDir = join(dir, 'instance')
    const oldBackup = join(dir, 'old.db')
    const newBackup = join(dir, 'new.db')
    await mkdir(dataDir)
    const database = join(dataDir, 'emblem.db')
    const seeded = await seedInstance({ databaseUrl: database, masterKey, publicUrl })
    const env = { EMBLEM_MASTER_KEY: masterKey, EMBLEM_PUBLIC_URL: publicUrl, PORT: String(port), EMBLEM_DATA_DIR: dataDir }

    let server = await startEmblem(['serve'], env)
    running.push(server)
    for (let i = 0; i < 3; i++) await issueOne(server.base, seeded, `old-${i}`)
    await waitForCheckpoint(server.base, 3)
    await waitFor('the mark to reach 3', async () => (await markSize(dataDir)) === 3)
    const backedUp = await runCli(env, 'backup', oldBackup)
    expect(backedUp.code, backedUp.err).toBe(0)
    expect(backedUp.out).toContain('3 log entries')
    for (let i = 0; i < 4; i++) await issueOne(server.base, seeded, `new-${i}`)
    await waitForCheckpoint(server.base, 7)
    // The mark follows every checkpoint this process signs, and is never in a backup.
    await waitFor('the mark to reach 7', async () => (await markSize(dataDir)) === 7)
    const copy = new BetterSqlite3(oldBackup, { readonly: true })
    expect((copy.prepare('select role from emblem_backup_files').all() as { role: string }[]).map((r) => r.role)).not.toContain('log-head')
    copy.close()
    await server.stop()
    running.length = 0

    // A normal restart: no false alarm. Then the newest backup, taken while stopped.
    server = await startEmblem(['serve'], env)
    running.push(server)
    expect((await fetch(`${server.base}/readyz`)).status).toBe(200)
    await server.stop()
    running.length = 0
    expect((await runCli(env, 'backup', newBackup)).code).toBe(0)

    // The old backup over the data directory: restore keeps the mark, and every role refuses to start.
    const restored = await runCli(env, 'restore', '--force', oldBackup)
    expect(restored.code, restored.err).toBe(0)
    expect(restored.err).toContain('emblem serve refuses the older one')
    expect(await markSize(dataDir)).toBe(7)
    for (const role of ['all', 'web', 'worker']) {
      const refused = await refusedServe(['--role', role], env)
      expect(refused.code, role).toBe(1)
      expect(refused.err).toContain('The transparency log in the database has 3 entries, fewer than the 7 of the last checkpoint this instance signed and published')
      expect(refused.err).toContain('emblem log forget-head --yes')
      expect(refused.err).toContain('docs/OPERATIONS.md#the-server-refuses-a-rewound-log')
      expect(refused.err).not.toContain('Emblem listening')
    }
    // Nothing was signed over the rewound log, and the mark is untouched.
    expect(storedCheckpoints(database)[0]).toBe(3)
    expect(await markSize(dataDir)).toBe(7)

    // The newest backup restored instead: it starts, with the mark where it was.
    expect((await runCli(env, 'restore', '--force', newBackup)).code).toBe(0)
    server = await startEmblem(['serve'], env)
    running.push(server)
    expect((await fetch(`${server.base}/readyz`)).status).toBe(200)
    expect(await issueOne(server.base, seeded, 'after-newest')).toMatch(/^urn:uuid:/)
    await waitForCheckpoint(server.base, 8)
    await waitFor('the mark to reach 8', async () => (await markSize(dataDir)) === 8)
    await server.stop()
    running.length = 0

    // The old one again, and the documented way out: refused without --yes, then the mark forgotten.
    expect((await runCli(env, 'restore', '--force', oldBackup)).code).toBe(0)
    expect((await refusedServe([], env)).err).toContain('has 3 entries, fewer than the 8')
    const unsure = await runCli(env, 'log', 'forget-head')
    expect(unsure.code).toBe(2)
    expect(unsure.err).toContain('monitors and witnesses that saw the larger log will report the rollback')
    expect(await markSize(dataDir)).toBe(8)
    const forgot = await runCli(env, 'log', 'forget-head', '--yes')
    expect(forgot.code, forgot.err).toBe(0)
    expect(forgot.out).toContain(`Forgot the log's high-water mark ${join(dataDir, 'log-head')} (8 entries of 127.0.0.1:${port}/log)`)
    expect(forgot.err).toContain('Monitors and witnesses that saw the larger log will report the rollback or fork')
    server = await startEmblem(['serve'], env)
    running.push(server)
    expect(await markSize(dataDir)).toBe(3)
    expect(await issueOne(server.base, seeded, 'after-forget')).toMatch(/^urn:uuid:/)
    await waitForCheckpoint(server.base, 4)
    // The mark is written just after the checkpoint is served: edit it only once it holds 4, or that write replaces the edit.
    await waitFor('the mark to reach 4', async () => (await markSize(dataDir)) === 4)

    // Found while running (another process recorded a checkpoint this database never had): /readyz 503, nothing signed.
    const note = await readFile(join(dataDir, 'log-head'), 'utf8')
    await writeFile(join(dataDir, 'log-head'), note.replace(/^(.*\n)\d+\n/, '$140\n'))
    await waitFor('readiness to refuse', async () => (await fetch(`${server.base}/readyz`)).status === 503, 15_000)
    const problem = (await (await fetch(`${server.base}/readyz`)).json()) as { code: string; detail: string }
    expect(problem.code).toBe('ERR_LOG_UNAVAILABLE')
    expect(problem.detail).toMatch(/has 4 entries, fewer than the 40/)
    await issueOne(server.base, seeded, 'unsigned')
    await new Promise((r) => setTimeout(r, 1_500))
    expect(Number((await (await fetch(`${server.base}/log/checkpoint`)).text()).split('\n')[1])).toBe(4)
  })
})

describe.skipIf(!TEST_DATABASE_URL)('a web process and a worker on PostgreSQL', () => {
  const databases = [`emblem_rollback_${randomBytes(4).toString('hex')}`, `emblem_rollback_${randomBytes(4).toString('hex')}`]
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: TEST_DATABASE_URL })
    await client.connect()
    try {
      await client.query(sql)
    } finally {
      await client.end()
    }
  }
  const urlOf = (name: string) => {
    const url = new URL(TEST_DATABASE_URL!)
    url.pathname = `/${name}`
    return url.toString()
  }
  afterAll(async () => {
    await Promise.all(running.splice(0).map((p) => p.stop()))
    for (const name of databases) await admin(`drop database if exists ${name} with (force)`)
  }, 60_000)

  it('restart without a false alarm, and refuse a database whose log is behind the mark', { timeout: 180_000 }, async () => {
    for (const name of databases) await admin(`create database ${name}`)
    const masterKey = testMasterKey()
    const publicUrl = 'http://localhost:3000'
    const dataDir = join(dir, 'postgres')
    await mkdir(dataDir)
    const [current, other] = databases.map(urlOf) as [string, string]
    const seeded = await seedInstance({ databaseUrl: current, masterKey, publicUrl })
    await seedInstance({ databaseUrl: other, masterKey, publicUrl })
    const env = { EMBLEM_MASTER_KEY: masterKey, EMBLEM_PUBLIC_URL: publicUrl, EMBLEM_DATA_DIR: dataDir, EMBLEM_DATABASE_URL: current }
    const start = async () => {
      const web = await startEmblem(['serve', '--role', 'web'], env)
      const worker = await startEmblem(['serve', '--role', 'worker'], env)
      running.push(web, worker)
      return web
    }
    let web = await start()
    for (let i = 0; i < 5; i++) await issueOne(web.base, seeded, `pg-${i}`)
    await waitForCheckpoint(web.base, 5)
    await waitFor('the mark to reach 5', async () => (await markSize(dataDir)) === 5)
    await Promise.all(running.splice(0).map((p) => p.stop()))
    // Both roles again (and once more, killed rather than stopped): no false alarm.
    web = await start()
    expect((await fetch(`${web.base}/readyz`)).status).toBe(200)
    await issueOne(web.base, seeded, 'pg-restart')
    await waitForCheckpoint(web.base, 6)
    await Promise.all(running.splice(0).map((p) => p.stop('SIGKILL')))
    web = await start()
    expect((await fetch(`${web.base}/readyz`)).status).toBe(200)
    await Promise.all(running.splice(0).map((p) => p.stop()))
    // The same data directory over a database whose log is behind (an older pg_restore): refused, every role.
    const elsewhere = { ...env, EMBLEM_DATABASE_URL: other }
    for (const role of ['web', 'worker']) {
      const refused = await refusedServe(['--role', role], elsewhere)
      expect(refused.code, role).toBe(1)
      expect(refused.err).toMatch(/has 0 entries, fewer than the [56] of the last checkpoint/)
    }
  })
})
