import { sql, type Kysely, type Migration } from 'kysely'

/**
 * 0013: how many status entries an organization's credentials carry (issue #14 item 4):
 * 'revocation' (one entry, the official OB 3.0 schema's [0..1]; the default, as before) or
 * 'revocation-and-suspension' (both entries, as VC 2.0 allows, so other verifiers see suspension
 * too). The same statement on SQLite and PostgreSQL.
 */
export const statusEntriesMigration = (): Migration => ({
  async up(db: Kysely<unknown>) {
    await db.schema
      .alterTable('organizations')
      .addColumn('status_entries', 'text', (c) =>
        c.notNull().defaultTo('revocation').check(sql`status_entries in ('revocation', 'revocation-and-suspension')`),
      )
      .execute()
  },
})
