import { setImmediate as nextTurn } from 'node:timers/promises'
import fc from 'fast-check'

/**
 * The seed property tests run with: EMBLEM_PROPERTY_SEED when set (to replay a failure), else in CI
 * the UTC day (a re-run of a red build meets the same cases, and each day explores new ones), else
 * a random one. Whatever it is, a failure reports it with the command that replays it.
 */
export const propertySeed: number = (() => {
  const given = process.env.EMBLEM_PROPERTY_SEED
  if (given !== undefined && given !== '') {
    const seed = Number(given)
    if (!Number.isInteger(seed)) throw new Error(`EMBLEM_PROPERTY_SEED must be an integer, got ${given}`)
    return seed
  }
  if (process.env.CI) return Number(new Date().toISOString().slice(0, 10).replaceAll('-', ''))
  return Math.floor(Math.random() * 0x7fffffff) ^ Date.now()
})()

/**
 * fc.assert with the seed above (and EMBLEM_PROPERTY_PATH, which replays just the shrunk
 * counterexample). On failure the error names seed, path and counterexample (fast-check's report)
 * and ends with the environment that replays it; the property's own error stays its cause.
 */
export async function assertProperty<Ts extends [unknown, ...unknown[]]>(
  property: fc.IAsyncPropertyWithHooks<Ts>,
  params: Omit<fc.Parameters<Ts>, 'seed' | 'path'> = {},
): Promise<void> {
  const path = process.env.EMBLEM_PROPERTY_PATH || undefined
  const details = await fc.check(yieldingEvery(property, YIELD_MS), { ...params, seed: propertySeed, ...(path ? { path } : {}) })
  if (!details.failed) return
  const report = fc.defaultReportMessage(details) ?? `Property failed (seed ${details.seed})`
  const replay = `Replay: EMBLEM_PROPERTY_SEED=${details.seed} EMBLEM_PROPERTY_PATH=${JSON.stringify(details.counterexamplePath ?? '')}`
  throw new Error(`${report}\n${replay}`, { cause: details.errorInstance })
}

/** How long a property test runs its cases before letting the event loop turn. */
const YIELD_MS = 200

/**
 * The property, letting the event loop turn at least every `ms` between cases. An async property whose
 * cases only await promises never gives timers a turn: 10,000 cases held the test thread for minutes, and
 * the watchdog (watchdog.ts, which hears from the thread through a timer) ended the file as blocked.
 */
function yieldingEvery<Ts extends [unknown, ...unknown[]]>(property: fc.IAsyncPropertyWithHooks<Ts>, ms: number): fc.IAsyncPropertyWithHooks<Ts> {
  let since = performance.now()
  return property.beforeEach(async (previous) => {
    if (performance.now() - since >= ms) {
      await nextTurn()
      since = performance.now()
    }
    await previous()
  })
}
