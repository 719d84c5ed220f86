import { sql, type Kysely, type Migration } from 'kysely'
import type { Dialect } from '../schema.js'

/**
 * 0010: what a learner shares (issue #10, items 4 and 6).
 *
 * `learner_profiles`: the opt-in public profile `/u/<handle>` (handle lower-case, 3–30 of
 * [a-z0-9-]; reserved words are refused by the use case, not here).
 * `share_links`: links to one wallet credential or one collection, by the SHA-256 of their token
 * (the token itself is shown once), with an optional expiry, a revocation stamp and a view count.
 * A link whose credential or collection is gone answers like a revoked one.
 * `wallet_collections.public`: the collection is shown on the public profile.
 */
export const sharingMigration = (dialect: Dialect): Migration => ({
  async up(db: Kysely<unknown>) {
    const int = dialect === 'sqlite' ? ('integer' as const) : ('bigint' as const)
    const strict = dialect === 'sqlite' ? sql`strict` : sql``
    await db.schema
      .createTable('learner_profiles')
      .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
      .addColumn('handle', 'text', (c) => c.notNull().unique().check(sql`length(handle) between 3 and 30 and handle = lower(handle)`))
      .addColumn('display_name', 'text', (c) => c.notNull().check(sql`length(display_name) <= 100`))
      .addColumn('headline', 'text', (c) => c.notNull().defaultTo('').check(sql`length(headline) <= 160`))
      .addColumn('bio', 'text', (c) => c.notNull().defaultTo('').check(sql`length(bio) <= 2000`))
      .addColumn('public', int, (c) => c.notNull().defaultTo(0).check(sql`public in (0, 1)`))
      .addColumn('open_to_employers', int, (c) => c.notNull().defaultTo(0).check(sql`open_to_employers in (0, 1)`))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .modifyEnd(strict)
      .execute()
    await db.schema
      .createTable('share_links')
      .addColumn('token_hash', 'text', (c) => c.primaryKey().check(sql`length(token_hash) = 64`))
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('item_id', 'text')
      .addColumn('collection_id', 'text')
      .addColumn('expires_at', 'text')
      .addColumn('revoked_at', 'text')
      .addColumn('views', int, (c) => c.notNull().defaultTo(0).check(sql`views >= 0`))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addCheckConstraint('share_links_one_target', sql`(item_id is null) <> (collection_id is null)`)
      .modifyEnd(strict)
      .execute()
    await db.schema
      .alterTable('wallet_collections')
      .addColumn('public', int, (c) => c.notNull().defaultTo(0).check(sql`public in (0, 1)`))
      .execute()
    await db.schema.createIndex('share_links_user').on('share_links').columns(['user_id', 'created_at']).execute()
  },
})
