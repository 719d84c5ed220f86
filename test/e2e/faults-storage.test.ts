// Issue #11 item 1: a full disk and a read-only data directory, with a real `emblem serve`.
// - Full disk: the data directory on a small tmpfs, filled; issuing answers a clear 507 problem (no
//   500, no stack), nothing is half-written (every stored credential is in the log), and once space
//   is freed issuing works again.
// - Read-only: `emblem serve` on a read-only data directory exits non-zero with one clear line; a
//   PostgreSQL database that turns read-only (as a standby does) answers writes 503 with Retry-After,
//   and writes work again once it is writable.
// Mounting a tmpfs needs root (we are root in CI's sandbox); without it those tests are skipped, saying why.
import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { openStore } from '../../src/store/index.js'
import { TEST_DATABASE_URL } from '../store/postgres-schema.js'
import { batchState, csvOf, queueBatch, seedInstance, startEmblem, testMasterKey, waitFor, type EmblemProcess, type SeededInstance } from '../support/emblem-process.js'

const PUBLIC_URL = 'http://localhost:3000'
const mounts: string[] = []
/** Mounts a tmpfs of `size` on a fresh directory; undefined when this process may not mount. */
function smallDisk(size: string): string | undefined {
  const dir = mkdtempSync(join(tmpdir(), 'emblem-disk-'))
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size},mode=0700`, 'tmpfs', dir], { encoding: 'utf8' })
  if (mounted.status !== 0) {
    rmSync(dir, { recursive: true, force: true })
    return undefined
  }
  mounts.push(dir)
  return dir
}
const remount = (dir: string, mode: 'ro' | 'rw') => {
  const r = spawnSync('mount', ['-o', `remount,${mode}`, dir], { encoding: 'utf8' })
  if (r.status !== 0) throw new Error(`remount ${mode} of ${dir} failed: ${r.stderr}`)
}
const probe = smallDisk('1m')
const canMount = probe !== undefined
if (!canMount) console.warn('faults-storage: cannot mount a tmpfs here (needs root): the full-disk and read-only data directory tests are skipped')

afterAll(() => {
  for (const dir of mounts) {
    spawnSync('umount', ['-l', dir])
    rmSync(dir, { recursive: true, force: true })
  }
})

const issue = (p: EmblemProcess, seeded: SeededInstance, email: string) =>
  fetch(`${p.base}/api/v1/orgs/${seeded.orgSlug}/achievements/${seeded.achievementId}/credentials`, {
    method: 'POST',
    headers: { authorization: `Bearer ${seeded.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ recipient: { email, name: 'Disk Learner' } }),
  })

describe.skipIf(!canMount)('a full disk under a SQLite data directory', () => {
  let server: EmblemProcess | undefined
  afterAll(async () => void (await server?.stop('SIGKILL')))

  it('answers 507 with a clear problem, stores nothing half-written, and works again once space is freed', { timeout: 120_000 }, async () => {
    const dir = smallDisk('4m')!
    const masterKey = testMasterKey()
    const seeded = await seedInstance({ databaseUrl: join(dir, 'emblem.db'), masterKey, publicUrl: PUBLIC_URL })
    server = await startEmblem(['serve'], { EMBLEM_DATA_DIR: dir, EMBLEM_MASTER_KEY: masterKey, EMBLEM_PUBLIC_URL: PUBLIC_URL })
    expect((await issue(server, seeded, 'before@example.org')).status).toBe(201)

    // Fill the disk.
    const fillers: string[] = []
    // Large files first, then ever smaller ones, so not even a page is left.
    for (const size of [32 * 1024, 4096, 512]) {
      try {
        for (let i = 0; ; i++) {
          const file = join(dir, `filler-${size}-${i}`)
          writeFileSync(file, Buffer.alloc(size, 1))
          fillers.push(file)
        }
      } catch (err) {
        expect((err as NodeJS.ErrnoException).code).toBe('ENOSPC')
      }
    }

    // SQLite may still fit a write into WAL pages its file already holds (a checkpoint lets it reuse
    // them), so an attempt is stored whole (201) or refused cleanly (507): never a 500, never half.
    const attempts = Array.from({ length: 12 }, (_, i) => `full-${i}@example.org`)
    const stored: string[] = []
    const refused: string[] = []
    for (const email of attempts) {
      const res = await issue(server, seeded, email)
      expect([201, 507], email).toContain(res.status)
      if (res.status === 201) {
        stored.push(email)
        continue
      }
      refused.push(email)
      expect(res.headers.get('content-type')).toMatch(/problem\+json/)
      expect(res.headers.get('retry-after')).toMatch(/^\d+$/)
      const problem = (await res.json()) as { code: string; detail: string }
      expect(problem.code).toBe('ERR_STORAGE_FULL')
      expect(problem.detail).toMatch(/out of storage space/)
      expect(JSON.stringify(problem)).not.toMatch(/\bat .*\.js:\d+|SqliteError/)
    }
    expect(refused.length, `stored while full: ${stored.join(', ')}`).toBeGreaterThanOrEqual(6)
    // A CSV upload is refused the same way.
    const upload = await fetch(`${server.base}/api/v1/orgs/${seeded.orgSlug}/achievements/${seeded.achievementId}/batches`, {
      method: 'POST',
      headers: { authorization: `Bearer ${seeded.apiKey}`, 'content-type': 'text/csv', 'content-disposition': 'attachment; filename="full.csv"' },
      body: csvOf(2000, 'full-batch'),
    })
    expect([507, 503]).toContain(upload.status)
    expect(upload.headers.get('content-type')).toMatch(/problem\+json/)
    // Still alive and serving reads.
    expect((await fetch(`${server.base}/healthz`)).status).toBe(200)
    expect(server.child.exitCode).toBeNull()
    expect(server.log()).not.toMatch(/"message":"Unhandled error"/)

    // Space freed: issuing works again, without a restart.
    for (const file of fillers) rmSync(file)
    const after = await issue(server, seeded, 'after@example.org')
    expect(after.status).toBe(201)
    const base = server.base
    await waitFor('a checkpoint over the stored credentials', async () => Number((await (await fetch(`${base}/log/checkpoint`)).text()).split('\n')[1]) >= 2, 30_000)

    // Nothing half-written: every stored credential is logged, and the refused ones are either absent or whole.
    const store = await openStore({ url: join(dir, 'emblem.db') })
    try {
      const issued = await store.db.selectFrom('issued_credentials').select(['credential_id', 'recipient_email']).execute()
      const leaves = await store.db.selectFrom('log_leaves').select(['idx', 'credential_id']).orderBy('idx').execute()
      expect(leaves.map((l) => Number(l.idx))).toEqual(Array.from({ length: leaves.length }, (_, i) => i))
      expect(new Set(leaves.map((l) => l.credential_id))).toEqual(new Set(issued.map((c) => c.credential_id)))
      const emails = issued.map((c) => c.recipient_email)
      expect(emails).toContain('before@example.org')
      expect(emails).toContain('after@example.org')
      for (const email of stored) expect(emails).toContain(email)
      for (const email of refused) expect(emails).not.toContain(email)
    } finally {
      await store.close()
    }
    expect(await server.stop('SIGTERM')).toBe(0)
  })
})

describe.skipIf(!canMount)('a full disk while a CSV batch runs', () => {
  const running: EmblemProcess[] = []
  afterAll(async () => void (await Promise.all(running.map((p) => p.stop('SIGKILL')))))

  it('leaves the batch running (never failed, nothing half-written) and finishes it once space is freed', { timeout: 120_000 }, async () => {
    const dir = smallDisk('24m')!
    const masterKey = testMasterKey()
    const seeded = await seedInstance({ databaseUrl: join(dir, 'emblem.db'), masterKey, publicUrl: PUBLIC_URL })
    const env = { EMBLEM_DATA_DIR: dir, EMBLEM_MASTER_KEY: masterKey, EMBLEM_PUBLIC_URL: PUBLIC_URL, EMBLEM_BATCH_LEASE_SECONDS: '1', EMBLEM_BATCH_CHUNK_ROWS: '20' }
    // A web process accepts the upload; the worker starts only once the disk is full.
    const web = await startEmblem(['serve', '--role', 'web'], env)
    running.push(web)
    const rows = 100
    const id = await queueBatch(web.base, seeded, csvOf(rows, 'disk-batch'), 'disk.csv')
    const fillers: string[] = []
    try {
      for (let i = 0; ; i++) {
        const file = join(dir, `filler-${i}`)
        writeFileSync(file, Buffer.alloc(16 * 1024, 1))
        fillers.push(file)
      }
    } catch (err) {
      expect((err as NodeJS.ErrnoException).code).toBe('ENOSPC')
    }
    const worker = await startEmblem(['serve', '--role', 'worker'], env)
    running.push(worker)
    await new Promise((r) => setTimeout(r, 4000))
    const stuck = await batchState(web.base, seeded, id)
    expect(stuck.state).not.toBe('failed')
    expect(stuck.issued).toBeLessThan(rows)

    for (const file of fillers) rmSync(file)
    await waitFor('the batch to finish', async () => (await batchState(web.base, seeded, id)).state === 'done', 30_000).catch(async (err) => {
      console.log(JSON.stringify(await batchState(web.base, seeded, id)), worker.log().split('\n').filter((l) => !/disk is full/.test(l)).slice(-8).join('\n'), spawnSync('ls', ['-la', dir], { encoding: 'utf8' }).stdout, spawnSync('df', ['-k', dir], { encoding: 'utf8' }).stdout)
      throw err
    })
    expect(await batchState(web.base, seeded, id)).toMatchObject({ state: 'done', issued: rows, failed: 0 })
    const store = await openStore({ url: join(dir, 'emblem.db') })
    try {
      const issued = await store.db.selectFrom('issued_credentials').select(['credential_id', 'batch_row']).where('batch_id', '=', id).execute()
      expect(issued).toHaveLength(rows)
      expect(new Set(issued.map((c) => Number(c.batch_row))).size).toBe(rows)
      const leaves = await store.db.selectFrom('log_leaves').select(['idx', 'credential_id']).orderBy('idx').execute()
      expect(leaves.map((l) => Number(l.idx))).toEqual(Array.from({ length: rows }, (_, i) => i))
      expect(new Set(leaves.map((l) => l.credential_id))).toEqual(new Set(issued.map((c) => c.credential_id)))
    } finally {
      await store.close()
    }
    expect(await worker.stop('SIGTERM')).toBe(0)
    expect(await web.stop('SIGTERM')).toBe(0)
  })
})

describe.skipIf(!canMount)('a read-only data directory', () => {
  const serve = (dir: string, masterKey?: string) =>
    spawnSync(process.execPath, ['bin/emblem.mjs', 'serve'], {
      env: { ...process.env, PORT: '0', EMBLEM_DATA_DIR: dir, EMBLEM_PUBLIC_URL: PUBLIC_URL, ...(masterKey ? { EMBLEM_MASTER_KEY: masterKey } : {}) },
      encoding: 'utf8',
      timeout: 60_000,
    })

  it('makes `emblem serve` exit non-zero with one clear line, empty or holding a database', { timeout: 120_000 }, async () => {
    const empty = smallDisk('2m')!
    remount(empty, 'ro')
    const first = serve(empty)
    expect(first.status).not.toBe(0)
    expect(first.status).not.toBeNull()
    expect(first.stderr.trim().split('\n')).toHaveLength(1)
    expect(first.stderr).toMatch(new RegExp(`^emblem: the data directory ${empty} cannot be written \\(it is on a read-only file system\\)`))
    expect(first.stderr).not.toMatch(/\n\s+at /)

    const used = smallDisk('4m')!
    const masterKey = testMasterKey()
    await seedInstance({ databaseUrl: join(used, 'emblem.db'), masterKey, publicUrl: PUBLIC_URL })
    remount(used, 'ro')
    const second = serve(used, masterKey)
    expect(second.status).not.toBe(0)
    expect(second.stderr.trim().split('\n')).toHaveLength(1)
    expect(second.stderr).toMatch(/read-only file system/)
  })
})

const admin = async <T>(work: (client: pg.Client) => Promise<T>): Promise<T> => {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL })
  await client.connect()
  try {
    return await work(client)
  } finally {
    await client.end()
  }
}

describe.skipIf(!TEST_DATABASE_URL)('a PostgreSQL database that becomes read-only while serving', () => {
  const database = `emblem_faults_ro_${randomBytes(4).toString('hex')}`
  const dataDir = mkdtempSync(join(tmpdir(), 'emblem-pg-ro-'))
  let server: EmblemProcess | undefined
  let created = false
  afterAll(async () => {
    await server?.stop('SIGKILL')
    if (created) await admin((c) => c.query(`drop database if exists ${database} with (force)`))
    rmSync(dataDir, { recursive: true, force: true })
  }, 60_000)

  const readOnly = (on: boolean) =>
    admin(async (c) => {
      await c.query(on ? `alter database ${database} set default_transaction_read_only = on` : `alter database ${database} reset default_transaction_read_only`)
      // Pooled connections keep their setting: end them, as a failover to a standby would.
      await c.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [database])
    })

  it('answers writes 503 with Retry-After and a clear problem, keeps serving reads, and writes again once writable', { timeout: 120_000 }, async () => {
    await admin((c) => c.query(`create database ${database}`))
    created = true
    const url = new URL(TEST_DATABASE_URL!)
    url.pathname = `/${database}`
    const masterKey = testMasterKey()
    const seeded = await seedInstance({ databaseUrl: url.toString(), masterKey, publicUrl: PUBLIC_URL })
    server = await startEmblem(['serve'], { EMBLEM_DATABASE_URL: url.toString(), EMBLEM_DATA_DIR: dataDir, EMBLEM_MASTER_KEY: masterKey, EMBLEM_PUBLIC_URL: PUBLIC_URL })
    expect((await issue(server, seeded, 'writable@example.org')).status).toBe(201)

    await readOnly(true)
    await new Promise((r) => setTimeout(r, 500))
    for (let i = 0; i < 3; i++) {
      const res = await issue(server, seeded, `read-only-${i}@example.org`)
      expect(res.status).toBe(503)
      expect(res.headers.get('retry-after')).toMatch(/^\d+$/)
      const problem = (await res.json()) as { code: string; detail: string }
      expect(problem.code).toBe('ERR_STORE_READ_ONLY')
      expect(problem.detail).toMatch(/cannot be written/)
    }
    expect((await fetch(`${server.base}/log/checkpoint`)).status).toBeLessThan(500)
    expect((await fetch(`${server.base}/healthz`)).status).toBe(200)
    expect(server.log()).not.toMatch(/"message":"Unhandled error"/)

    await readOnly(false)
    const s = server
    await waitFor('writes to work again', async () => (await issue(s, seeded, `writable-again-${randomBytes(3).toString('hex')}@example.org`)).status === 201, 10_000)
    const store = await openStore({ url: url.toString() })
    try {
      const emails = (await store.db.selectFrom('issued_credentials').select('recipient_email').execute()).map((r) => r.recipient_email)
      for (let i = 0; i < 3; i++) expect(emails).not.toContain(`read-only-${i}@example.org`)
    } finally {
      await store.close()
    }
    expect(await server.stop('SIGTERM')).toBe(0)
  })
})
