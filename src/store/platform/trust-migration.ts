import { sql, type Kysely, type Migration } from 'kysely'
import type { Dialect } from '../schema.js'

/**
 * 0012: trust and endorsements (issue #14 items 6 and 7). Trust registries an administrator
 * subscribes to (refreshed on a schedule: when and the last error kept), trusted external issuers
 * (added by hand, or the entries of a registry, replaced at each refresh), and endorsements between
 * organizations (the signed EndorsementCredential kept as text; withdrawn, never deleted).
 */
export const trustMigration = (dialect: Dialect): Migration => ({
  async up(db: Kysely<unknown>) {
    const strict = dialect === 'sqlite' ? sql`strict` : sql``
    await db.schema
      .createTable('trust_registries')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull().check(sql`length(name) between 1 and 200`))
      .addColumn('url', 'text', (c) => c.notNull().unique())
      .addColumn('format', 'text', (c) => c.notNull().check(sql`format in ('dcc', 'list')`))
      .addColumn('refreshed_at', 'text')
      .addColumn('last_error', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .modifyEnd(strict)
      .execute()
    await db.schema
      .createTable('trusted_issuers')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('issuer_id', 'text', (c) => c.notNull().check(sql`length(issuer_id) between 1 and 2000`))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('source', 'text', (c) => c.notNull().check(sql`source in ('manual', 'registry')`))
      .addColumn('registry_id', 'text', (c) => c.references('trust_registries.id').onDelete('cascade'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addCheckConstraint('trusted_issuers_source_registry', sql`(source = 'manual') = (registry_id is null)`)
      .modifyEnd(strict)
      .execute()
    await db.schema.createIndex('trusted_issuers_issuer').on('trusted_issuers').column('issuer_id').execute()
    await db.schema.createIndex('trusted_issuers_registry').on('trusted_issuers').column('registry_id').execute()
    await db.schema
      .createTable('endorsements')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
      .addColumn('subject_kind', 'text', (c) => c.notNull().check(sql`subject_kind in ('achievement', 'organization')`))
      .addColumn('subject_id', 'text', (c) => c.notNull())
      .addColumn('subject_org_id', 'text', (c) => c.notNull().references('organizations.id'))
      .addColumn('comment', 'text', (c) => c.notNull())
      .addColumn('document', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('active', 'withdrawn')`))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('withdrawn_at', 'text')
      .addCheckConstraint('endorsements_not_self', sql`org_id <> subject_org_id`)
      .modifyEnd(strict)
      .execute()
    await db.schema.createIndex('endorsements_org').on('endorsements').columns(['org_id', 'created_at']).execute()
    await db.schema.createIndex('endorsements_subject_org').on('endorsements').columns(['subject_org_id', 'created_at']).execute()
    await db.schema.createIndex('endorsements_subject').on('endorsements').columns(['subject_id', 'state']).execute()
  },
})
