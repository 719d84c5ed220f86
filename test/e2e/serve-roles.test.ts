// `emblem serve --role web|worker|all` as real processes on one SQLite database, GET /metrics, and
// graceful shutdown: a worker stopped mid-batch gives its lease back and another finishes the batch.
import { mkdtempSync, rmSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config.js'
import { silentLogger } from '../../src/http/logger.js'
import { createApp } from '../../src/main.js'
import { createMetrics } from '../../src/metrics/index.js'
import { openStore } from '../../src/store/index.js'
import { batchState, csvOf, queueBatch, seedInstance, startEmblem, testMasterKey, waitFor, type EmblemProcess, type SeededInstance } from '../support/emblem-process.js'

const TOKEN = 'metrics-token-0123456789abcdef'
const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379'
const redisUp = await (async () => {
  const probe = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null })
  probe.on('error', () => {})
  try {
    await probe.connect()
    return (await probe.ping()) === 'PONG'
  } catch {
    return false
  } finally {
    probe.disconnect()
  }
})()
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

describe('GET /metrics', () => {
  const metrics = createMetrics({ role: 'all', version: 'test' })
  it('does not exist without EMBLEM_METRICS_TOKEN', async () => {
    const app = createApp(loadConfig({}, {}), { log: silentLogger, metrics })
    expect((await app.request('/metrics')).status).toBe(404)
    expect((await app.request('/metrics', { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(404)
  })

  it('answers 401 without the bearer token or with another, and the Prometheus text with it', async () => {
    const app = createApp(loadConfig({ EMBLEM_METRICS_TOKEN: TOKEN }, {}), { log: silentLogger, metrics })
    await app.request('/healthz')
    await app.request('/no/such/page')
    const anonymous = await app.request('/metrics')
    expect(anonymous.status).toBe(401)
    expect(anonymous.headers.get('content-type')).toMatch(/problem\+json/)
    expect(anonymous.headers.get('www-authenticate')).toMatch(/^Bearer/)
    expect((await app.request('/metrics', { headers: { authorization: `Bearer ${TOKEN}x` } })).status).toBe(401)
    expect((await app.request('/metrics', { headers: { authorization: TOKEN } })).status).toBe(401)
    const res = await app.request('/metrics', { headers: { authorization: `Bearer ${TOKEN}` } })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/)
    const text = await res.text()
    expect(text).toMatch(/emblem_http_requests_total\{route="\/healthz",method="GET",status="200"\} 1/)
    // An unmatched path counts as one route, never by its own path.
    expect(text).toMatch(/emblem_http_requests_total\{route="\(unmatched\)",method="GET",status="404"\}/)
    expect(text).not.toContain('/no/such/page')
    expect(text).toMatch(/emblem_http_request_duration_seconds_bucket\{le="0.005",route="\/healthz",method="GET"\}/)
    expect(text).toContain('process_cpu_user_seconds_total')
    expect(text).toContain('nodejs_eventloop_lag_seconds')
    expect(text).toMatch(/emblem_process_info\{role="all",version="test"\} 1/)
  })
})

describe('serving roles on one SQLite database', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'emblem-roles-'))
  const masterKey = testMasterKey()
  const env = {
    EMBLEM_DATA_DIR: dataDir,
    EMBLEM_MASTER_KEY: masterKey,
    EMBLEM_PUBLIC_URL: 'http://localhost:3000',
    EMBLEM_METRICS_TOKEN: TOKEN,
  }
  const running: EmblemProcess[] = []
  const start = async (role: string) => {
    const p = await startEmblem(['serve', '--role', role], env)
    running.push(p)
    return p
  }
  let seeded: SeededInstance

  beforeAll(async () => {
    seeded = await seedInstance({ databaseUrl: join(dataDir, 'emblem.db'), masterKey, publicUrl: env.EMBLEM_PUBLIC_URL })
  }, 60_000)
  afterAll(async () => {
    await Promise.all(running.map((p) => p.stop('SIGKILL')))
    rmSync(dataDir, { recursive: true, force: true })
  })

  const metricsOf = async (p: EmblemProcess) => (await fetch(`${p.base}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })).text()

  it('a web process runs no jobs (a queued batch waits); a worker runs it and serves only health, readiness and metrics', { timeout: 120_000 }, async () => {
    const web = await start('web')
    const id = await queueBatch(web.base, seeded, csvOf(30, 'roles'))
    await sleep(2500)
    expect(await batchState(web.base, seeded, id)).toMatchObject({ state: 'queued', issued: 0 })
    expect(web.log()).toMatch(/"message":"Emblem role".*"role":"web".*"jobs":false/)

    const worker = await start('worker')
    await waitFor('the worker to run the batch', async () => (await batchState(web.base, seeded, id)).state === 'done', 60_000)
    expect(await batchState(web.base, seeded, id)).toMatchObject({ state: 'done', issued: 30, failed: 0 })
    // The worker signs the checkpoints the web process publishes.
    await waitFor('a checkpoint over the batch', async () => (await (await fetch(`${web.base}/log/checkpoint`)).text()).split('\n')[1] === '30', 30_000)

    expect((await fetch(`${worker.base}/healthz`)).status).toBe(200)
    expect((await fetch(`${worker.base}/readyz`)).status).toBe(200)
    expect((await fetch(`${worker.base}/api/v1/orgs/${seeded.orgSlug}/batches/${id}`, { headers: { authorization: `Bearer ${seeded.apiKey}` } })).status).toBe(404)
    expect((await fetch(`${worker.base}/log/checkpoint`)).status).toBe(404)
    expect((await fetch(`${worker.base}/metrics`)).status).toBe(401)
    const workerMetrics = await metricsOf(worker)
    expect(workerMetrics).toMatch(/emblem_batch_rows_total\{outcome="issued"\} 30/)
    expect(workerMetrics).toMatch(/emblem_credentials_issued_total 30/)
    expect(workerMetrics).toMatch(/emblem_job_runs_total\{job="batches",outcome="ok"\} \d+/)
    expect(workerMetrics).toMatch(/emblem_job_runs_total\{job="checkpointer",outcome="ok"\} \d+/)
    expect(workerMetrics).toMatch(/emblem_log_checkpoint_size 30/)
    expect(workerMetrics).toMatch(/emblem_process_info\{role="worker",/)
    const webMetrics = await metricsOf(web)
    expect(webMetrics).toMatch(/emblem_http_requests_total\{route="\/api\/v1\/orgs\/:org\/achievements\/:achievement\/batches",method="POST",status="20\d"\} 1/)
    expect(webMetrics).toMatch(/emblem_http_requests_total\{route="\/api\/v1\/orgs\/:org\/batches\/:id",method="GET",status="200"\} \d+/)
    expect(webMetrics).toMatch(/emblem_batch_rows_total\{outcome="issued"\} 0/)
    expect(webMetrics).not.toMatch(/emblem_job_runs_total\{/)

    expect(await worker.stop()).toBe(0)
    expect(await web.stop()).toBe(0)
    expect(worker.log()).toMatch(/"message":"Emblem closed"/)
  })

  it.skipIf(!redisUp)('with EMBLEM_REDIS_URL two web processes count a rate limit together in Redis', { timeout: 120_000 }, async () => {
    const withRedis = { ...env, EMBLEM_REDIS_URL: redisUrl }
    const webs = await Promise.all([0, 1].map(() => startEmblem(['serve', '--role', 'web'], withRedis)))
    running.push(...webs)
    const auth = { authorization: `Bearer ${seeded.apiKey}` }
    const issued = await fetch(`${webs[0]!.base}/api/v1/orgs/${seeded.orgSlug}/achievements/${seeded.achievementId}/credentials`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ recipient: { email: 'redis-limit@example.org', name: 'Redis Limit' } }),
    })
    expect(issued.status).toBe(201)
    const { id } = (await issued.json()) as { id: string }
    const statuses: number[] = []
    for (let i = 0; i < 6; i++) {
      const res = await fetch(`${webs[i % 2]!.base}/api/v1/orgs/${seeded.orgSlug}/credentials/${encodeURIComponent(id)}/claim-link`, { method: 'POST', headers: auth })
      statuses.push(res.status)
    }
    expect(statuses).toEqual([202, 202, 202, 202, 202, 429])
    // Counted in Redis, not in the database.
    const store = await openStore({ url: join(dataDir, 'emblem.db') })
    try {
      const rows = await store.db.selectFrom('rate_limit_events').select('key').where('key', 'like', 'claim-link-resend:%').execute()
      expect(rows).toEqual([])
    } finally {
      await store.close()
    }
    for (const web of webs) expect(await web.stop()).toBe(0)
  })

  it('SIGTERM lets a request in flight finish (a CSV upload still arriving), refuses new connections, then exits 0', { timeout: 120_000 }, async () => {
    const web = await start('all')
    const csv = csvOf(200, 'drain')
    const half = Math.floor(csv.length / 2)
    // An upload whose second half arrives after the signal.
    const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(
        `${web.base}/api/v1/orgs/${seeded.orgSlug}/achievements/${seeded.achievementId}/batches`,
        { method: 'POST', headers: { authorization: `Bearer ${seeded.apiKey}`, 'content-type': 'text/csv', 'content-disposition': 'attachment; filename="drain.csv"' } },
        (res) => {
          let body = ''
          res.setEncoding('utf8')
          res.on('data', (d) => void (body += d))
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
        },
      )
      req.on('error', reject)
      req.write(csv.slice(0, half))
      setTimeout(() => {
        web.child.kill('SIGTERM')
        setTimeout(async () => {
          // Stopped accepting: a new connection is refused while the upload is still in flight.
          const refused = await fetch(`${web.base}/healthz`).then(
            () => false,
            () => true,
          )
          req.end(csv.slice(half))
          if (!refused) reject(new Error('a new connection was accepted after SIGTERM'))
        }, 1000)
      }, 500)
    })
    const { status, body } = await answer
    expect(status).toBe(202)
    const id = (JSON.parse(body) as { id: string }).id
    expect(await web.exited).toBe(0)
    expect(web.log()).toMatch(/"message":"Shutting down".*"signal":"SIGTERM"/)
    // The batch it accepted is kept, whole: 200 rows, issued or waiting for the next worker.
    const store = await openStore({ url: join(dataDir, 'emblem.db') })
    try {
      const row = await store.db.selectFrom('batches').select(['total_rows', 'state']).where('id', '=', id).executeTakeFirstOrThrow()
      expect(Number(row.total_rows)).toBe(200)
      expect(['queued', 'running', 'done']).toContain(row.state)
      const parts = await store.db.selectFrom('batch_parts').select('lease_owner').where('batch_id', '=', id).execute()
      expect(parts.map((part) => part.lease_owner)).toEqual([null])
    } finally {
      await store.close()
    }
  })

  it('SIGTERM stops a worker mid-batch and gives its lease back: another worker finishes the batch at once, every row once', { timeout: 180_000 }, async () => {
    const web = await start('web')
    const rows = 6000
    const id = await queueBatch(web.base, seeded, csvOf(rows, 'shutdown'))
    const first = await start('worker')
    await waitFor('the first chunk', async () => (await batchState(web.base, seeded, id)).issued > 0, 90_000)
    const stoppedAt = Date.now()
    expect(await first.stop('SIGTERM')).toBe(0)
    expect(Date.now() - stoppedAt).toBeLessThan(15_000)
    const store = await openStore({ url: join(dataDir, 'emblem.db') })
    try {
      const row = await store.db.selectFrom('batches').select(['state', 'next_row']).where('id', '=', id).executeTakeFirstOrThrow()
      expect(row.state).toBe('running')
      expect(Number(row.next_row)).toBeLessThan(rows)
      // Given back, not left to run out (60 s).
      const parts = await store.db.selectFrom('batch_parts').select(['lease_owner', 'lease_until']).where('batch_id', '=', id).execute()
      expect(parts).toEqual([{ lease_owner: null, lease_until: null }])
    } finally {
      await store.close()
    }
    const second = await start('worker')
    // It takes the batch up at once: the first worker's lease (60 s) does not have to run out.
    await waitFor(
      'the second worker to lease the batch',
      async () => {
        const s = await openStore({ url: join(dataDir, 'emblem.db') })
        try {
          const parts = await s.db.selectFrom('batch_parts').select('lease_owner').where('batch_id', '=', id).execute()
          return parts.some((part) => part.lease_owner?.includes(`:${second.child.pid}:`))
        } finally {
          await s.close()
        }
      },
      20_000,
    )
    await waitFor('the second worker to finish the batch', async () => (await batchState(web.base, seeded, id)).state === 'done', 120_000)
    expect(await batchState(web.base, seeded, id)).toMatchObject({ state: 'done', issued: rows, failed: 0, nextRow: rows })
    expect(second.log()).not.toMatch(/batch runner failed/)
    const check = await openStore({ url: join(dataDir, 'emblem.db') })
    try {
      const issued = await check.db.selectFrom('issued_credentials').select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.count<number>('batch_row').distinct().as('rows')]).where('batch_id', '=', id).executeTakeFirstOrThrow()
      expect(Number(issued.n)).toBe(rows)
      expect(Number(issued.rows)).toBe(rows)
    } finally {
      await check.close()
    }
    await second.stop()
    await web.stop()
  })
})
