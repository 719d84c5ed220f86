// HTTP routes under load (`npm run bench -- --only http`): a server in a child process
// (bench/http-server.ts: SQLite, a few thousand issued credentials, a bare Hono JSON endpoint in the
// same process as the baseline) driven by autocannon from this process, 50 connections, each route
// for a few seconds, the bare endpoint first and then again between the routes so a route's ratio
// is to the bare figure measured next to it. Each request picks a credential at random; before the
// measurement every credential is verified once (and its page viewed once when the page is measured),
// so the figures are an instance's steady state.
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import autocannon from 'autocannon'
import type { Row, Target } from './report.js'

/** One route's figures. */
export interface HttpBenchResult {
  name: string
  path: string
  requestsPerSecond: number
  p50Ms: number
  p99Ms: number
  /** Answers other than 2xx/304, and socket errors: none are allowed. */
  errors: number
  /** The bare endpoint's requests/s measured right before this route. */
  bareRequestsPerSecond: number
  ratio: number
}

interface ServerInfo {
  port: number
  barePort: number
  ids: string[]
}

const CONNECTIONS = 50
const DURATION_S = Number(process.env.EMBLEM_BENCH_HTTP_SECONDS ?? 6)

/** The `POST /api/v1/verify` row's target: requests/s (not a ratio to bare). */
const VERIFY_POST_MIN_RPS = 1000

/** A measured route: its path for a credential id, how it is asked, and the targets for it (ratio to bare, p99, or requests/s). */
interface HttpRoute {
  name: string
  path: (id: string) => string
  accept: string
  method?: 'GET' | 'POST'
  ratio?: number
  p99Ms?: number
  minRps?: number
}

/** The routes measured, and the issues' targets for them (#9 and #14). */
export const HTTP_ROUTES: readonly HttpRoute[] = [
  { name: 'http-verification', path: (id: string) => `/api/v1/credentials/${id}/verification`, accept: 'application/json', ratio: 0.3, p99Ms: 10 },
  { name: 'http-credential-page', path: (id: string) => `/c/${id}`, accept: 'text/html', ratio: 0.2, p99Ms: 20 },
  { name: 'http-credential-json', path: (id: string) => `/credentials/${id}`, accept: 'application/vc', ratio: 0.5, p99Ms: 10 },
  // The credential's signed JSON as the body (one of the instance's eddsa-rdfc-2022 OB 3.0 credentials,
  // fetched before measuring). The route allows 120 verifications a minute per client address: the
  // server trusts one proxy hop (EMBLEM_TRUSTED_PROXY_HOPS=1) and every request comes from its own
  // X-Forwarded-For address, as many different verifiers would; the limit itself, and its check and
  // record per request, are the default's.
  { name: 'http-verify-post', path: () => '/api/v1/verify', accept: 'application/json', method: 'POST', minRps: VERIFY_POST_MIN_RPS },
]

/** What one request sends besides its path: a body (POST) and extra headers. */
type RequestParts = { path: string; body?: string; headers?: Record<string, string> }

async function load(port: number, next: () => RequestParts, accept: string, seconds: number, amount?: number, method: 'GET' | 'POST' = 'GET'): Promise<{ rps: number; p50: number; p99: number; errors: number }> {
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: CONNECTIONS,
    ...(amount === undefined ? { duration: seconds } : { amount }),
    requests: [
      {
        method,
        headers: { accept },
        setupRequest: (req) => {
          const { path, body, headers } = next()
          return { ...req, path, ...(body === undefined ? {} : { body }), headers: { ...req.headers, ...headers } }
        },
      },
    ],
  })
  const bad = result.non2xx + result.errors + result.timeouts
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: bad }
}

/** A fresh client address per request (10.x.y.z), so the per-client limit of `POST /api/v1/verify` counts each request from its own client. */
let clients = 0
const nextClient = () => {
  const n = ++clients
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`
}

/** Starts the server child, measures bare and every route (or those named in `only`), stops the child. */
export async function runHttpBench(say: (line: string) => void = () => {}, only?: readonly string[]): Promise<HttpBenchResult[]> {
  const routes = HTTP_ROUTES.filter((r) => only === undefined || only.includes(r.name))
  say('http: starting a server with issued credentials (child process)')
  const server = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./http-server.ts', import.meta.url))], { stdio: ['ignore', 'pipe', 'inherit'] })
  try {
    const [line] = (await once(createInterface({ input: server.stdout }), 'line')) as [string]
    const info = JSON.parse(line) as ServerInfo
    const pick = () => info.ids[Math.floor(Math.random() * info.ids.length)]!
    say(`http: ${info.ids.length} credentials; ${CONNECTIONS} connections, ${DURATION_S} s per route`)
    // The bodies POST /api/v1/verify is sent: the signed JSON of up to 500 of the credentials.
    const bodies = routes.some((r) => r.method === 'POST')
      ? await Promise.all(info.ids.slice(0, 500).map(async (id) => (await fetch(`http://127.0.0.1:${info.port}/credentials/${id}`, { headers: { accept: 'application/vc' } })).text()))
      : []
    const partsOf = (route: HttpRoute, id: string): RequestParts =>
      route.method === 'POST'
        ? { path: route.path(id), body: bodies[Math.floor(Math.random() * bodies.length)]!, headers: { 'content-type': 'application/json', 'x-forwarded-for': nextClient() } }
        : { path: route.path(id) }
    const verification = HTTP_ROUTES[0]!
    // Warm-up, not measured: JIT and connections, and every credential verified once (the steady
    // state of an instance whose credentials have been looked at before: what verification keeps).
    await load(info.barePort, () => ({ path: '/bare' }), 'application/json', 1)
    let next = 0
    const started = performance.now()
    await load(info.port, () => ({ path: verification.path(info.ids[next++ % info.ids.length]!) }), 'application/json', 0, info.ids.length)
    say(`http: every credential verified once (cold) in ${Math.round(performance.now() - started)} ms`)
    if (routes.some((r) => r.name === 'http-credential-page')) {
      // Likewise every credential's page viewed once: the pages an instance keeps for anonymous visitors.
      next = 0
      const viewed = performance.now()
      await load(info.port, () => ({ path: `/c/${info.ids[next++ % info.ids.length]!}` }), 'text/html', 0, info.ids.length)
      say(`http: every credential's page viewed once (cold) in ${Math.round(performance.now() - viewed)} ms`)
    }
    for (const route of routes) await load(info.port, () => partsOf(route, pick()), route.accept, 1, undefined, route.method)
    const results: HttpBenchResult[] = []
    for (const route of routes) {
      const bare = await load(info.barePort, () => ({ path: '/bare' }), 'application/json', DURATION_S)
      const measured = await load(info.port, () => partsOf(route, pick()), route.accept, DURATION_S, undefined, route.method)
      say(`http: ${route.name} ${Math.round(measured.rps)} req/s, p99 ${measured.p99} ms, ${measured.errors} errors (bare ${Math.round(bare.rps)} req/s)`)
      results.push({
        name: route.name,
        path: `${route.method ?? 'GET'} ${route.path(':id')}`,
        requestsPerSecond: Math.round(measured.rps),
        p50Ms: measured.p50,
        p99Ms: measured.p99,
        errors: measured.errors,
        bareRequestsPerSecond: Math.round(bare.rps),
        ratio: Math.round((measured.rps / bare.rps) * 1000) / 1000,
      })
    }
    return results
  } finally {
    server.kill('SIGTERM')
    await once(server, 'exit')
  }
}

/** The figures as bench rows (each route against bare Hono, measured beside it) and lines with latencies and targets. */
export function httpReport(results: readonly HttpBenchResult[]): { rows: Row[]; targets: Target[]; lines: string[] } {
  const rows: Row[] = results.flatMap((r) => [
    { name: `http-bare-hono-before-${r.name.slice(5)}`, ops_per_s: r.bareRequestsPerSecond, baseline: null, baseline_ops_per_s: null, ratio: null },
    { name: r.name, ops_per_s: r.requestsPerSecond, baseline: `http-bare-hono-before-${r.name.slice(5)}`, baseline_ops_per_s: r.bareRequestsPerSecond, ratio: r.ratio, p50_ms: r.p50Ms, p99_ms: r.p99Ms, errors: r.errors },
  ])
  const mark = (ok: boolean) => (ok ? 'met    ' : 'NOT MET')
  const lines = results.flatMap((r) => {
    const target = HTTP_ROUTES.find((route) => route.name === r.name)!
    const met = (target.ratio === undefined || r.ratio >= target.ratio) && (target.p99Ms === undefined || r.p99Ms <= target.p99Ms) && (target.minRps === undefined || r.requestsPerSecond >= target.minRps) && r.errors === 0
    const wanted = [target.minRps === undefined ? '' : `>= ${target.minRps} req/s`, target.ratio === undefined ? '' : `>= ${target.ratio}x bare`, target.p99Ms === undefined ? '' : `p99 <= ${target.p99Ms} ms`, 'no errors'].filter(Boolean)
    return [
      `${r.name} ${r.path}: ${r.requestsPerSecond} req/s, p50 ${r.p50Ms} ms, p99 ${r.p99Ms} ms, ${r.errors} errors, ${r.ratio}x bare (${r.bareRequestsPerSecond} req/s)`,
      `${mark(met)}  ${r.name} ${wanted.join(', ')}`,
    ]
  })
  return { rows, targets: [], lines }
}
