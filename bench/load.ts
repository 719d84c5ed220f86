// A whole instance under mixed traffic (`npm run bench -- --only load`; issue #9 item 4): a real
// `emblem serve` process (bin/emblem.mjs, compiled dist/, default settings but one trusted proxy hop)
// on a fresh SQLite file, and on a database of its own on PostgreSQL when EMBLEM_BENCH_DATABASE_URL
// or TEST_DATABASE_URL is set. It first issues EMBLEM_BENCH_LOAD_CREDENTIALS credentials (100,000)
// by a CSV batch and waits until a signed checkpoint covers them; then, for EMBLEM_BENCH_LOAD_SECONDS
// (30), autocannon drives every route at once — credential pages, verification by id, the signed
// JSON, `POST /api/v1/verify` (each request from its own client address), single issuance by API —
// while a batch of EMBLEM_BENCH_LOAD_BATCH_ROWS (20,000) runs. Reports requests/s and p50/p99 per
// route, the batch's progress, the server's peak RSS and every error (none allowed). The baseline is a
// bare Hono JSON endpoint in a process of its own, driven alone with as many connections just before.
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { once } from 'node:events'
import { readFileSync } from 'node:fs'
import { createInterface } from 'node:readline'
import autocannon from 'autocannon'
import { buildDist } from '../scripts/build.mjs'
import { openStore } from '../src/store/index.js'
import { waitForCheckpoint } from '../test/support/emblem-cli.js'
import { batchState, csvOf, queueBatch, seedInstance, startEmblem, testMasterKey, type SeededInstance } from '../test/support/emblem-process.js'
import { onEachStore, type InstanceStore } from './instance-stores.js'
import type { Row } from './report.js'

/** One route's figures under the mixed load. */
export interface LoadRouteResult {
  route: string
  connections: number
  requestsPerSecond: number
  p50Ms: number
  p99Ms: number
  /** Answers other than the route's success status, socket errors and timeouts. */
  errors: number
}

/** One store's figures. */
export interface LoadResult {
  store: InstanceStore
  credentials: number
  populateSeconds: number
  seconds: number
  routes: LoadRouteResult[]
  /** The bare Hono endpoint alone, with as many connections as all routes together. */
  bareRequestsPerSecond: number
  /** Rows the batch running during the load issued in the window, of how many. */
  batchIssued: number
  batchRows: number
  peakRssMb: number
}

const CREDENTIALS = Number(process.env.EMBLEM_BENCH_LOAD_CREDENTIALS ?? 100_000)
const SECONDS = Number(process.env.EMBLEM_BENCH_LOAD_SECONDS ?? 30)
const BATCH_ROWS = Number(process.env.EMBLEM_BENCH_LOAD_BATCH_ROWS ?? 20_000)
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** What one request sends besides its path. */
type RequestParts = { path: string; body?: string; headers?: Record<string, string> }

/** A route of the mix: how many connections drive it, what it asks, which status is success. */
interface LoadRoute {
  route: string
  connections: number
  method: 'GET' | 'POST'
  accept: string
  status: number
  next: () => RequestParts
}

/** Drives `route` on `port` for `seconds`; a failed request is anything but the route's status. */
async function drive(port: number, route: Omit<LoadRoute, 'route'>, seconds: number): Promise<Omit<LoadRouteResult, 'route' | 'connections'>> {
  let wrongStatus = 0
  const instance = autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: route.connections,
    duration: seconds,
    requests: [
      {
        method: route.method,
        headers: { accept: route.accept },
        setupRequest: (req) => {
          const { path, body, headers } = route.next()
          return { ...req, path, ...(body === undefined ? {} : { body }), headers: { ...req.headers, ...headers } }
        },
      },
    ],
  })
  instance.on('response', (_client, statusCode) => {
    if (statusCode !== route.status) wrongStatus++
  })
  const result = await instance
  return { requestsPerSecond: Math.round(result.requests.average), p50Ms: result.latency.p50, p99Ms: result.latency.p99, errors: wrongStatus + result.errors + result.timeouts }
}

/** A bare Hono JSON endpoint in a process of its own (the baseline); stops with the returned function. */
async function startBare(): Promise<{ port: number; stop: () => Promise<void> }> {
  const program = `import { serve } from '@hono/node-server'; import { Hono } from 'hono'
    const app = new Hono().get('/bare', (c) => c.json({ ok: true, name: 'bare', version: 1 }))
    serve({ fetch: app.fetch, port: 0 }, (info) => console.log(info.port))`
  const child = spawn(process.execPath, ['--input-type=module', '-e', program], { stdio: ['ignore', 'pipe', 'inherit'] })
  const [line] = (await once(createInterface({ input: child.stdout }), 'line')) as [string]
  return {
    port: Number(line),
    stop: async () => {
      child.kill('SIGTERM')
      await once(child, 'exit')
    },
  }
}

/** The server process's peak resident set (VmHWM), in MB. */
const peakRssMb = (pid: number): number => Math.round(Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024)

async function waitForBatch(base: string, seeded: SeededInstance, id: string, rows: number): Promise<void> {
  for (;;) {
    const state = await batchState(base, seeded, id)
    if (state.state === 'done' && state.issued === rows) return
    if (state.state === 'done' || state.state === 'failed') throw new Error(`The load bench's batch ended ${state.state} with ${state.issued}/${rows} issued`)
    await sleep(500)
  }
}

/** Runs the mix against one database URL (a SQLite file path or a PostgreSQL URL). */
async function benchOne(store: InstanceStore, databaseUrl: string, dataDir: string, say: (line: string) => void): Promise<LoadResult> {
  const masterKey = testMasterKey()
  const publicUrl = 'https://badges.example.edu'
  const seeded = await seedInstance({ databaseUrl, masterKey, publicUrl })
  const running = await startEmblem(['serve'], {
    EMBLEM_DATA_DIR: dataDir,
    EMBLEM_DATABASE_URL: databaseUrl,
    EMBLEM_MASTER_KEY: masterKey,
    EMBLEM_PUBLIC_URL: publicUrl,
    // Each POST /api/v1/verify names its own client (X-Forwarded-For): many verifiers, not one over its limit.
    EMBLEM_TRUSTED_PROXY_HOPS: '1',
  })
  const bare = await startBare()
  try {
    const { base, port } = running
    const populated = performance.now()
    await waitForBatch(base, seeded, await queueBatch(base, seeded, csvOf(CREDENTIALS, `load-${randomBytes(3).toString('hex')}`), 'load.csv'), CREDENTIALS)
    await waitForCheckpoint(base, CREDENTIALS)
    const populateSeconds = Math.round((performance.now() - populated) / 100) / 10
    say(`load ${store}: ${CREDENTIALS.toLocaleString('en-US')} credentials issued and checkpointed in ${populateSeconds} s`)

    const reader = await openStore({ url: databaseUrl })
    const ids = await reader.db
      .selectFrom('credentials')
      .select('id')
      .execute()
      .finally(() => reader.close())
    const idOf = () => ids[Math.floor(Math.random() * ids.length)]!.id.replace(/^urn:uuid:/, '')
    const bodies = await Promise.all(Array.from({ length: 200 }, async () => (await fetch(`${base}/credentials/${idOf()}`, { headers: { accept: 'application/vc' } })).text()))
    let clients = 0
    const client = () => {
      const n = ++clients
      return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`
    }
    let learners = 0
    const issuePath = `/api/v1/orgs/${seeded.orgSlug}/achievements/${seeded.achievementId}/credentials`
    const mix: LoadRoute[] = [
      { route: 'GET /c/{id}', connections: 10, method: 'GET', accept: 'text/html', status: 200, next: () => ({ path: `/c/${idOf()}` }) },
      { route: 'GET /api/v1/credentials/{id}/verification', connections: 10, method: 'GET', accept: 'application/json', status: 200, next: () => ({ path: `/api/v1/credentials/${idOf()}/verification` }) },
      { route: 'GET /credentials/{id}', connections: 10, method: 'GET', accept: 'application/vc', status: 200, next: () => ({ path: `/credentials/${idOf()}` }) },
      {
        route: 'POST /api/v1/verify',
        connections: 5,
        method: 'POST',
        accept: 'application/json',
        status: 200,
        next: () => ({ path: '/api/v1/verify', body: bodies[Math.floor(Math.random() * bodies.length)]!, headers: { 'content-type': 'application/json', 'x-forwarded-for': client() } }),
      },
      {
        route: 'POST issue (API)',
        connections: 2,
        method: 'POST',
        accept: 'application/json',
        status: 201,
        next: () => {
          const n = ++learners
          return {
            path: issuePath,
            body: JSON.stringify({ recipient: { email: `single-${n}@example.org`, name: `Single ${n}` } }),
            headers: { authorization: `Bearer ${seeded.apiKey}`, 'content-type': 'application/json' },
          }
        },
      },
    ]
    const connections = mix.reduce((sum, r) => sum + r.connections, 0)
    // Warm-up, not measured: JIT and connections, a second per route.
    for (const route of mix) await drive(port, { ...route, connections: 2 }, 1)
    const bareResult = await drive(bare.port, { connections, method: 'GET', accept: 'application/json', status: 200, next: () => ({ path: '/bare' }) }, 5)

    const batchId = await queueBatch(base, seeded, csvOf(BATCH_ROWS, `running-${randomBytes(3).toString('hex')}`), 'running.csv')
    say(`load ${store}: ${SECONDS} s of mixed traffic, ${connections} connections, a ${BATCH_ROWS.toLocaleString('en-US')}-row batch running`)
    const results = await Promise.all(mix.map(async (route) => ({ route: route.route, connections: route.connections, ...(await drive(port, route, SECONDS)) })))
    const batch = await batchState(base, seeded, batchId)
    return {
      store,
      credentials: CREDENTIALS,
      populateSeconds,
      seconds: SECONDS,
      routes: results,
      bareRequestsPerSecond: bareResult.requestsPerSecond,
      batchIssued: batch.issued,
      batchRows: BATCH_ROWS,
      peakRssMb: peakRssMb(running.child.pid!),
    }
  } finally {
    await bare.stop()
    await running.stop('SIGTERM')
  }
}

/** Runs the load on SQLite, then on PostgreSQL when a URL is configured. */
export async function runLoadBench(say: (line: string) => void = () => {}): Promise<LoadResult[]> {
  // bin/emblem.mjs runs dist/ when it is newer than src/, as an installed instance does.
  await buildDist()
  return onEachStore('load', (store, databaseUrl, dataDir) => benchOne(store, databaseUrl, dataDir, say))
}

const slug = (route: string) =>
  route
    .replace(/\{id\}/g, 'id')
    .replace(/[^a-z0-9]+/gi, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase()

/** Rows (each route's requests/s under the mix against bare Hono alone, with latencies and errors) and lines with the verdict: no errors. */
export function loadReport(results: readonly LoadResult[]): { rows: Row[]; lines: string[] } {
  const rows: Row[] = results.flatMap((r) => [
    { name: `load-${r.store}-bare-hono`, ops_per_s: r.bareRequestsPerSecond, baseline: null, baseline_ops_per_s: null, ratio: null },
    ...r.routes.map((route) => ({
      name: `load-${r.store}-${slug(route.route)}`,
      ops_per_s: route.requestsPerSecond,
      baseline: `load-${r.store}-bare-hono`,
      baseline_ops_per_s: r.bareRequestsPerSecond,
      ratio: Math.round((route.requestsPerSecond / r.bareRequestsPerSecond) * 1000) / 1000,
      p50_ms: route.p50Ms,
      p99_ms: route.p99Ms,
      errors: route.errors,
    })),
  ])
  const mark = (ok: boolean) => (ok ? 'met    ' : 'NOT MET')
  const lines = results.flatMap((r) => {
    const errors = r.routes.reduce((sum, route) => sum + route.errors, 0)
    const total = r.routes.reduce((sum, route) => sum + route.requestsPerSecond, 0)
    return [
      `load ${r.store}: ${r.credentials.toLocaleString('en-US')} credentials (issued in ${r.populateSeconds} s), ${r.seconds} s of mixed traffic, ${total} req/s in all (bare Hono alone ${r.bareRequestsPerSecond}); the batch issued ${r.batchIssued.toLocaleString('en-US')} of ${r.batchRows.toLocaleString('en-US')} rows meanwhile; server peak RSS ${r.peakRssMb} MB`,
      ...r.routes.map((route) => `  ${route.route.padEnd(42)} ${String(route.requestsPerSecond).padStart(6)} req/s  p50 ${route.p50Ms} ms  p99 ${route.p99Ms} ms  ${route.errors} errors  (${route.connections} connections)`),
      `${mark(errors === 0)}  load-${r.store}: no errors (${errors})`,
    ]
  })
  return { rows, lines }
}
