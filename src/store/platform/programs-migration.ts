import { sql, type Kysely, type Migration } from 'kysely'
import type { Dialect } from '../schema.js'

/**
 * 0018: learning programs (issue #12 items 2–4). A program leads to one of its organization's
 * achievements; its skills are the achievement's aligned skill URIs, copied when it is saved (the
 * catalog filters on them). Requirements are ordered per program. An enrolment is one learner's
 * place in a program (one per learner and program); its progress is one row per requirement. The
 * award is claimed by a conditional update of `award_state` and issued with an Idempotency-Key per
 * enrolment; `credential_id` is unique, so a program awards an enrolment at most once.
 */
export const programsMigration = (dialect: Dialect): Migration => ({
  async up(db: Kysely<unknown>) {
    const strict = dialect === 'sqlite' ? sql`strict` : sql``
    const int = dialect === 'sqlite' ? 'integer' : 'bigint'
    const blob = dialect === 'sqlite' ? 'blob' : 'bytea'
    await db.schema
      .createTable('programs')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
      .addColumn('achievement_id', 'text', (c) => c.notNull().references('achievements.id'))
      .addColumn('title', 'text', (c) => c.notNull().check(sql`length(title) between 1 and 200`))
      .addColumn('summary', 'text', (c) => c.notNull())
      .addColumn('format', 'text', (c) => c.notNull().check(sql`format in ('online', 'onsite', 'blended')`))
      .addColumn('hours', int, (c) => c.notNull().check(sql`hours between 1 and 10000`))
      .addColumn('duration_weeks', int)
      .addColumn('self_paced', int, (c) => c.notNull().check(sql`self_paced in (0, 1)`))
      .addColumn('starts_on', 'text')
      .addColumn('ends_on', 'text')
      .addColumn('price_cents', int, (c) => c.notNull().check(sql`price_cents >= 0`))
      .addColumn('currency', 'text', (c) => c.notNull())
      .addColumn('language', 'text', (c) => c.notNull())
      .addColumn('prerequisites', 'text', (c) => c.notNull())
      .addColumn('seats', int)
      .addColumn('enrolment_mode', 'text', (c) => c.notNull().check(sql`enrolment_mode in ('open', 'approval')`))
      .addColumn('final_signoff', int, (c) => c.notNull().check(sql`final_signoff in (0, 1)`))
      .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('draft', 'published', 'archived')`))
      .addColumn('search_text', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .modifyEnd(strict)
      .execute()
    await db.schema.createIndex('programs_org').on('programs').columns(['org_id', 'created_at']).execute()
    await db.schema.createIndex('programs_catalog').on('programs').columns(['state', 'title', 'id', 'format', 'language', 'hours', 'price_cents', 'search_text']).execute()
    await db.schema
      .createTable('program_skills')
      .addColumn('program_id', 'text', (c) => c.notNull().references('programs.id').onDelete('cascade'))
      .addColumn('skill_uri', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('program_skills_pk', ['program_id', 'skill_uri'])
      .modifyEnd(strict)
      .execute()
    await db.schema.createIndex('program_skills_skill').on('program_skills').columns(['skill_uri', 'program_id']).execute()
    await db.schema
      .createTable('program_requirements')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('program_id', 'text', (c) => c.notNull().references('programs.id').onDelete('cascade'))
      .addColumn('position', int, (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('evidence', 'score', 'review', 'attendance', 'credential')`))
      .addColumn('title', 'text', (c) => c.notNull().check(sql`length(title) between 1 and 200`))
      .addColumn('config', 'text', (c) => c.notNull())
      .modifyEnd(strict)
      .execute()
    await db.schema.createIndex('program_requirements_program').on('program_requirements').columns(['program_id', 'position']).execute()
    await db.schema
      .createTable('enrolments')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('program_id', 'text', (c) => c.notNull().references('programs.id'))
      .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('requested', 'active', 'declined', 'completed')`))
      .addColumn('award_state', 'text', (c) => c.notNull().check(sql`award_state in ('none', 'issuing', 'awarded')`))
      .addColumn('credential_id', 'text', (c) => c.unique())
      .addColumn('signed_off_by', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('enrolments_one_per_learner', ['program_id', 'user_id'])
      .modifyEnd(strict)
      .execute()
    await db.schema.createIndex('enrolments_user').on('enrolments').columns(['user_id', 'created_at']).execute()
    await db.schema.createIndex('enrolments_org').on('enrolments').columns(['org_id', 'state']).execute()
    await db.schema
      .createTable('requirement_progress')
      .addColumn('enrolment_id', 'text', (c) => c.notNull().references('enrolments.id'))
      .addColumn('requirement_id', 'text', (c) => c.notNull().references('program_requirements.id'))
      .addColumn('org_id', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending', 'submitted', 'changes', 'rejected', 'met')`))
      .addColumn('submission', 'text')
      .addColumn('score', 'real')
      .addColumn('feedback', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('rubric', 'text')
      .addColumn('supervision', 'text')
      .addColumn('reviewer_id', 'text')
      .addColumn('assignee_id', 'text')
      .addColumn('due_at', 'text')
      .addColumn('submitted_at', 'text')
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('requirement_progress_pk', ['enrolment_id', 'requirement_id'])
      .modifyEnd(strict)
      .execute()
    await db.schema.createIndex('requirement_progress_queue').on('requirement_progress').columns(['org_id', 'status', 'submitted_at']).execute()
    await db.schema
      .createTable('evidence_files')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('enrolment_id', 'text', (c) => c.notNull().references('enrolments.id'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('media_type', 'text', (c) => c.notNull())
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('bytes', blob, (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .modifyEnd(strict)
      .execute()
  },
})
