import { sql, type Kysely, type Migration } from 'kysely'
import type { Dialect } from '../schema.js'
import { refreshTalentVisibility } from './talent.js'

/**
 * 0025: the talent search at scale (issue #14: 100,000 learners, 1,000,000 credentials, p99 ≤ 100 ms).
 *
 * `talent_skills` carries what the search filters on, so a search reads only this index:
 * `visible` (1 when the learner opted in and shows a public profile, and the credential is public,
 * not hidden, verified, and not revoked or suspended here), the credential's `expires_at`, and the
 * learner's opt-in `country` and `location` (lower-cased). They are kept in step by the repositories
 * that change their causes (`refreshTalentVisibility`, same transaction): opt-in and withdrawal, the
 * profile's public switch, the wallet's hide/publish and verification report, the issuer's
 * revoke/suspend/reinstate, and the index's own writes. Blocks stay a join (per organization).
 * `talent_skills_search` is a partial index over the visible rows that serves the skill lookups
 * (all of / at least N of) without visiting the table; `talent_blocks_org` the blocks of one searcher.
 *
 * Also `verification_events.channel` (issue #14 item 9): `browser` for a verification a visitor's
 * browser made on /verify and reported (POST /api/v1/credentials/{id}/verifications), else null.
 */
export const talentScaleMigration = (dialect: Dialect): Migration => ({
  async up(db: Kysely<unknown>) {
    const int = dialect === 'sqlite' ? ('integer' as const) : ('bigint' as const)
    const s = db.schema
    await s.alterTable('talent_skills').addColumn('visible', int, (c) => c.notNull().defaultTo(0).check(sql`visible in (0, 1)`)).execute()
    await s.alterTable('talent_skills').addColumn('expires_at', 'text').execute()
    await s.alterTable('talent_skills').addColumn('country', 'text').execute()
    await s.alterTable('talent_skills').addColumn('location', 'text', (c) => c.notNull().defaultTo('')).execute()
    await refreshTalentVisibility(db as never, {})
    await s
      .createIndex('talent_skills_search')
      .on('talent_skills')
      .columns(['skill_key', 'user_id', 'issued_at', 'expires_at', 'country', 'eqf_level', 'location'])
      .where(sql.ref('visible'), '=', 1)
      .execute()
    // Verifications made in a visitor's browser (issue #14 item 9) are counted with channel 'browser'.
    await s.alterTable('verification_events').addColumn('channel', 'text', (c) => c.check(sql`channel is null or channel = 'browser'`)).execute()
    await s.createIndex('talent_blocks_org').on('talent_blocks').columns(['org_id', 'user_id']).execute()
  },
})
