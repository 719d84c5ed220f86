// The shared rate limits (app/platform/rate-limits.ts) over every RateLimitStore: this process's
// memory, the database (SQLite, PostgreSQL with TEST_DATABASE_URL) and Redis (127.0.0.1:6379, or
// TEST_REDIS_URL). Two limiter instances over two connections to one backend stand for two processes.
import { mkdtempSync, rmSync } from 'node:fs'
import { randomBytes } from 'node:crypto'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Redis } from 'ioredis'
import { afterAll, describe, expect, it } from 'vitest'
import { memoryRateLimitStore, sharedRateLimiter, type RateLimitStore } from '../../src/app/platform/rate-limits.js'
import { createRedisRateLimits } from '../../src/limits/redis-rate-limits.js'
import { openStore, type Store } from '../../src/store/index.js'
import { openTestPostgresStore, TEST_DATABASE_URL } from '../store/postgres-schema.js'
import { freePort } from '../support/server-process.js'

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379'
const redisUp = await (async () => {
  const probe = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null })
  probe.on('error', () => {})
  try {
    await probe.connect()
    return (await probe.ping()) === 'PONG'
  } catch {
    return false
  } finally {
    probe.disconnect()
  }
})()

const clockAt = (start = Date.parse('2026-03-01T10:00:00Z')) => {
  let t = start
  return { now: () => new Date(t), advance: (ms: number) => void (t += ms) }
}

/** Two stores over one backend (two "processes"), and how to close them. */
type Pair = { a: RateLimitStore; b: RateLimitStore; close(): Promise<void> }

const backends: [string, boolean, () => Promise<Pair>][] = [
  [
    'memory',
    true,
    async () => {
      const one = memoryRateLimitStore()
      return { a: one, b: one, close: async () => {} }
    },
  ],
  [
    'SQLite',
    true,
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'emblem-limits-'))
      const file = join(dir, 'emblem.db')
      const first = await openStore({ url: file })
      await first.migrate()
      const second = await openStore({ url: file })
      return {
        a: first.repos.rateLimits,
        b: second.repos.rateLimits,
        async close() {
          await first.close()
          await second.close()
          rmSync(dir, { recursive: true, force: true })
        },
      }
    },
  ],
  [
    'PostgreSQL',
    TEST_DATABASE_URL !== undefined,
    async () => {
      const first = await openTestPostgresStore(TEST_DATABASE_URL!)
      const schema = await first.db.selectNoFrom((eb) => eb.fn<string>('current_schema').as('s')).executeTakeFirstOrThrow()
      const second: Store = await openStore({ url: TEST_DATABASE_URL!, schema: schema.s })
      return {
        a: first.repos.rateLimits,
        b: second.repos.rateLimits,
        async close() {
          await second.close()
          await first.close()
        },
      }
    },
  ],
  [
    'Redis',
    redisUp,
    async () => {
      const prefix = `emblem-test:${randomBytes(6).toString('hex')}:`
      const a = createRedisRateLimits(REDIS_URL, { prefix })
      const b = createRedisRateLimits(REDIS_URL, { prefix })
      return {
        a,
        b,
        async close() {
          await a.close()
          await b.close()
        },
      }
    },
  ],
]

for (const [name, available, open] of backends) {
  describe.skipIf(!available)(`shared rate limits in ${name}`, () => {
    const pairs: Pair[] = []
    const pair = async () => {
      const p = await open()
      pairs.push(p)
      return p
    }
    afterAll(async () => {
      for (const p of pairs) await p.close()
    })

    it('allows the limit, refuses the next with when to retry, and frees a slot when the oldest event ages out', async () => {
      const { a } = await pair()
      const clock = clockAt()
      const limiter = sharedRateLimiter({ rateLimits: a, clock }, 'test', { limit: 3, windowMs: 60_000 })
      for (let i = 0; i < 3; i++) {
        expect((await limiter.check('k')).allowed).toBe(true)
        await limiter.hit('k')
        clock.advance(10_000)
      }
      expect(await limiter.check('k')).toEqual({ allowed: false, retryAfterSeconds: 30 })
      clock.advance(29_999)
      expect((await limiter.check('k')).allowed).toBe(false)
      clock.advance(1)
      expect((await limiter.check('k')).allowed).toBe(true)
    })

    it('counts the hits of two limiter instances (two processes) together, keeps keys and limit names apart, and resets for both', async () => {
      const { a, b } = await pair()
      const clock = clockAt()
      const rule = { limit: 4, windowMs: 60_000 }
      const first = sharedRateLimiter({ rateLimits: a, clock }, 'resend', rule)
      const second = sharedRateLimiter({ rateLimits: b, clock }, 'resend', rule)
      const otherName = sharedRateLimiter({ rateLimits: b, clock }, 'verify', rule)
      await first.hit('credential-1')
      await second.hit('credential-1')
      await first.hit('credential-1')
      expect((await second.check('credential-1')).allowed).toBe(true)
      await second.hit('credential-1')
      expect((await first.check('credential-1')).allowed).toBe(false)
      expect((await second.check('credential-1')).allowed).toBe(false)
      expect((await first.check('credential-2')).allowed).toBe(true)
      expect((await otherName.check('credential-1')).allowed).toBe(true)
      await first.reset('credential-1')
      expect((await second.check('credential-1')).allowed).toBe(true)
    })

    it('counts concurrent hits from both instances, none lost', async () => {
      const { a, b } = await pair()
      const clock = clockAt()
      const rule = { limit: 40, windowMs: 60_000 }
      const one = sharedRateLimiter({ rateLimits: a, clock }, 'burst', rule)
      const two = sharedRateLimiter({ rateLimits: b, clock }, 'burst', rule)
      await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? one : two).hit('ip')))
      expect((await one.check('ip')).allowed).toBe(false)
      expect(await a.recent(`never-used`, 0, 10)).toEqual([])
    })

    it('never answers a wait shorter than one second', async () => {
      const { a } = await pair()
      const clock = clockAt()
      const limiter = sharedRateLimiter({ rateLimits: a, clock }, 'short', { limit: 1, windowMs: 1500 })
      await limiter.hit('k')
      clock.advance(1400)
      expect(await limiter.check('k')).toEqual({ allowed: false, retryAfterSeconds: 1 })
    })
  })
}

describe('a Redis rate-limit store that cannot be reached', () => {
  it('fails fast with ERR_STORE_UNAVAILABLE (a 503 with Retry-After), never counting nothing silently', async () => {
    const port = await freePort()
    const away = createRedisRateLimits(`redis://127.0.0.1:${port}`)
    try {
      const started = Date.now()
      await expect(away.recent('k', 0, 5)).rejects.toMatchObject({ code: 'ERR_STORE_UNAVAILABLE' })
      await expect(away.add('k', 1, 2)).rejects.toMatchObject({ code: 'ERR_STORE_UNAVAILABLE' })
      await expect(away.clear('k')).rejects.toMatchObject({ code: 'ERR_STORE_UNAVAILABLE' })
      expect(Date.now() - started).toBeLessThan(5000)
    } finally {
      await away.close()
    }
  })
})
