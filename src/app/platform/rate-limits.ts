// Rate limits every process of an instance counts together: sliding windows over event times kept
// in a shared RateLimitStore (the database by default, Redis with EMBLEM_REDIS_URL). The decision is
// made here, once; the stores only keep times. Keys are hashed before they are stored, so no e-mail
// address or client address sits in the database or in Redis.
import { createHash } from 'node:crypto'
import type { Clock } from './ports.js'
import { BoundedMap } from '../../core/bounded-map.js'

/** At most `limit` events per key in any window of `windowMs`. */
export interface RateLimit {
  limit: number
  windowMs: number
}

/** Whether another event may happen now, and if not, in how many whole seconds one may. */
export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number }

/** The port: where event times are kept, shared by every process (implemented by the store and by src/limits for Redis). */
export interface RateLimitStore {
  /** The times (ms since the epoch) of the key's events after `since`: the newest `limit` of them, oldest first. */
  recent(key: string, since: number, limit: number): Promise<number[]>
  /** Records an event of the key at `at`; it may be forgotten after `expiresAt`. */
  add(key: string, at: number, expiresAt: number): Promise<void>
  /** Forgets the key's events. */
  clear(key: string): Promise<void>
}

/** A limit over a shared store. */
export interface SharedRateLimiter {
  /** Whether the key is under its limit now (counts nothing). */
  check(key: string): Promise<RateDecision>
  /** Counts one event for the key. */
  hit(key: string): Promise<void>
  /** Forgets the key's events (e.g. after a successful sign-in). */
  reset(key: string): Promise<void>
}

/** The decision for `times` (oldest first, within the window) at `now`. */
export function decide(times: readonly number[], now: number, { limit, windowMs }: RateLimit): RateDecision {
  if (times.length < limit) return { allowed: true }
  // The window frees a slot when the oldest counted event ages out.
  const freeAt = times[times.length - limit]! + windowMs
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((freeAt - now) / 1000)) }
}

/**
 * A limit named `name` (keys of different limits never meet) over `store`, timed by `clock`.
 * @example
 * const resend = sharedRateLimiter(ports, 'claim-resend', { limit: 5, windowMs: 3_600_000 })
 * if (!(await resend.check(id)).allowed) …; await resend.hit(id)
 */
export function sharedRateLimiter({ rateLimits, clock }: { rateLimits: RateLimitStore; clock: Clock }, name: string, rule: RateLimit): SharedRateLimiter {
  if (!(rule.limit >= 1 && rule.windowMs > 0)) throw new TypeError('A rate limit needs limit >= 1 and windowMs > 0')
  const keyOf = (key: string) => `${name}:${createHash('sha256').update(key).digest('base64url')}`
  return {
    async check(key) {
      const now = clock.now().getTime()
      return decide(await rateLimits.recent(keyOf(key), now - rule.windowMs, rule.limit), now, rule)
    },
    async hit(key) {
      const now = clock.now().getTime()
      await rateLimits.add(keyOf(key), now, now + rule.windowMs)
    },
    reset: (key) => rateLimits.clear(keyOf(key)),
  }
}

/** A RateLimitStore in this process's memory (one process only: tests, tools). Memory is bounded by `maxKeys`, stalest first. */
export function memoryRateLimitStore({ maxKeys = 100_000 }: { maxKeys?: number } = {}): RateLimitStore {
  const events = new BoundedMap<string, { at: number; expiresAt: number }[]>(maxKeys)
  return {
    async recent(key, since, limit) {
      return (events.get(key) ?? []).filter((e) => e.at > since).map((e) => e.at).slice(-limit)
    },
    async add(key, at, expiresAt) {
      const kept = (events.get(key) ?? []).filter((e) => e.expiresAt >= at)
      kept.push({ at, expiresAt })
      events.set(key, kept)
    },
    async clear(key) {
      events.delete(key)
    },
  }
}
