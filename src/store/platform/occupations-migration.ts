import { sql, type Kysely, type Migration } from 'kysely'
import type { Dialect } from '../schema.js'

/**
 * 0017: occupations and the career planner (issue #12 items 1, 6, 7).
 * `occupations`: ESCO and O*NET occupations, ISCO-08 groups (framework `isco`) and the demo ones,
 * searched like skills (`search_text`: every label lower-cased, one per line).
 * `occupation_skills`: what each occupation asks for, essential or optional, with O*NET's importance.
 * `skill_broader` / `occupation_broader`: the hierarchies (child narrower than broader); no foreign
 * keys, since ESCO's relation files may name concepts another release or import brings.
 * `framework_releases`: which release of a framework was imported last, and when.
 * `career_targets`: the occupations a learner plans toward (the first is the current one).
 */
export const occupationsMigration = (dialect: Dialect): Migration => ({
  async up(db: Kysely<unknown>) {
    const strict = dialect === 'sqlite' ? sql`strict` : sql``
    await db.schema
      .createTable('occupations')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('framework', 'text', (c) => c.notNull())
      .addColumn('code', 'text')
      .addColumn('isco_group', 'text')
      .addColumn('preferred_label', 'text', (c) => c.notNull())
      .addColumn('alt_labels', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('search_text', 'text', (c) => c.notNull())
      .modifyEnd(strict)
      .execute()
    await db.schema.createIndex('occupations_framework').on('occupations').columns(['framework', 'preferred_label']).execute()
    await db.schema
      .createTable('occupation_skills')
      .addColumn('occupation_id', 'text', (c) => c.notNull())
      .addColumn('skill_id', 'text', (c) => c.notNull())
      .addColumn('relation', 'text', (c) => c.notNull().check(sql`relation in ('essential', 'optional')`))
      .addColumn('category', 'text', (c) => c.notNull().check(sql`category in ('skill', 'knowledge', 'ability', 'technology')`))
      .addColumn('importance', 'real')
      .addPrimaryKeyConstraint('occupation_skills_pk', ['occupation_id', 'skill_id'])
      .modifyEnd(strict)
      .execute()
    await db.schema.createIndex('occupation_skills_skill').on('occupation_skills').columns(['skill_id', 'occupation_id']).execute()
    for (const table of ['skill_broader', 'occupation_broader']) {
      await db.schema
        .createTable(table)
        .addColumn('child_id', 'text', (c) => c.notNull())
        .addColumn('broader_id', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint(`${table}_pk`, ['child_id', 'broader_id'])
        .modifyEnd(strict)
        .execute()
      await db.schema.createIndex(`${table}_broader`).on(table).columns(['broader_id', 'child_id']).execute()
    }
    await db.schema
      .createTable('framework_releases')
      .addColumn('framework', 'text', (c) => c.primaryKey())
      .addColumn('version', 'text', (c) => c.notNull())
      .addColumn('imported_at', 'text', (c) => c.notNull())
      .modifyEnd(strict)
      .execute()
    await db.schema
      .createTable('career_targets')
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('occupation_id', 'text', (c) => c.notNull())
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('career_targets_pk', ['user_id', 'occupation_id'])
      .modifyEnd(strict)
      .execute()
    await db.schema.createIndex('career_targets_occupation').on('career_targets').column('occupation_id').execute()
  },
})
