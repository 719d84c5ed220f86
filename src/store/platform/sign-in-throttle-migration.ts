import { sql, type Kysely, type Migration } from 'kysely'
import type { Dialect } from '../schema.js'

/**
 * 0008: the per-account sign-in throttle (failures and lock by the hash of the e-mail address), in
 * the database so every process counts the same guesses (issue #11).
 */
export const signInThrottleMigration = (dialect: Dialect): Migration => ({
  async up(db: Kysely<unknown>) {
    const int = dialect === 'sqlite' ? ('integer' as const) : ('bigint' as const)
    const strict = dialect === 'sqlite' ? sql`strict` : sql``
    await db.schema
      .createTable('sign_in_throttle')
      .addColumn('account_hash', 'text', (c) => c.primaryKey().check(sql`length(account_hash) = 64`))
      .addColumn('failures', int, (c) => c.notNull().check(sql`failures >= 1`))
      .addColumn('last_failure_at', 'text', (c) => c.notNull())
      .addColumn('locked_until', 'text')
      .modifyEnd(strict)
      .execute()
    await db.schema.createIndex('sign_in_throttle_last_failure').on('sign_in_throttle').column('last_failure_at').execute()
  },
})
