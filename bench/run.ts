// Emblem's proof generation and verification against Digital Bazaar's libraries and raw Ed25519, the
// transparency log, bulk issuance and the CLI. `npm run bench` prints a table; `npm run -s bench -- --json`
// prints {"results":[…]}; `--only issuance` (or `--only emblem,log`, `--only http`, `--only talent`, `--only esco`, `--only catalog`,
// `--only batch-latency`, `--only load`…) runs just those groups;
// `--only http-verify-post` (any HTTP row names, comma separated) just those HTTP rows.
// Each group of cases runs in its own worker thread, with its own heap, so one library's garbage is
// not collected during another's measurement; the main thread interleaves the rounds. Bulk issuance
// is one long end-to-end run, in a child process of its own so its peak RSS is its own.
import { once } from 'node:events'
import { Worker } from 'node:worker_threads'
import { groupOf, type BenchGroup, type Comparison } from './cases.js'
import { measureAll } from './measure.js'
import { formatTable, type Row, type Target } from './report.js'
import { issuanceReport, runIssuanceChild, type IssuanceBenchResult } from './issuance.js'
import { coverageLine, fastPathCoverage } from './fast-path-coverage.js'
import { httpReport, runHttpBench, type HttpBenchResult } from './http.js'
import { cliReport, runCliBench } from './cli.js'
import { runTalentBench, talentReport } from './talent.js'
import { escoReport, runEscoChild } from './esco.js'
import { catalogReport, runCatalogBench } from './catalog.js'
import { batchLatencyReport, runBatchLatencyBench } from './batch-latency.js'
import { loadReport, runLoadBench } from './load.js'

const json = process.argv.includes('--json')
const onlyAt = process.argv.indexOf('--only')
const only = onlyAt > 0 ? new Set(process.argv[onlyAt + 1]?.split(',')) : undefined
const isSelected = (group: BenchGroup | 'issuance' | 'http' | 'cli' | 'talent' | 'esco' | 'catalog' | 'batch-latency' | 'load') => only === undefined || only.has(group) || (group === 'http' && httpRoutes !== undefined)
// `--only http-verification,http-verify-post` measures just those HTTP rows (`--only http`: all of them).
const httpRoutes = only && !only.has('http') && [...only].some((n) => n.startsWith('http-')) ? [...only].filter((n) => n.startsWith('http-')) : undefined
const options = { warmupMs: 400, rounds: 7, roundMs: 300 }
const say = (line: string) => (json ? undefined : process.stderr.write(`${line}\n`))

interface Group {
  worker: Worker
  names: string[]
  comparisons: Comparison[]
  targets: Target[]
  run(name: string, ms: number): Promise<{ ops: number; elapsedMs: number }>
}

async function startGroup(group: BenchGroup): Promise<Group> {
  const worker = new Worker(new URL('./worker-entry.mjs', import.meta.url), { workerData: { group } })
  const [ready] = (await once(worker, 'message')) as [{ names: string[]; comparisons: Comparison[]; targets: Target[] }]
  say(`${group}: ${ready.names.length} cases ready`)
  const run = async (name: string, ms: number) => {
    worker.postMessage({ name, ms })
    const [result] = (await once(worker, 'message')) as [{ ops: number; elapsedMs: number }]
    return result
  }
  return { worker, ...ready, run }
}

const groups = new Map<BenchGroup, Group>()
for (const group of ['emblem', 'digitalbazaar', 'log'] as const) if (isSelected(group)) groups.set(group, await startGroup(group))
const all = [...groups.values()]
const measured =
  all.length === 0
    ? new Map<string, never>()
    : await measureAll(
        all.flatMap((g) => g.names).map((name) => ({ name, run: (ms: number) => groups.get(groupOf(name))!.run(name, ms) })),
        options,
        (round) => say(`round ${round}/${options.rounds}`),
      )
for (const { worker } of all) {
  worker.postMessage({ stop: true })
  await once(worker, 'exit')
}

const rows: Row[] = all
  .flatMap((g) => g.comparisons)
  .filter(({ name, baseline }) => measured.has(name) && (baseline === null || measured.has(baseline)))
  .map(({ name, baseline }) => {
    const ops = measured.get(name)!.opsPerSecond
    const baseOps = baseline === null ? null : measured.get(baseline)!.opsPerSecond
    if (baseOps === null) return { name, ops_per_s: round(ops), baseline, baseline_ops_per_s: null, ratio: null }
    return { name, ops_per_s: round(ops), baseline, baseline_ops_per_s: round(baseOps), ratio: round(ops / baseOps) }
  })

const issuance: IssuanceBenchResult[] = isSelected('issuance') ? await runIssuanceChild(say) : []
const bulk = issuanceReport(issuance)
const http: HttpBenchResult[] = isSelected('http') ? await runHttpBench(say, httpRoutes) : []
const routes = httpReport(http)
const cliResult = isSelected('cli') ? await runCliBench(say) : undefined
const cli = cliResult ? cliReport(cliResult) : { rows: [], targets: [], lines: [] }
const talent = talentReport(isSelected('talent') ? await runTalentBench(say) : undefined)
const esco = isSelected('esco') ? escoReport(await runEscoChild(say)) : { rows: [], lines: [] }
const catalog = catalogReport(isSelected('catalog') ? await runCatalogBench() : undefined)
const batchLatencyResults = isSelected('batch-latency') ? await runBatchLatencyBench(say) : []
const batchLatency = batchLatencyReport(batchLatencyResults)
const loadResults = isSelected('load') ? await runLoadBench(say) : []
const load = loadReport(loadResults)
// The interop examples on the fast canonicalization path, with the signing cases and the CLI's.
const coverage = isSelected('emblem') || isSelected('cli') ? await fastPathCoverage() : undefined
const fastPath = coverage ? { fastPath: { examples: coverage.length, canonicalizable: coverage.filter((c) => c.general === 'ok').length, fast: coverage.filter((c) => c.fast).length, files: coverage } } : {}
if (json)
  process.stdout.write(
    `${JSON.stringify({ results: [...rows, ...bulk.rows, ...routes.rows, ...cli.rows, ...talent.rows, ...esco.rows, ...catalog.rows, ...batchLatency.rows, ...load.rows], ...(issuance.length ? { issuance } : {}), ...(http.length ? { http } : {}), ...(cliResult ? { cli: cliResult } : {}), ...(batchLatencyResults.length ? { batchLatency: batchLatencyResults } : {}), ...(loadResults.length ? { load: loadResults } : {}), ...fastPath })}\n`,
  )
else {
  const lines = [...bulk.lines, ...routes.lines, ...cli.lines, ...talent.lines, ...esco.lines, ...catalog.lines, ...batchLatency.lines, ...load.lines, ...(coverage ? [coverageLine(coverage)] : [])]
  process.stdout.write(`${formatTable([...rows, ...bulk.rows, ...routes.rows, ...cli.rows, ...talent.rows, ...esco.rows, ...catalog.rows, ...batchLatency.rows, ...load.rows], [...all.flatMap((g) => g.targets), ...bulk.targets, ...cli.targets])}\n${lines.join('\n')}\n`)
}

function round(value: number): number {
  return Math.round(value * 100) / 100
}
