import { sql, type Kysely, type Migration } from 'kysely'

/**
 * 0007: claim links that can be sent again, and what a verification event was.
 *
 * `superseded_claim_tokens` keeps the hashes of claim links replaced by a newer one (the learner
 * asked for a new link, or the issuer resent it), so an old link still names its credential: its
 * page explains and offers a fresh link instead of a dead end.
 *
 * `verification_events.kind`: `view`: someone opened the credential's public page;
 * `verification`: someone asked for its verification report (the API, the verifier). Events
 * recorded before this migration cannot be told apart: they were mostly page views, and are kept
 * as views, so the issuer's "verifications" figure starts honest rather than inflated.
 */
export const claimLinksAndLookKindsMigration = (dialect: 'sqlite' | 'postgres'): Migration => ({
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('superseded_claim_tokens')
      .addColumn('token_hash', 'text', (c) => c.primaryKey().check(sql`length(token_hash) = 64`))
      .addColumn('credential_id', 'text', (c) => c.notNull().references('issued_credentials.credential_id').onDelete('cascade'))
      .addColumn('superseded_at', 'text', (c) => c.notNull())
      .modifyEnd(dialect === 'sqlite' ? sql`strict` : sql``)
      .execute()
    await db.schema.createIndex('superseded_claim_tokens_credential').on('superseded_claim_tokens').column('credential_id').execute()
    await db.schema
      .alterTable('verification_events')
      .addColumn('kind', 'text', (c) => c.notNull().defaultTo('view').check(sql`kind in ('view', 'verification')`))
      .execute()
    await db.schema.createIndex('verification_events_org_kind').on('verification_events').columns(['org_id', 'kind', 'at']).execute()
  },
})
