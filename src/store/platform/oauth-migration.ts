import { sql, type Kysely, type Migration } from 'kysely'
import type { Dialect } from '../schema.js'

/**
 * 0020: the OB 3.0 API's OAuth 2.0 server (issue #13).
 *
 * `oauth_records`: what oidc-provider stores through its Adapter (src/http/ob3/adapter.ts), one row
 * per model and id: registered clients, interactions, grants, authorization codes, access and
 * refresh tokens, sessions. The payload is the library's JSON; the columns beside it are what the
 * adapter looks rows up by (grant, interaction uid, user code) and what Emblem lists (an account's
 * grants by `account_id`). `expires_at` in ms since the epoch (null: never), `consumed_at` once a
 * code or token is used.
 * `ob_profiles`: the Profile a learner's OB 3.0 host keeps for them (`PUT /ims/ob/v3p0/profile`).
 */
export const oauthMigration = (dialect: Dialect): Migration => ({
  async up(db: Kysely<unknown>) {
    const int = dialect === 'sqlite' ? ('integer' as const) : ('bigint' as const)
    const strict = dialect === 'sqlite' ? sql`strict` : sql``
    await db.schema
      .createTable('oauth_records')
      .addColumn('model', 'text', (c) => c.notNull().check(sql`length(model) <= 40`))
      .addColumn('id', 'text', (c) => c.notNull().check(sql`length(id) <= 200`))
      .addColumn('payload', 'text', (c) => c.notNull())
      .addColumn('grant_id', 'text')
      .addColumn('uid', 'text')
      .addColumn('user_code', 'text')
      .addColumn('account_id', 'text')
      .addColumn('client_id', 'text')
      .addColumn('expires_at', int)
      .addColumn('consumed_at', int)
      .addColumn('created_at', int, (c) => c.notNull())
      .addPrimaryKeyConstraint('oauth_records_pk', ['model', 'id'])
      .modifyEnd(strict)
      .execute()
    await db.schema.createIndex('oauth_records_grant').on('oauth_records').column('grant_id').execute()
    await db.schema.createIndex('oauth_records_uid').on('oauth_records').columns(['model', 'uid']).execute()
    await db.schema.createIndex('oauth_records_account').on('oauth_records').columns(['model', 'account_id']).execute()
    await db.schema.createIndex('oauth_records_expires').on('oauth_records').column('expires_at').execute()
    await db.schema
      .createTable('ob_profiles')
      .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
      .addColumn('profile', 'text', (c) => c.notNull().check(sql`length(profile) <= 65536`))
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .modifyEnd(strict)
      .execute()
  },
})
