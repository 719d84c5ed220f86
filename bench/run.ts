// Emblem's proof generation and verification against Digital Bazaar's libraries and raw Ed25519.
// `npm run bench` prints a table; `npm run bench -- --json` prints {"results":[…]} for machines.
import { benchCases } from './cases.js'
import { measureAll } from './measure.js'
import { formatTable, type Row } from './report.js'

const json = process.argv.includes('--json')
const options = { warmupMs: 400, rounds: 7, roundMs: 300 }

const cases = await benchCases()
const measured = await measureAll(cases.cases, options, (round) => {
  if (!json) process.stderr.write(`round ${round}/${options.rounds}\n`)
})

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
