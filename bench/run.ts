// Emblem's proof generation and verification against Digital Bazaar's libraries and raw Ed25519.
// `npm run bench` prints a table; `npm run bench -- --json` prints {"results":[…]} for machines.
import { benchCases } from './cases.js'
import { measure, type Measurement } from './measure.js'
import { formatTable, type Row } from './report.js'

const json = process.argv.includes('--json')
const options = { warmupMs: 500, durationMs: 2000 }

const cases = await benchCases()
const measured = new Map<string, Measurement>()
for (const { name, run } of cases.cases) {
  measured.set(name, await measure(name, run, options))
  if (!json) process.stderr.write(`measured ${name}\n`)
}

const rows: Row[] = cases.comparisons.map(({ name, baseline }) => {
  const ops = measured.get(name)!.opsPerSecond
  const baseOps = baseline === null ? null : measured.get(baseline)!.opsPerSecond
  if (baseOps === null) return { name, ops_per_s: round(ops), baseline, baseline_ops_per_s: null, ratio: null }
  return { name, ops_per_s: round(ops), baseline, baseline_ops_per_s: round(baseOps), ratio: round(ops / baseOps) }
})

if (json) process.stdout.write(`${JSON.stringify({ results: rows })}\n`)
else process.stdout.write(`${formatTable(rows, cases.targets)}\n`)

function round(value: number): number {
  return Math.round(value * 100) / 100
}
