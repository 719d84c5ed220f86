import { sql, type Kysely, type Migration } from 'kysely'
import type { Dialect } from '../schema.js'

/**
 * 0016: employers find people by verified skills (issue #14 item 8).
 *
 * `organizations.kind`: `issuer` (every existing one) or `employer` (searches, never issues).
 * `talent_optins`: a learner who lets employers find them, with the location they chose to show;
 * withdrawing deletes the row, so every search (saved ones too) drops them at once.
 * `talent_skills`: the skills of every wallet credential, one row per way to name the skill (its
 * URI, its framework code, its label), with what the filters need (issuer, EQF level, issue date):
 * written when the credential enters the wallet, deleted with it. Visibility (public, hidden,
 * verified, revoked, expired, opted in) was not copied here; since 0025 (talent-scale-migration.ts) it is.
 * The skill hierarchy it searches through is `skill_broader` (0017_occupations, filled by the ESCO import).
 * `talent_saved_searches`, `talent_views` (an employer opened a learner from a search),
 * `talent_messages` (employer ↔ learner, in the platform), `talent_blocks` (the learner blocked an employer).
 */
export const talentMigration = (dialect: Dialect): Migration => ({
  async up(db: Kysely<unknown>) {
    const int = dialect === 'sqlite' ? ('integer' as const) : ('bigint' as const)
    const strict = dialect === 'sqlite' ? sql`strict` : sql``
    const s = db.schema
    await s.alterTable('organizations').addColumn('kind', 'text', (c) => c.notNull().defaultTo('issuer').check(sql`kind in ('issuer', 'employer')`)).execute()
    await s
      .createTable('talent_optins')
      .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
      .addColumn('location', 'text', (c) => c.notNull().defaultTo('').check(sql`length(location) <= 100`))
      .addColumn('country', 'text', (c) => c.check(sql`country is null or length(country) = 2`))
      .addColumn('opted_in_at', 'text', (c) => c.notNull())
      .modifyEnd(strict)
      .execute()
    await s.createIndex('talent_optins_country').on('talent_optins').columns(['country', 'user_id']).execute()
    await s
      .createTable('talent_skills')
      .addColumn('item_id', 'text', (c) => c.notNull().references('wallet_items.id').onDelete('cascade'))
      .addColumn('skill_key', 'text', (c) => c.notNull())
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('label', 'text', (c) => c.notNull())
      .addColumn('issuer_id', 'text')
      .addColumn('issuer_name', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('eqf_level', int)
      .addColumn('issued_at', 'text')
      .addPrimaryKeyConstraint('talent_skills_pk', ['skill_key', 'item_id'])
      .modifyEnd(strict)
      .execute()
    await s.createIndex('talent_skills_item').on('talent_skills').column('item_id').execute()
    await s.createIndex('talent_skills_user').on('talent_skills').column('user_id').execute()
    await s
      .createTable('talent_saved_searches')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
      .addColumn('name', 'text', (c) => c.notNull().check(sql`length(name) between 1 and 100`))
      .addColumn('query', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .modifyEnd(strict)
      .execute()
    await s.createIndex('talent_saved_searches_org').on('talent_saved_searches').columns(['org_id', 'created_at']).execute()
    await s
      .createTable('talent_views')
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
      .addColumn('viewed_at', 'text', (c) => c.notNull())
      .modifyEnd(strict)
      .execute()
    await s.createIndex('talent_views_user').on('talent_views').columns(['user_id', 'viewed_at']).execute()
    await s
      .createTable('talent_messages')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('sender', 'text', (c) => c.notNull().check(sql`sender in ('employer', 'learner')`))
      .addColumn('sender_user_id', 'text')
      .addColumn('body', 'text', (c) => c.notNull().check(sql`length(body) between 1 and 4000`))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('read_at', 'text')
      .modifyEnd(strict)
      .execute()
    await s.createIndex('talent_messages_user').on('talent_messages').columns(['user_id', 'created_at']).execute()
    await s.createIndex('talent_messages_org').on('talent_messages').columns(['org_id', 'created_at']).execute()
    await s
      .createTable('talent_blocks')
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('talent_blocks_pk', ['user_id', 'org_id'])
      .modifyEnd(strict)
      .execute()
  },
})
