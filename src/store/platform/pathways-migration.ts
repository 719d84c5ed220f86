import { sql, type Kysely, type Migration } from 'kysely'
import type { Dialect } from '../schema.js'

/**
 * 0021: pathways (stackable credentials, issue #12 item 5). A pathway of an organization leads to one
 * of its achievements (the target), earned by holding a set of parts: achievement ids (URIs) of any
 * issuer, "all of" them or "N of" them, optionally in the listed order and within a window of days.
 * `pathway_progress` is one learner's standing on one pathway: how many parts they hold (the issuer's
 * step counts) and the award, claimed by a conditional update of `award_state` (none → issuing) and
 * issued with an Idempotency-Key per pathway and learner; `credential_id` is unique, so a pathway
 * awards a learner at most once.
 */
export const pathwaysMigration = (dialect: Dialect): Migration => ({
  async up(db: Kysely<unknown>) {
    const strict = dialect === 'sqlite' ? sql`strict` : sql``
    const int = dialect === 'sqlite' ? 'integer' : 'bigint'
    await db.schema
      .createTable('pathways')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
      .addColumn('achievement_id', 'text', (c) => c.notNull().references('achievements.id'))
      .addColumn('title', 'text', (c) => c.notNull().check(sql`length(title) between 1 and 200`))
      .addColumn('summary', 'text', (c) => c.notNull())
      .addColumn('rule', 'text', (c) => c.notNull().check(sql`rule in ('all', 'some')`))
      .addColumn('required', int, (c) => c.notNull().check(sql`required between 1 and 20`))
      .addColumn('ordered', int, (c) => c.notNull().check(sql`ordered in (0, 1)`))
      .addColumn('window_days', int, (c) => c.check(sql`window_days is null or window_days between 1 and 3650`))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .modifyEnd(strict)
      .execute()
    await db.schema.createIndex('pathways_org').on('pathways').columns(['org_id', 'created_at']).execute()
    await db.schema
      .createTable('pathway_parts')
      .addColumn('pathway_id', 'text', (c) => c.notNull().references('pathways.id').onDelete('cascade'))
      .addColumn('position', int, (c) => c.notNull())
      .addColumn('achievement_url', 'text', (c) => c.notNull().check(sql`length(achievement_url) between 1 and 2048`))
      .addColumn('name', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('pathway_parts_pk', ['pathway_id', 'position'])
      .modifyEnd(strict)
      .execute()
    await db.schema.createIndex('pathway_parts_achievement').on('pathway_parts').columns(['achievement_url', 'pathway_id']).execute()
    await db.schema
      .createTable('pathway_progress')
      .addColumn('pathway_id', 'text', (c) => c.notNull().references('pathways.id').onDelete('cascade'))
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('held', int, (c) => c.notNull())
      .addColumn('award_state', 'text', (c) => c.notNull().check(sql`award_state in ('none', 'issuing', 'awarded')`))
      .addColumn('credential_id', 'text', (c) => c.unique())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('pathway_progress_pk', ['pathway_id', 'user_id'])
      .modifyEnd(strict)
      .execute()
    await db.schema.createIndex('pathway_progress_user').on('pathway_progress').columns(['user_id']).execute()
  },
})
