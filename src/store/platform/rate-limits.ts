import type { Kysely } from 'kysely'
import type { RateLimitStore } from '../../app/platform/rate-limits.js'
import type { Database } from '../schema.js'

/** Expired events are swept about once every this many events recorded (by whichever process records it). */
const SWEEP_EVERY = 200

/** Rate-limit events in the database (migration 0014): shared by every process on it. */
export function rateLimitsRepo(q: Kysely<Database>): RateLimitStore {
  let sinceSweep = 0
  return {
    async recent(key, since, limit) {
      const rows = await q
        .selectFrom('rate_limit_events')
        .select('at')
        .where('key', '=', key)
        .where('at', '>', since)
        .orderBy('at', 'desc')
        .limit(limit)
        .execute()
      return rows.map((r) => Number(r.at)).reverse()
    },
    async add(key, at, expiresAt) {
      await q.insertInto('rate_limit_events').values({ key, at, expires_at: expiresAt }).execute()
      if (++sinceSweep >= SWEEP_EVERY) {
        sinceSweep = 0
        await q.deleteFrom('rate_limit_events').where('expires_at', '<', at).execute()
      }
    },
    async clear(key) {
      await q.deleteFrom('rate_limit_events').where('key', '=', key).execute()
    },
  }
}
