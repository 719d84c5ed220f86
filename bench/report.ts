/** One line of the bench output: a case, its baseline (null for a baseline itself) and their ratio. */
export interface Row {
  name: string
  ops_per_s: number
  baseline: string | null
  baseline_ops_per_s: number | null
  ratio: number | null
  /** HTTP rows: median and 99th percentile latency (ms), and failed requests. */
  p50_ms?: number
  p99_ms?: number
  /** Latency rows (bench/batch-latency.ts): the slowest request (ms). */
  max_ms?: number
  errors?: number
  /** Whole-process rows (bench/cli.ts): the median wall time of one run (ms). */
  wall_ms?: number
}

/** A goal from the issue: `name` against `baseline` should reach `ratio`, or `name` alone `atLeast` operations a second. */
export type Target = { name: string; baseline: string; ratio: number } | { name: string; atLeast: number; unit: string }

/** The rows as an aligned text table, then each target with whether this run met it. */
export function formatTable(rows: readonly Row[], targets: readonly Target[]): string {
  const header = ['name', 'ops/s', 'baseline', 'baseline ops/s', 'ratio']
  const cells = rows.map((r) => [
    r.name,
    fixed(r.ops_per_s),
    r.baseline ?? '-',
    r.baseline_ops_per_s === null ? '-' : fixed(r.baseline_ops_per_s),
    r.ratio === null ? '-' : `${fixed(r.ratio)}x`,
  ])
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)))
  const line = (c: string[]) => c.map((cell, i) => (i === 0 || i === 2 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ')
  const lines = [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line), '']
  for (const t of targets) {
    if ('atLeast' in t) {
      const row = rows.find((r) => r.name === t.name)
      const met = row !== undefined && row.ops_per_s >= t.atLeast
      lines.push(`${met ? 'met    ' : 'NOT MET'}  ${t.name} >= ${t.atLeast} ${t.unit}${row ? ` (${fixed(row.ops_per_s)})` : ''}`)
      continue
    }
    const row = rows.find((r) => r.name === t.name && r.baseline === t.baseline)
    const met = row?.ratio != null && row.ratio >= t.ratio
    lines.push(`${met ? 'met    ' : 'NOT MET'}  ${t.name} >= ${t.ratio}x ${t.baseline}${row?.ratio != null ? ` (${fixed(row.ratio)}x)` : ''}`)
  }
  return lines.join('\n')
}

const fixed = (n: number): string => (n >= 100 ? n.toFixed(0) : n.toFixed(2))
