import { performance } from 'node:perf_hooks'

/** One measured case: how many times per second `run` completes, one call at a time. */
export interface Measurement {
  name: string
  opsPerSecond: number
}

/** How long to warm up and to measure each case, in milliseconds. */
export interface MeasureOptions {
  warmupMs: number
  durationMs: number
}

/**
 * Runs `run` back to back for `warmupMs` (JIT, caches), then for `durationMs`, and reports the rate of
 * the measured part. Single-threaded: each call is awaited before the next starts.
 */
export async function measure(name: string, run: () => unknown, options: MeasureOptions): Promise<Measurement> {
  await loop(run, options.warmupMs)
  const { ops, elapsedMs } = await loop(run, options.durationMs)
  return { name, opsPerSecond: (ops * 1000) / elapsedMs }
}

async function loop(run: () => unknown, budgetMs: number): Promise<{ ops: number; elapsedMs: number }> {
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
