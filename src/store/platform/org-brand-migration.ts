import { sql, type Kysely, type Migration } from 'kysely'

/**
 * 0006: an organization's optional brand colour (`#rrggbb`, lower case), the accent of its pages
 * and e-mails. Null keeps Emblem's own accent. The same statement on SQLite and PostgreSQL.
 */
export const orgBrandMigration = (): Migration => ({
  async up(db: Kysely<unknown>) {
    await db.schema
      .alterTable('organizations')
      .addColumn('brand_color', 'text', (c) => c.check(sql`brand_color is null or (length(brand_color) = 7 and substr(brand_color, 1, 1) = '#')`))
      .execute()
  },
})
