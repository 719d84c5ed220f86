// Issue #11 item 2: two web processes and two workers (`emblem serve --role …`, real processes) on
// one PostgreSQL database, issuing, revoking and running CSV batches concurrently through both webs.
// Afterwards: one credential per batch row, every credential in the log, the log gap-free with every
// checkpoint a prefix of it and `emblem log audit` clean, status indexes unique, the published status
// lists equal to the database, a rate limit counted across both webs, and every e-mail (both workers
// deliver over SMTP) sent exactly once.
// SOAK_SCALE (npm run test:soak) multiplies the work.
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { StatusList } from '../../src/core/status-list/index.js'
import { isSameHash, rootOf } from '../../src/core/transparency-log/index.js'
import { openStore, type Store } from '../../src/store/index.js'
import { TEST_DATABASE_URL } from '../store/postgres-schema.js'
import { startTestSmtpServer, type TestSmtpServer } from '../support/smtp.js'
import { batchState, csvOf, queueBatch, seedInstance, startEmblem, testMasterKey, waitFor, type EmblemProcess, type SeededInstance } from '../support/emblem-process.js'

const SCALE = Math.max(1, Number(process.env.SOAK_SCALE ?? 1))
const BATCHES = 3 * SCALE
const ROWS = 150 * SCALE
const SINGLES = 24 * SCALE
const REVOKE_EVERY = 3

const admin = async <T>(work: (client: pg.Client) => Promise<T>): Promise<T> => {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL })
  await client.connect()
  try {
    return await work(client)
  } finally {
    await client.end()
  }
}

/** Runs `tasks` with at most `limit` at a time. */
async function pool<T>(tasks: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = []
  let next = 0
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < tasks.length) {
        const i = next++
        results[i] = await tasks[i]!()
      }
    }),
  )
  return results
}

describe.skipIf(!TEST_DATABASE_URL)('two web processes and two workers on one PostgreSQL', () => {
  const database = `emblem_ops_multi_${randomBytes(4).toString('hex')}`
  const dataDir = mkdtempSync(join(tmpdir(), 'emblem-multi-'))
  const masterKey = testMasterKey()
  let databaseUrl = ''
  let seeded: SeededInstance
  const processes: EmblemProcess[] = []
  let smtp: TestSmtpServer

  beforeAll(async () => {
    await admin((c) => c.query(`create database ${database}`))
    const url = new URL(TEST_DATABASE_URL!)
    url.pathname = `/${database}`
    databaseUrl = url.toString()
    seeded = await seedInstance({ databaseUrl, masterKey, publicUrl: 'http://localhost:3000' })
    smtp = await startTestSmtpServer()
  }, 60_000)
  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop('SIGKILL')))
    await smtp?.close()
    await admin((c) => c.query(`drop database if exists ${database} with (force)`))
    rmSync(dataDir, { recursive: true, force: true })
  }, 60_000)

  it('keeps every invariant while both webs issue, revoke and queue batches and both workers run them', { timeout: 300_000 * SCALE }, async () => {
    // All four start together: one of them creates the log's key file, the others read it.
    const env = { EMBLEM_SMTP_URL: smtp.url, EMBLEM_DATABASE_URL: databaseUrl, EMBLEM_DATA_DIR: dataDir, EMBLEM_MASTER_KEY: masterKey, EMBLEM_PUBLIC_URL: 'http://localhost:3000', EMBLEM_LOG_LEVEL: 'warn' }
    const started = await Promise.all(
      (['web', 'web', 'worker', 'worker'] as const).map((role) => startEmblem(['serve', '--role', role], { ...env, EMBLEM_LOG_LEVEL: 'info' })),
    )
    processes.push(...started)
    const [web1, web2] = started as [EmblemProcess, EmblemProcess, EmblemProcess, EmblemProcess]
    const webs = [web1, web2]
    const auth = { authorization: `Bearer ${seeded.apiKey}` }

    // Batches (through both webs), single issues and revocations, all at once.
    const batchTasks = Array.from({ length: BATCHES }, (_, b) => () => queueBatch(webs[b % 2]!.base, seeded, csvOf(ROWS, `batch${b}`), `cohort-${b}.csv`))
    const singleTasks = Array.from({ length: SINGLES }, (_, i) => async () => {
      const web = webs[i % 2]!
      const res = await fetch(`${web.base}/api/v1/orgs/${seeded.orgSlug}/achievements/${seeded.achievementId}/credentials`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json', 'idempotency-key': `single-${i}` },
        body: JSON.stringify({ recipient: { email: `single-${i}@example.org`, name: `Single ${i}` } }),
      })
      expect(res.status).toBe(201)
      const { id } = (await res.json()) as { id: string }
      if (i % REVOKE_EVERY === 0) {
        const revoked = await fetch(`${webs[(i + 1) % 2]!.base}/api/v1/orgs/${seeded.orgSlug}/credentials/${encodeURIComponent(id)}/revoke`, {
          method: 'POST',
          headers: { ...auth, 'content-type': 'application/json' },
          body: JSON.stringify({ reason: 'test' }),
        })
        expect(revoked.status).toBe(200)
      }
      return id
    })
    const [batchIds, singles] = await Promise.all([pool(batchTasks, 2), pool(singleTasks, 4)])
    // The same Idempotency-Key through the other web replays, never issues twice.
    const replay = await fetch(`${web2.base}/api/v1/orgs/${seeded.orgSlug}/achievements/${seeded.achievementId}/credentials`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json', 'idempotency-key': 'single-0' },
      body: JSON.stringify({ recipient: { email: 'single-0@example.org', name: 'Single 0' } }),
    })
    expect(replay.headers.get('idempotent-replayed')).toBe('true')

    // A rate limit counted across both webs: 5 claim-link resends an hour per credential, alternating webs.
    const resend = (web: EmblemProcess) => fetch(`${web.base}/api/v1/orgs/${seeded.orgSlug}/credentials/${encodeURIComponent(singles[1]!)}/claim-link`, { method: 'POST', headers: auth })
    const statuses: number[] = []
    for (let i = 0; i < 6; i++) statuses.push((await resend(webs[i % 2]!)).status)
    expect(statuses).toEqual([202, 202, 202, 202, 202, 429])

    const total = BATCHES * ROWS + SINGLES
    await waitFor('every batch done', async () => (await Promise.all(batchIds.map((id) => batchState(web1.base, seeded, id)))).every((b) => b.state === 'done'), 180_000 * SCALE)
    await waitFor(`a checkpoint over all ${total} credentials`, async () => (await (await fetch(`${web2.base}/log/checkpoint`)).text()).split('\n')[1] === String(total), 60_000)

    // Every e-mail sent once: the two workers lease each message before sending it.
    const mails = total + 5
    await waitFor(`all ${mails} e-mails delivered`, async () => smtp.messages.length >= mails, 120_000 * SCALE)
    const store: Store = await openStore({ url: databaseUrl })
    try {
      const outbox = await store.db.selectFrom('outbox').select((eb) => ['state', eb.fn.countAll<number>().as('n')]).groupBy('state').execute()
      expect(outbox.map((o) => [o.state, Number(o.n)])).toEqual([['sent', mails]])
      const perRecipient = new Map<string, number>()
      for (const m of smtp.messages) for (const to of m.envelope.to) perRecipient.set(to, (perRecipient.get(to) ?? 0) + 1)
      expect(perRecipient.size).toBe(total)
      expect([...perRecipient.values()].filter((n) => n !== 1)).toEqual([6]) // the credential whose link was resent 5 times

      // Exactly one credential per batch row.
      for (const id of batchIds) {
        expect(await batchState(web2.base, seeded, id)).toMatchObject({ state: 'done', issued: ROWS, failed: 0 })
        const rows = await store.db
          .selectFrom('issued_credentials')
          .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.count<number>('batch_row').distinct().as('rows')])
          .where('batch_id', '=', id)
          .executeTakeFirstOrThrow()
        expect([Number(rows.n), Number(rows.rows)]).toEqual([ROWS, ROWS])
      }
      // Each credential in the log once; the log gap-free.
      const issued = await store.db.selectFrom('issued_credentials').select(['credential_id', 'state', 'revocation_list_id', 'revocation_index', 'suspension_list_id', 'suspension_index']).execute()
      expect(issued).toHaveLength(total)
      const leaves = await store.db.selectFrom('log_leaves').select(['idx', 'credential_id', 'leaf_hash']).orderBy('idx').execute()
      expect(leaves.map((l) => Number(l.idx))).toEqual(Array.from({ length: total }, (_, i) => i))
      expect(new Set(leaves.map((l) => l.credential_id))).toEqual(new Set(issued.map((c) => c.credential_id)))
      // Every checkpoint a prefix of the log: sizes grow, each root is the root of its first `size` leaves.
      const checkpoints = await store.db.selectFrom('checkpoints').select(['size', 'root']).orderBy('size').execute()
      const hashes = leaves.map((l) => new Uint8Array(l.leaf_hash))
      expect(new Set(checkpoints.map((c) => Number(c.size))).size).toBe(checkpoints.length)
      for (const c of checkpoints) expect(isSameHash(rootOf(hashes.slice(0, Number(c.size))), new Uint8Array(c.root)), `checkpoint of size ${c.size}`).toBe(true)
      // Status indexes unique.
      const slots = (list: 'revocation' | 'suspension') => new Set(issued.map((c) => `${list === 'revocation' ? c.revocation_list_id : c.suspension_list_id}#${list === 'revocation' ? c.revocation_index : c.suspension_index}`))
      expect(slots('revocation').size).toBe(total)
      expect(slots('suspension').size).toBe(total)
      // The published revocation lists (read through either web) equal the database.
      const revokedIn = new Map<string, Set<number>>()
      for (const c of issued) {
        const set = revokedIn.get(c.revocation_list_id) ?? new Set<number>()
        if (c.state === 'revoked') set.add(Number(c.revocation_index))
        revokedIn.set(c.revocation_list_id, set)
      }
      expect([...revokedIn.values()].reduce((n, s) => n + s.size, 0)).toBe(Math.ceil(SINGLES / REVOKE_EVERY))
      let w = 0
      for (const [listId, revoked] of revokedIn) {
        const res = await fetch(`${webs[w++ % 2]!.base}/status/${listId}`)
        expect(res.status).toBe(200)
        const credential = (await res.json()) as { credentialSubject: { encodedList: string } }
        const list = StatusList.decode(credential.credentialSubject.encodedList)
        const published = new Set<number>()
        for (let i = 0; i < list.length; i++) if (list.isSet(i)) published.add(i)
        expect(published).toEqual(revoked)
      }
    } finally {
      await store.close()
    }

    // `emblem log audit` of the published log is clean.
    const audit = await new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
      const child = spawn(process.execPath, ['bin/emblem.mjs', 'log', 'audit', '--url', `${web1.base}/log`, '--allow-http', '--allow-private'], { stdio: ['ignore', 'pipe', 'pipe'] })
      let out = ''
      let err = ''
      child.stdout.on('data', (d) => void (out += d))
      child.stderr.on('data', (d) => void (err += d))
      child.once('exit', (code) => resolve({ code, out, err }))
    })
    expect(audit.code, audit.err).toBe(0)
    expect(audit.out).toMatch(new RegExp(`^OK .*: ${total} entries`))

    // Graceful shutdown of everything: exit 0, nothing failed on the way.
    expect(await Promise.all(started.map((p) => p.stop('SIGTERM')))).toEqual([0, 0, 0, 0])
    for (const p of started) expect(p.log()).not.toMatch(/"level":"error"/)
  })
})
