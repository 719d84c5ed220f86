import { sql, type Kysely, type Migration } from 'kysely'
import type { Dialect } from '../schema.js'

/**
 * 0026: an issuer pushes a credential to the learner's OB 3.0 host (issue #13 item 2).
 * `credential_pushes`: one request per push link the organization made: the link's token (its hash,
 * and sealed so the callback can point back to it), the host once the learner (or the issuer) named
 * it, the pending authorization (state hash, sealed PKCE verifier) and the outcome. Tokens of the host
 * are never kept: the callback exchanges the code, sends the credential and forgets them.
 */
export const credentialPushesMigration = (dialect: Dialect): Migration => ({
  async up(db: Kysely<unknown>) {
    const strict = dialect === 'sqlite' ? sql`strict` : sql``
    await db.schema
      .createTable('credential_pushes')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
      .addColumn('credential_id', 'text', (c) => c.notNull())
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('token_sealed', 'text', (c) => c.notNull())
      .addColumn('host_url', 'text', (c) => c.check(sql`length(host_url) <= 2000`))
      .addColumn('api_url', 'text', (c) => c.check(sql`length(api_url) <= 2000`))
      .addColumn('host_name', 'text')
      .addColumn('authorization_url', 'text')
      .addColumn('token_url', 'text')
      .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('pending', 'authorizing', 'delivered', 'failed')`))
      .addColumn('result', 'text', (c) => c.check(sql`result in ('created', 'existing')`))
      .addColumn('reason', 'text')
      .addColumn('pending_state_hash', 'text')
      .addColumn('pending_verifier_sealed', 'text')
      .addColumn('pending_expires_at', 'text')
      .addColumn('created_by', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('delivered_at', 'text')
      .modifyEnd(strict)
      .execute()
    await db.schema.createIndex('credential_pushes_credential').on('credential_pushes').columns(['org_id', 'credential_id', 'created_at']).execute()
    await db.schema.createIndex('credential_pushes_pending').on('credential_pushes').column('pending_state_hash').execute()
  },
})
