import type { Kysely } from 'kysely'
import type { RateLimitStore } from '../../app/platform/rate-limits.js'
import type { Database } from '../schema.js'

/** Expired events are swept about once every this many events recorded (by whichever process records it). */
const SWEEP_EVERY = 200

/** Rows of one INSERT (3 parameters each, far below either database's limit). */
const ROWS_PER_INSERT = 500

type EventRow = { key: string; at: number; expires_at: number }

/**
 * Rate-limit events in the database (migration 0014): shared by every process on it.
 *
 * Events are written with group commit: every `add` made while the event loop turns once joins one
 * multi-row INSERT (one commit, one fsync on SQLite), and each `add` resolves when its event is
 * stored, as before. Under load (a public endpoint checked and counted on every request) this is
 * one synchronous commit per turn of the loop instead of one per request; `recent` in this process
 * also counts events still waiting for their commit.
 */
export function rateLimitsRepo(q: Kysely<Database>): RateLimitStore {
  let sinceSweep = 0
  let batch: { rows: EventRow[]; done: Promise<void> } | undefined

  async function write(rows: EventRow[]): Promise<void> {
    for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) await q.insertInto('rate_limit_events').values(rows.slice(i, i + ROWS_PER_INSERT)).execute()
    sinceSweep += rows.length
    if (sinceSweep >= SWEEP_EVERY) {
      sinceSweep = 0
      await q.deleteFrom('rate_limit_events').where('expires_at', '<', Math.max(...rows.map((r) => r.at))).execute()
    }
  }

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
      const times = rows.map((r) => Number(r.at))
      // Events of this process still on their way to the database (the batch being written is already in it or about to be).
      for (const row of batch?.rows ?? []) if (row.key === key && row.at > since) times.push(row.at)
      return times.sort((a, b) => a - b).slice(-limit)
    },
    add(key, at, expiresAt) {
      if (!batch) {
        const rows: EventRow[] = []
        const done = new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
          if (batch?.rows === rows) batch = undefined
          return write(rows)
        })
        batch = { rows, done }
      }
      batch.rows.push({ key, at, expires_at: expiresAt })
      return batch.done
    },
    async clear(key) {
      if (batch) {
        const kept = batch.rows.filter((r) => r.key !== key)
        batch.rows.length = 0
        batch.rows.push(...kept)
      }
      await q.deleteFrom('rate_limit_events').where('key', '=', key).execute()
    },
  }
}
