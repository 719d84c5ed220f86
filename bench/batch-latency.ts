// Other requests while a CSV batch runs (`npm run bench -- --only batch-latency`; issue #11 item 7,
// RELIABILITY.md R29): a real `emblem serve` process (bin/emblem.mjs, default settings) on a fresh
// SQLite file (and on a database of its own on PostgreSQL when EMBLEM_BENCH_DATABASE_URL or
// TEST_DATABASE_URL is set), a few credentials issued and checkpointed; four loops ask /healthz,
// /log/checkpoint and an anonymous credential page (/c/{id}) in turn, one request at a time each,
// first on the idle instance (the baseline, EMBLEM_BENCH_IDLE_SECONDS, default 5) and then while a
// batch of EMBLEM_BENCH_BATCH_ROWS rows (default 20,000) runs, until it is done. Reports each route's
// p50/p99/max in both phases and their ratio; R29's target: p99 ≤ 100 ms and none over 1 s during the batch.
import { issueOne, waitForCheckpoint } from '../test/support/emblem-cli.js'
import { batchState, csvOf, queueBatch, seedInstance, startEmblem, testMasterKey } from '../test/support/emblem-process.js'
import { latencyByRoute, requestLoops, type RouteLatency } from '../test/support/request-loops.js'
import { onEachStore, type InstanceStore } from './instance-stores.js'
import type { Row } from './report.js'

/** R29: p99 of other requests during a batch at most this… */
export const BATCH_LATENCY_P99_MS = 100
/** …and none slower than this. */
export const BATCH_LATENCY_MAX_MS = 1000

/** One store's figures: each route idle and during the batch (the last route `all`). */
export interface BatchLatencyResult {
  store: InstanceStore
  rows: number
  batchSeconds: number
  idleSeconds: number
  routes: { route: string; idle: RouteLatency; batch: RouteLatency }[]
}

const ROWS = Number(process.env.EMBLEM_BENCH_BATCH_ROWS ?? 20_000)
const IDLE_SECONDS = Number(process.env.EMBLEM_BENCH_IDLE_SECONDS ?? 5)
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** Runs the bench against one database URL (a SQLite file path or a PostgreSQL URL). */
async function benchOne(store: InstanceStore, databaseUrl: string, dataDir: string): Promise<BatchLatencyResult> {
  const masterKey = testMasterKey()
  const publicUrl = 'http://localhost:3000'
  const seeded = await seedInstance({ databaseUrl, masterKey, publicUrl })
  const running = await startEmblem(['serve'], { EMBLEM_DATA_DIR: dataDir, EMBLEM_DATABASE_URL: databaseUrl, EMBLEM_MASTER_KEY: masterKey, EMBLEM_PUBLIC_URL: publicUrl })
  try {
    const { base } = running
    const ids: string[] = []
    for (let i = 0; i < 5; i++) ids.push((await issueOne(base, seeded, `bench-${i}`)).replace(/^urn:uuid:/, ''))
    await waitForCheckpoint(base, ids.length)
    for (const id of ids) await (await fetch(`${base}/c/${id}`)).arrayBuffer()
    const paths = ids.flatMap((id) => ['/healthz', '/log/checkpoint', `/c/${id}`])

    const idle = latencyByRoute(await requestLoops(base, paths, sleep(IDLE_SECONDS * 1000)))
    const started = performance.now()
    const batchId = await queueBatch(base, seeded, csvOf(ROWS, 'bench'), 'bench.csv')
    const finished = (async () => {
      for (;;) {
        const state = await batchState(base, seeded, batchId)
        if (state.state === 'done' || state.state === 'failed') return state
        await sleep(250)
      }
    })()
    const during = latencyByRoute(await requestLoops(base, paths, finished))
    const batch = await finished
    if (batch.state !== 'done' || batch.issued !== ROWS) throw new Error(`The bench batch ended ${batch.state} with ${batch.issued}/${ROWS} issued`)
    return {
      store,
      rows: ROWS,
      batchSeconds: Math.round((performance.now() - started) / 100) / 10,
      idleSeconds: IDLE_SECONDS,
      routes: during.map((b) => ({ route: b.route, idle: idle.find((i) => i.route === b.route)!, batch: b })),
    }
  } finally {
    await running.stop('SIGTERM')
  }
}

/** Runs the bench on SQLite, then on PostgreSQL when a URL is configured. */
export async function runBatchLatencyBench(say: (line: string) => void = () => {}): Promise<BatchLatencyResult[]> {
  return onEachStore('batchlat', (store, databaseUrl, dataDir) => {
    say(`batch-latency: ${store}, ${ROWS.toLocaleString('en-US')} rows`)
    return benchOne(store, databaseUrl, dataDir)
  })
}

const slug = (route: string) => (route === 'all' ? 'all' : route.replace(/\{id\}/, 'id').replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, ''))

/** Rows (requests a second of the four loops during the batch against idle, with the latencies) and lines with p50/p99/max, the p99 ratio and R29's verdict. */
export function batchLatencyReport(results: readonly BatchLatencyResult[]): { rows: Row[]; lines: string[] } {
  const rows: Row[] = results.flatMap((r) =>
    r.routes.flatMap(({ route, idle, batch }) => {
      const idleRps = Math.round((idle.requests / r.idleSeconds) * 10) / 10
      const batchRps = Math.round((batch.requests / r.batchSeconds) * 10) / 10
      const name = `batch-latency-${r.store}-${slug(route)}`
      return [
        { name: `${name}-idle`, ops_per_s: idleRps, baseline: null, baseline_ops_per_s: null, ratio: null, p50_ms: idle.p50Ms, p99_ms: idle.p99Ms, max_ms: idle.maxMs, errors: idle.errors },
        { name, ops_per_s: batchRps, baseline: `${name}-idle`, baseline_ops_per_s: idleRps, ratio: Math.round((batchRps / idleRps) * 100) / 100, p50_ms: batch.p50Ms, p99_ms: batch.p99Ms, max_ms: batch.maxMs, errors: batch.errors },
      ]
    }),
  )
  const mark = (ok: boolean) => (ok ? 'met    ' : 'NOT MET')
  const lines = results.flatMap((r) => {
    const all = r.routes.find((x) => x.route === 'all')!.batch
    return [
      `batch-latency ${r.store}: ${r.rows.toLocaleString('en-US')}-row batch done in ${r.batchSeconds} s; idle baseline ${r.idleSeconds} s, same routes, same process`,
      ...r.routes.map(
        ({ route, idle, batch }) =>
          `  ${route.padEnd(15)} during the batch p50 ${batch.p50Ms} ms, p99 ${batch.p99Ms} ms, max ${batch.maxMs} ms (${batch.requests} requests, ${batch.errors} errors) | idle p50 ${idle.p50Ms} ms, p99 ${idle.p99Ms} ms, max ${idle.maxMs} ms | p99 ${Math.round((batch.p99Ms / idle.p99Ms) * 10) / 10}x idle`,
      ),
      `${mark(all.p99Ms <= BATCH_LATENCY_P99_MS && all.errors === 0)}  batch-latency-${r.store} p99 <= ${BATCH_LATENCY_P99_MS} ms during the batch (${all.p99Ms} ms)`,
      `${mark(all.maxMs <= BATCH_LATENCY_MAX_MS)}  batch-latency-${r.store} none over ${BATCH_LATENCY_MAX_MS} ms (max ${all.maxMs} ms)`,
    ]
  })
  return { rows, lines }
}
