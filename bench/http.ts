// HTTP routes under load (`npm run bench -- --only http`): a server in a child process
// (bench/http-server.ts: SQLite, a few thousand issued credentials, a bare Hono JSON endpoint in the
// same process as the baseline) driven by autocannon from this process, 50 connections, each route
// for a few seconds, the bare endpoint first and then again between the routes so a route's ratio
// is to the bare figure measured next to it. Each request picks a credential at random; before the
// measurement every credential is verified once, so the figures are an instance's steady state.
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

/** The routes measured, and the targets for them (ratio to bare, p99). */
export const HTTP_ROUTES = [
  { name: 'http-verification', path: (id: string) => `/api/v1/credentials/${id}/verification`, accept: 'application/json', ratio: 0.3, p99Ms: 10 },
  { name: 'http-credential-page', path: (id: string) => `/c/${id}`, accept: 'text/html', ratio: 0.2, p99Ms: 20 },
  { name: 'http-credential-json', path: (id: string) => `/credentials/${id}`, accept: 'application/vc', ratio: 0.5, p99Ms: 10 },
] as const

async function load(port: number, paths: () => string, accept: string, seconds: number, amount?: number): Promise<{ rps: number; p50: number; p99: number; errors: number }> {
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: CONNECTIONS,
    ...(amount === undefined ? { duration: seconds } : { amount }),
    requests: [{ method: 'GET', headers: { accept }, setupRequest: (req) => ({ ...req, path: paths() }) }],
  })
  const bad = result.non2xx + result.errors + result.timeouts
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: bad }
}

/** Starts the server child, measures bare and every route, stops the child. */
export async function runHttpBench(say: (line: string) => void = () => {}): Promise<HttpBenchResult[]> {
  say('http: starting a server with issued credentials (child process)')
  const server = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./http-server.ts', import.meta.url))], { stdio: ['ignore', 'pipe', 'inherit'] })
  try {
    const [line] = (await once(createInterface({ input: server.stdout }), 'line')) as [string]
    const info = JSON.parse(line) as ServerInfo
    const pick = () => info.ids[Math.floor(Math.random() * info.ids.length)]!
    say(`http: ${info.ids.length} credentials; ${CONNECTIONS} connections, ${DURATION_S} s per route`)
    // Warm-up, not measured: JIT and connections, and every credential verified once (the steady
    // state of an instance whose credentials have been looked at before: what verification keeps).
    await load(info.barePort, () => '/bare', 'application/json', 1)
    let next = 0
    const started = performance.now()
    await load(info.port, () => HTTP_ROUTES[0].path(info.ids[next++ % info.ids.length]!), 'application/json', 0, info.ids.length)
    say(`http: every credential verified once (cold) in ${Math.round(performance.now() - started)} ms`)
    for (const route of HTTP_ROUTES) await load(info.port, () => route.path(pick()), route.accept, 1)
    const results: HttpBenchResult[] = []
    for (const route of HTTP_ROUTES) {
      const bare = await load(info.barePort, () => '/bare', 'application/json', DURATION_S)
      const measured = await load(info.port, () => route.path(pick()), route.accept, DURATION_S)
      say(`http: ${route.name} ${Math.round(measured.rps)} req/s, p99 ${measured.p99} ms (bare ${Math.round(bare.rps)} req/s)`)
      results.push({
        name: route.name,
        path: route.path(':id'),
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
    return [
      `${r.name} ${r.path}: ${r.requestsPerSecond} req/s, p50 ${r.p50Ms} ms, p99 ${r.p99Ms} ms, ${r.errors} errors, ${r.ratio}x bare (${r.bareRequestsPerSecond} req/s)`,
      `${mark(r.ratio >= target.ratio && r.p99Ms <= target.p99Ms && r.errors === 0)}  ${r.name} >= ${target.ratio}x bare, p99 <= ${target.p99Ms} ms, no errors`,
    ]
  })
  return { rows, targets: [], lines }
}
