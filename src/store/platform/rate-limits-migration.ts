import { sql, type Kysely, type Migration } from 'kysely'
import type { Dialect } from '../schema.js'

/**
 * 0014: rate-limit events in the database (app/platform/rate-limits.ts), so every process of an
 * instance counts the same requests: one row per counted event, by the hash of its limit's key,
 * dropped once its window is over.
 */
export const rateLimitsMigration = (dialect: Dialect): Migration => ({
  async up(db: Kysely<unknown>) {
    const int = dialect === 'sqlite' ? ('integer' as const) : ('bigint' as const)
    const strict = dialect === 'sqlite' ? sql`strict` : sql``
    await db.schema
      .createTable('rate_limit_events')
      .addColumn('key', 'text', (c) => c.notNull().check(sql`length(key) <= 200`))
      .addColumn('at', int, (c) => c.notNull())
      .addColumn('expires_at', int, (c) => c.notNull())
      .modifyEnd(strict)
      .execute()
    await db.schema.createIndex('rate_limit_events_key_at').on('rate_limit_events').columns(['key', 'at']).execute()
    await db.schema.createIndex('rate_limit_events_expires').on('rate_limit_events').column('expires_at').execute()
  },
})
