import { sql, type Kysely, type Migration } from 'kysely'
import type { Dialect } from '../schema.js'

/**
 * 0015: the badge images of credentials a learner imported into the wallet (issue #10). Such an
 * image comes from another issuer, so no organization owns it: `user_images` keeps it for the
 * learner who imported it (gone with the account), content-addressed like `images` (the id is the
 * SHA-256 hex of the bytes) and served at the same /images/{id}.
 */
export const walletImagesMigration = (dialect: Dialect): Migration => ({
  async up(db: Kysely<unknown>) {
    const int = dialect === 'sqlite' ? ('integer' as const) : ('bigint' as const)
    const blob = dialect === 'sqlite' ? ('blob' as const) : ('bytea' as const)
    await db.schema
      .createTable('user_images')
      .addColumn('id', 'text', (c) => c.notNull().check(sql`length(id) = 64`))
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('media_type', 'text', (c) => c.notNull().check(sql`media_type in ('image/png', 'image/svg+xml')`))
      .addColumn('bytes', blob, (c) => c.notNull())
      .addColumn('width', int, (c) => c.notNull())
      .addColumn('height', int, (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('user_images_pk', ['id', 'user_id'])
      .modifyEnd(dialect === 'sqlite' ? sql`strict` : sql``)
      .execute()
    await db.schema.createIndex('user_images_user').on('user_images').column('user_id').execute()
  },
})
