// Issue #11 item 7 (high): a PostgreSQL restart must not kill the server. The test's own backends
// are terminated (57P01, what a shutdown or restart sends) and the database is made unreachable by
// a TCP proxy the test controls (the shared cluster itself is never stopped): the process survives,
// requests while the database is away answer 503 problem+json with Retry-After, and it recovers by itself.
import { createServer, connect, type Server, type Socket } from 'node:net'
import type { AddressInfo } from 'node:net'
import pg from 'pg'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hasPostgres, readJson, type TestOrg, type TestPlatform, type TestSession } from '../../support/platform.js'
import { startIssuancePlatform, type IssuancePlatform } from './issuance-fixture.js'
import { TEST_DATABASE_URL } from '../../store/postgres-schema.js'
import { isDatabaseUnavailable } from '../../../src/store/postgres/resilient-pool.js'
import { startBatchRunner } from '../../../src/jobs/batch-runner.js'

/** A TCP proxy in front of PostgreSQL that can be cut (every connection reset, new ones refused) and restored. */
async function startProxy(target: URL) {
  const sockets = new Set<Socket>()
  let up = true
  const server: Server = createServer((client) => {
    if (!up) return void client.destroy()
    const upstream = connect(Number(target.port || 5432), target.hostname)
    sockets.add(client).add(upstream)
    const drop = () => {
      client.destroy()
      upstream.destroy()
      sockets.delete(client)
      sockets.delete(upstream)
    }
    client.on('error', drop).on('close', drop)
    upstream.on('error', drop).on('close', drop)
    client.pipe(upstream).pipe(client)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = new URL(target)
  url.hostname = '127.0.0.1'
  url.port = String((server.address() as AddressInfo).port)
  return {
    url: url.toString(),
    cut() {
      up = false
      for (const s of sockets) s.destroy()
      sockets.clear()
    },
    restore: () => void (up = true),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

/** Terminates this test's backends from a separate connection (only the ones named after its schema). */
async function terminateBackends(schema: string): Promise<number> {
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL })
  await admin.connect()
  try {
    const { rows } = await admin.query('select pg_terminate_backend(pid) as done from pg_stat_activity where application_name = $1 and pid <> pg_backend_pid()', [`emblem:${schema}`])
    return rows.length
  } finally {
    await admin.end()
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('isDatabaseUnavailable', () => {
  it('tells a database that went away from a statement that failed', () => {
    expect(isDatabaseUnavailable(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }))).toBe(true)
    expect(isDatabaseUnavailable(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }))).toBe(true)
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true)
    expect(isDatabaseUnavailable(Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505' }))).toBe(false)
    expect(isDatabaseUnavailable(Object.assign(new Error('syntax error'), { code: '42601' }))).toBe(false)
  })
})

describe.skipIf(!hasPostgres)('PostgreSQL going away and coming back', () => {
  let proxy: Awaited<ReturnType<typeof startProxy>>
  let p: IssuancePlatform
  let t: TestPlatform
  let owner: TestSession
  let org: TestOrg
  let schema: string
  let achievementId: string
  let n = 0

  beforeAll(async () => {
    proxy = await startProxy(new URL(TEST_DATABASE_URL!))
    p = await startIssuancePlatform({ dialect: 'postgres', databaseUrl: proxy.url })
    ;({ t, owner, org, achievementId } = p)
    schema = (await sql<{ s: string }>`select current_schema() as s`.execute(t.store.db)).rows[0]!.s
  })
  afterAll(async () => {
    proxy?.restore()
    await p?.close()
    await proxy?.close()
  })

  const read = () => t.request(`/api/v1/orgs/${org.slug}`, { as: owner })
  const issue = () => {
    n += 1
    return t.request(`/api/v1/orgs/${org.slug}/achievements/${achievementId}/credentials`, {
      as: owner,
      method: 'POST',
      json: { recipient: { email: `outage${n}@example.org`, name: `Outage ${n}` } },
      headers: { 'idempotency-key': `outage-${n}` },
    })
  }
  /** A clean failure: 503, a problem body, Retry-After. */
  const expectUnavailable = async (res: Response) => {
    expect(res.status).toBe(503)
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/)
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(await readJson(res)).toMatchObject({ status: 503, code: 'ERR_STORE_UNAVAILABLE' })
  }

  it('survives its idle connections being terminated (57P01) and serves the next requests', async () => {
    await Promise.all(Array.from({ length: 6 }, () => read())) // several pooled connections, now idle
    expect(await terminateBackends(schema)).toBeGreaterThan(0)
    await sleep(200) // the idle clients receive their error: it must not be an unhandled 'error' event
    for (let i = 0; i < 5; i++) expect((await read()).status).toBe(200)
    expect((await issue()).status).toBe(201)
  })

  it('answers 200 or a clean 503 to requests in flight when their backends are terminated, then recovers', async () => {
    const inFlight = Array.from({ length: 30 }, (_, i) => (i % 3 === 0 ? issue() : read()))
    await sleep(5)
    await terminateBackends(schema)
    for (const res of await Promise.all(inFlight)) {
      if (res.status === 503) await expectUnavailable(res)
      else expect([200, 201]).toContain(res.status)
    }
    expect((await read()).status).toBe(200)
    expect((await issue()).status).toBe(201)
  })

  it('answers 503 with Retry-After while the database is unreachable, and recovers by itself within 5 s of its return', async () => {
    proxy.cut()
    const started = performance.now()
    await expectUnavailable(await read())
    await expectUnavailable(await issue())
    expect(performance.now() - started).toBeLessThan(5_000)

    proxy.restore()
    const back = performance.now()
    let status = 0
    while (performance.now() - back < 5_000) {
      status = (await read()).status
      if (status === 200) break
      await sleep(100)
    }
    expect(status).toBe(200)
    const res = await issue()
    expect(res.status).toBe(201)
    // No acknowledged write lost: every 201 of this file is in the database.
    const { rows } = await sql<{ c: number }>`select count(*)::int as c from issued_credentials`.execute(t.store.db)
    expect(rows[0]!.c).toBeGreaterThanOrEqual(2)
  })

  it('resumes a CSV batch the outage broke off, and issues every row exactly once', { timeout: 60_000 }, async () => {
    const errors: unknown[] = []
    const runner = startBatchRunner({ platform: t.ports, chunkSize: 5, signingThreads: 0, pollMs: 200, workerId: 'outage-runner', onError: (err) => errors.push(err) })
    try {
      const csv = `email,name\n${Array.from({ length: 150 }, (_, i) => `row${i}@example.org,Row ${i}`).join('\n')}\n`
      const upload = await t.request(`/api/v1/orgs/${org.slug}/achievements/${achievementId}/batches`, { as: owner, method: 'POST', body: csv, headers: { 'content-type': 'text/csv' } })
      expect(upload.status).toBe(202)
      const { id } = await readJson(upload)
      runner.notify()
      const progress = async () => (await t.store.db.selectFrom('batches').select(['state', 'next_row', 'issued']).where('id', '=', id).executeTakeFirstOrThrow())
      for (let i = 0; i < 200 && Number((await progress()).next_row) === 0; i++) await sleep(20)
      proxy.cut()
      await sleep(600)
      proxy.restore()
      // The runner met the outage (its commit failed: reported, the batch left running, not failed).
      expect(errors.length).toBeGreaterThan(0)
      let batch = await progress()
      for (let i = 0; i < 150 && batch.state !== 'done' && batch.state !== 'failed'; i++) {
        await sleep(100)
        batch = await progress().catch(() => batch)
      }
      expect(batch).toMatchObject({ state: 'done' })
      expect(Number(batch.issued)).toBe(150)
      const rows = await t.store.db.selectFrom('issued_credentials').select('recipient_email').where('batch_id', '=', id).execute()
      expect(new Set(rows.map((r) => r.recipient_email)).size).toBe(150)
      expect(rows).toHaveLength(150)
    } finally {
      await runner.stop()
    }
  })
})
