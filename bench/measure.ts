import { performance } from 'node:perf_hooks'

/** One measured case: how many times per second `run` completes, one call at a time. */
export interface Measurement {
  name: string
  opsPerSecond: number
}

/** How long to warm each case up, how many interleaved rounds to run, and how long each round lasts (ms). */
export interface MeasureOptions {
  warmupMs: number
  rounds: number
  roundMs: number
}

/**
 * Measures every case in `rounds` interleaved rounds (case A, B, C, then A, B, C again …) and reports
 * each case's median rate. Interleaving keeps a ratio between two cases fair when the machine's load
 * drifts during the run, which a case-after-case schedule does not. `run(ms)` runs a case for that
 * long (in its worker thread) and reports the calls made; only one case runs at a time.
 */
export async function measureAll(
  cases: ReadonlyArray<{ name: string; run: (ms: number) => Promise<{ ops: number; elapsedMs: number }> }>,
  options: MeasureOptions,
  onProgress: (round: number) => void = () => {},
): Promise<Map<string, Measurement>> {
  for (const { run } of cases) await run(options.warmupMs)
  const rates = new Map<string, number[]>(cases.map(({ name }) => [name, []]))
  for (let round = 0; round < options.rounds; round++) {
    for (const { name, run } of cases) {
      const { ops, elapsedMs } = await run(options.roundMs)
      rates.get(name)!.push((ops * 1000) / elapsedMs)
    }
    onProgress(round + 1)
  }
  return new Map([...rates].map(([name, list]) => [name, { name, opsPerSecond: median(list) }]))
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = sorted.length >> 1
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

/** Runs `run` back to back for `budgetMs`; how many calls completed and in how long. */
export async function loop(run: () => unknown, budgetMs: number): Promise<{ ops: number; elapsedMs: number }> {
  const start = performance.now()
  let ops = 0
  let elapsed = 0
  // Check the clock every few calls so that fast cases (raw Ed25519) are not dominated by it.
  while (elapsed < budgetMs) {
    for (let i = 0; i < 8; i++) {
      const result = run()
      if (result instanceof Promise) await result
      ops++
    }
    elapsed = performance.now() - start
  }
  return { ops, elapsedMs: elapsed }
}
