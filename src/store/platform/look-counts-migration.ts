import { sql, type Kysely, type Migration } from 'kysely'
import type { Dialect } from '../schema.js'

/**
 * 0027: counted looks are written aggregated (issue #9 item 1, issue #14 item 9): one
 * `verification_events` row stands for `count` looks of one credential with one kind, outcome and
 * channel within one flush of the look recorder (a few seconds at most), at the time of the latest.
 * Rows written before stand for one look each (the default). The statistics sum `count`.
 */
export const lookCountsMigration = (dialect: Dialect): Migration => ({
  async up(db: Kysely<unknown>) {
    const int = dialect === 'sqlite' ? ('integer' as const) : ('bigint' as const)
    await db.schema
      .alterTable('verification_events')
      .addColumn('count', int, (c) => c.notNull().defaultTo(1).check(sql`count >= 1`))
      .execute()
  },
})
