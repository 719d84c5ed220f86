import { sql, type Kysely, type Migration } from 'kysely'
import type { Dialect } from '../schema.js'

/**
 * 0011: what a learner holds beyond their wallet. holder_keys: each account's Ed25519 holder key
 * (its did:key, the public Multikey, the private key sealed under the master key), made on first
 * use, gone with the account. notification_settings: an account's choices about e-mail that is not
 * a direct answer to something it did (product news; off unless chosen).
 */
export const holderMigration = (dialect: Dialect): Migration => ({
  async up(db: Kysely<unknown>) {
    const int = dialect === 'sqlite' ? ('integer' as const) : ('bigint' as const)
    const strict = dialect === 'sqlite' ? sql`strict` : sql``
    await db.schema
      .createTable('holder_keys')
      .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
      .addColumn('did', 'text', (c) => c.notNull().unique().check(sql`substr(did, 1, 9) = 'did:key:z'`))
      .addColumn('public_key_multibase', 'text', (c) => c.notNull())
      .addColumn('sealed_private_key', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .modifyEnd(strict)
      .execute()
    await db.schema
      .createTable('notification_settings')
      .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
      .addColumn('product_news', int, (c) => c.notNull().defaultTo(0).check(sql`product_news in (0, 1)`))
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .modifyEnd(strict)
      .execute()
  },
})
