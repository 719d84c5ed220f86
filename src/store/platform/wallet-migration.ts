import { sql, type Kysely, type Migration } from 'kysely'
import type { Dialect } from '../schema.js'

/**
 * 0009: the learner's wallet (issue #10).
 *
 * `account_emails`: an account's addresses (the sign-up address is one of them, backfilled here
 * with its verification stamp); an address belongs to one account. `user_tokens.email` names the
 * address a verify-email link confirms (null: the account's sign-up address, as before).
 * `wallet_items`: credentials a learner keeps (claimed from this instance or imported), one per
 * (account, digest of the document text); `wallet_collections` with their ordered items.
 * `wallet_reminders`: the expiry reminders already sent, once per item and threshold (days).
 * `users.expiry_reminders`: whether the account wants them (on by default).
 * `issued_credentials.declined_at`: the learner declined the credential offered by its claim link.
 */
export const walletMigration = (dialect: Dialect): Migration => ({
  async up(db: Kysely<unknown>) {
    const int = dialect === 'sqlite' ? ('integer' as const) : ('bigint' as const)
    const strict = dialect === 'sqlite' ? sql`strict` : sql``
    const s = db.schema

    await s
      .createTable('account_emails')
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('email', 'text', (c) => c.primaryKey())
      .addColumn('verified_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .modifyEnd(strict)
      .execute()
    await s.createIndex('account_emails_user').on('account_emails').column('user_id').execute()
    await sql`insert into account_emails (user_id, email, verified_at, created_at) select id, email, email_verified_at, created_at from users`.execute(db)
    await s.alterTable('user_tokens').addColumn('email', 'text').execute()
    await s.alterTable('users').addColumn('expiry_reminders', int, (c) => c.notNull().defaultTo(1).check(sql`expiry_reminders in (0, 1)`)).execute()
    await s.alterTable('issued_credentials').addColumn('declined_at', 'text').execute()

    await s
      .createTable('wallet_items')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('digest', 'text', (c) => c.notNull().check(sql`length(digest) = 64`))
      .addColumn('credential_id', 'text')
      .addColumn('issued_credential_id', 'text')
      .addColumn('source', 'text', (c) => c.notNull().check(sql`source in ('claim', 'import')`))
      .addColumn('format', 'text', (c) => c.notNull().check(sql`format in ('vc-json', 'vc-jwt', 'ob2')`))
      .addColumn('document', 'text', (c) => c.notNull())
      .addColumn('verified', int, (c) => c.notNull().check(sql`verified in (0, 1)`))
      .addColumn('report', 'text', (c) => c.notNull())
      .addColumn('checked_at', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('image_url', 'text')
      .addColumn('issuer_id', 'text')
      .addColumn('issuer_name', 'text', (c) => c.notNull())
      .addColumn('issued_at', 'text')
      .addColumn('expires_at', 'text')
      .addColumn('skills', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('hidden', int, (c) => c.notNull().defaultTo(0).check(sql`hidden in (0, 1)`))
      .addColumn('public', int, (c) => c.notNull().defaultTo(0).check(sql`public in (0, 1)`))
      .addColumn('show_name', int, (c) => c.notNull().defaultTo(1).check(sql`show_name in (0, 1)`))
      .addColumn('added_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('wallet_items_user_digest', ['user_id', 'digest'])
      .modifyEnd(strict)
      .execute()
    await s.createIndex('wallet_items_user_added').on('wallet_items').columns(['user_id', 'added_at']).execute()
    await s.createIndex('wallet_items_issued').on('wallet_items').column('issued_credential_id').execute()
    await s.createIndex('wallet_items_expires').on('wallet_items').column('expires_at').execute()

    await s
      .createTable('wallet_collections')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('position', int, (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .modifyEnd(strict)
      .execute()
    await s.createIndex('wallet_collections_user').on('wallet_collections').columns(['user_id', 'position']).execute()
    await s
      .createTable('wallet_collection_items')
      .addColumn('collection_id', 'text', (c) => c.notNull().references('wallet_collections.id').onDelete('cascade'))
      .addColumn('item_id', 'text', (c) => c.notNull().references('wallet_items.id').onDelete('cascade'))
      .addColumn('position', int, (c) => c.notNull())
      .addPrimaryKeyConstraint('wallet_collection_items_pk', ['collection_id', 'item_id'])
      .modifyEnd(strict)
      .execute()
    await s.createIndex('wallet_collection_items_item').on('wallet_collection_items').column('item_id').execute()

    await s
      .createTable('wallet_reminders')
      .addColumn('item_id', 'text', (c) => c.notNull().references('wallet_items.id').onDelete('cascade'))
      .addColumn('threshold_days', int, (c) => c.notNull())
      .addColumn('sent_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('wallet_reminders_pk', ['item_id', 'threshold_days'])
      .modifyEnd(strict)
      .execute()
  },
})
