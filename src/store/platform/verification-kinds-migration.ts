import { sql, type Kysely, type Migration } from 'kysely'

/**
 * 0007: what a verification event was. `view`: someone opened the credential's public page;
 * `verification`: someone asked for its verification report (the API, the verifier). Events
 * recorded before this migration cannot be told apart: they were mostly page views, and are kept
 * as views, so the issuer's "verifications" figure starts honest rather than inflated.
 */
export const verificationKindsMigration = (): Migration => ({
  async up(db: Kysely<unknown>) {
    await db.schema
      .alterTable('verification_events')
      .addColumn('kind', 'text', (c) => c.notNull().defaultTo('view').check(sql`kind in ('view', 'verification')`))
      .execute()
    await db.schema.createIndex('verification_events_org_kind').on('verification_events').columns(['org_id', 'kind', 'at']).execute()
  },
})
