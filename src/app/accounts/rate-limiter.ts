import type { Clock } from '../platform/ports.js'

/** At most `limit` events per key in any window of `windowMs`. */
export interface RateLimit {
  limit: number
  windowMs: number
}

/** Whether another event may happen now, and if not, in how many whole seconds one may. */
export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number }

/** Counts events per key over a sliding window, in memory. */
export interface RateLimiter {
  /** Whether the key is under its limit now (does not count anything). */
  check(key: string): RateDecision
  /** Counts one event for the key. */
  hit(key: string): void
  /** Forgets the key's events (e.g. after a successful sign-in). */
  reset(key: string): void
}

/**
 * A sliding-window limiter: each key keeps the times of its events inside the window. Memory is
 * bounded: at most `limit` times per key, keys whose events have all aged out are swept, and past
 * `maxKeys` the oldest keys are dropped first.
 */
export function createRateLimiter(clock: Clock, { limit, windowMs }: RateLimit, { maxKeys = 100_000 }: { maxKeys?: number } = {}): RateLimiter {
  if (!(limit >= 1 && windowMs > 0)) throw new TypeError('A rate limit needs limit >= 1 and windowMs > 0')
  // Insertion-ordered: a key re-inserted on each hit moves to the end, so the first key is the stalest.
  const events = new Map<string, number[]>()
  let sinceSweep = 0

  const live = (key: string, now: number): number[] => {
    const times = events.get(key)
    if (!times) return []
    const kept = times.filter((t) => t > now - windowMs)
    if (kept.length === 0) events.delete(key)
    else if (kept.length !== times.length) events.set(key, kept)
    return kept
  }

  const sweep = (now: number) => {
    for (const key of [...events.keys()]) live(key, now)
    while (events.size > maxKeys) events.delete(events.keys().next().value!)
  }

  return {
    check(key) {
      const now = clock.now().getTime()
      const times = live(key, now)
      if (times.length < limit) return { allowed: true }
      // The window frees a slot when the oldest counted event ages out.
      const freeAt = times[times.length - limit]! + windowMs
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((freeAt - now) / 1000)) }
    },
    hit(key) {
      const now = clock.now().getTime()
      const times = [...live(key, now), now].slice(-limit)
      events.delete(key)
      events.set(key, times)
      if (++sinceSweep >= 1000 || events.size > maxKeys) {
        sinceSweep = 0
        sweep(now)
      }
    },
    reset(key) {
      events.delete(key)
    },
  }
}
