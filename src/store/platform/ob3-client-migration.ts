import { sql, type Kysely, type Migration } from 'kysely'
import type { Dialect } from '../schema.js'

/**
 * 0023: the OB 3.0 API's consumer side (issue #13 item 2). `ob3_clients`: Emblem's registration
 * (RFC 7591) at each host, its secret sealed under the master key. `ob3_hosts`: the hosts a learner
 * connected, the pending authorization (state hash, sealed PKCE verifier) and the sealed tokens.
 * Webhook secrets are sealed too, but that needs the master key: openServices seals rows left plain.
 */
export const ob3ClientMigration = (dialect: Dialect): Migration => ({
  async up(db: Kysely<unknown>) {
    const strict = dialect === 'sqlite' ? sql`strict` : sql``
    await db.schema
      .createTable('ob3_clients')
      .addColumn('api_url', 'text', (c) => c.primaryKey().check(sql`length(api_url) <= 2000`))
      .addColumn('client_id', 'text', (c) => c.notNull())
      .addColumn('client_secret_sealed', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .modifyEnd(strict)
      .execute()
    await db.schema
      .createTable('ob3_hosts')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('api_url', 'text', (c) => c.notNull().check(sql`length(api_url) <= 2000`))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('authorization_url', 'text', (c) => c.notNull())
      .addColumn('token_url', 'text', (c) => c.notNull())
      .addColumn('registration_url', 'text', (c) => c.notNull())
      .addColumn('issuer', 'text')
      .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('pending', 'connected', 'revoked')`))
      .addColumn('pending_state_hash', 'text')
      .addColumn('pending_verifier_sealed', 'text')
      .addColumn('pending_expires_at', 'text')
      .addColumn('scopes', 'text', (c) => c.notNull())
      .addColumn('access_token_sealed', 'text')
      .addColumn('refresh_token_sealed', 'text')
      .addColumn('access_expires_at', 'text')
      .addColumn('last_import', 'text')
      .addColumn('last_error', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('connected_at', 'text')
      .addUniqueConstraint('ob3_hosts_user_api', ['user_id', 'api_url'])
      .modifyEnd(strict)
      .execute()
    await db.schema.createIndex('ob3_hosts_pending').on('ob3_hosts').column('pending_state_hash').execute()
  },
})
