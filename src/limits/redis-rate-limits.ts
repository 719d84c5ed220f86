// The RateLimitStore in Redis (EMBLEM_REDIS_URL): each key is a sorted set of event times, trimmed to
// its window and expiring with it, so every process on the same Redis counts together and Redis
// forgets what no limit needs any more.
import { randomBytes } from 'node:crypto'
import { Redis } from 'ioredis'
import type { RateLimitStore } from '../app/platform/rate-limits.js'
import { PlatformError } from '../core/errors.js'

/** A RateLimitStore over Redis, and how to close its connection. */
export interface RedisRateLimits extends RateLimitStore {
  close(): Promise<void>
}

/** Keys live under this prefix (`<prefix><limit name>:<hash>`); give instances sharing one Redis their own. */
const DEFAULT_PREFIX = 'emblem:rate:'

/**
 * Connects to `url` (redis:// or rediss://). Commands fail fast while Redis is away (ERR_STORE_UNAVAILABLE:
 * a 503 with Retry-After), and the client reconnects by itself.
 */
export function createRedisRateLimits(url: string, { prefix = DEFAULT_PREFIX, onError }: { prefix?: string; onError?: (err: Error) => void } = {}): RedisRateLimits {
  const redis = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 1, enableOfflineQueue: true, connectTimeout: 5000 })
  // Without a listener an 'error' event would take the process down; the client keeps reconnecting.
  redis.on('error', (err: Error) => onError?.(err))
  const away = (err: unknown): never => {
    throw new PlatformError('ERR_STORE_UNAVAILABLE', 'The rate-limit store (Redis) cannot be reached', { cause: err })
  }
  const k = (key: string) => `${prefix}${key}`
  return {
    async recent(key, since, limit) {
      // Newest first, at most `limit`, strictly after `since`.
      const flat = await redis.zrevrangebyscore(k(key), '+inf', `(${since}`, 'WITHSCORES', 'LIMIT', 0, limit).catch(away)
      const times: number[] = []
      for (let i = 1; i < flat.length; i += 2) times.push(Number(flat[i]))
      return times.reverse()
    },
    async add(key, at, expiresAt) {
      const windowMs = Math.max(1, expiresAt - at)
      await redis
        .multi()
        .zadd(k(key), at, `${at}:${randomBytes(6).toString('base64url')}`)
        .zremrangebyscore(k(key), '-inf', `(${at - windowMs}`)
        .pexpire(k(key), windowMs)
        .exec()
        .catch(away)
    },
    async clear(key) {
      await redis.del(k(key)).catch(away)
    },
    async close() {
      await redis.quit().catch(() => redis.disconnect())
    },
  }
}
