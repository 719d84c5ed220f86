import type { Kysely, Selectable } from 'kysely'
import type { PathwayFields, PathwayPart, PathwayRecord, PathwaysRepo } from '../../app/pathways/ports.js'
import type { Database } from '../schema.js'
import type { PathwaysTable } from './pathways-tables.js'

type PathwayRow = Selectable<PathwaysTable> & { org_slug: string; org_name: string; achievement_name: string; achievement_state: 'draft' | 'published' | 'archived' }

/** Pathways, their parts and learners' standings over `q`. */
export function pathwaysRepo(q: Kysely<Database>): PathwaysRepo {
  const pathways = () =>
    q
      .selectFrom('pathways as p')
      .innerJoin('organizations as o', 'o.id', 'p.org_id')
      .innerJoin('achievements as a', 'a.id', 'p.achievement_id')
      .selectAll('p')
      .select(['o.slug as org_slug', 'o.name as org_name', 'a.name as achievement_name', 'a.state as achievement_state'])

  const load = async (rows: PathwayRow[]): Promise<PathwayRecord[]> => {
    if (rows.length === 0) return []
    const parts = await q.selectFrom('pathway_parts').selectAll().where('pathway_id', 'in', rows.map((r) => r.id)).orderBy('position').execute()
    return rows.map((r) => ({
      id: r.id,
      orgId: r.org_id,
      orgSlug: r.org_slug,
      orgName: r.org_name,
      achievementId: r.achievement_id,
      achievementName: r.achievement_name,
      achievementState: r.achievement_state,
      title: r.title,
      summary: r.summary,
      rule: r.rule,
      required: Number(r.required),
      ordered: Number(r.ordered) === 1,
      windowDays: r.window_days === null ? null : Number(r.window_days),
      parts: parts.filter((p) => p.pathway_id === r.id).map((p) => ({ position: Number(p.position), achievementUrl: p.achievement_url, name: p.name })),
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    }))
  }

  const fieldsOf = (p: PathwayFields) => ({
    achievement_id: p.achievementId,
    title: p.title,
    summary: p.summary,
    rule: p.rule,
    required: p.required,
    ordered: p.ordered ? 1 : 0,
    window_days: p.windowDays,
  })

  const writeParts = async (pathwayId: string, parts: readonly PathwayPart[]) => {
    await q.deleteFrom('pathway_parts').where('pathway_id', '=', pathwayId).execute()
    if (parts.length > 0) await q.insertInto('pathway_parts').values(parts.map((p) => ({ pathway_id: pathwayId, position: p.position, achievement_url: p.achievementUrl, name: p.name }))).execute()
  }

  return {
    async insert(p, parts) {
      await q.insertInto('pathways').values({ id: p.id, org_id: p.orgId, ...fieldsOf(p), created_at: p.createdAt, updated_at: p.createdAt }).execute()
      await writeParts(p.id, parts)
    },
    async update(orgId, id, p, parts) {
      const done = await q.updateTable('pathways').set({ ...fieldsOf(p), updated_at: p.updatedAt }).where('id', '=', id).where('org_id', '=', orgId).executeTakeFirst()
      if (Number(done.numUpdatedRows) === 0) return false
      await writeParts(id, parts)
      return true
    },
    async delete(orgId, id) {
      const found = await q.selectFrom('pathways').select('id').where('id', '=', id).where('org_id', '=', orgId).executeTakeFirst()
      if (!found) return false
      await q.deleteFrom('pathway_progress').where('pathway_id', '=', id).execute()
      await q.deleteFrom('pathway_parts').where('pathway_id', '=', id).execute()
      await q.deleteFrom('pathways').where('id', '=', id).execute()
      return true
    },
    async get(id, orgId) {
      let query = pathways().where('p.id', '=', id)
      if (orgId !== undefined) query = query.where('p.org_id', '=', orgId)
      const row = await query.executeTakeFirst()
      return row ? (await load([row]))[0] : undefined
    },
    async listOfOrg(orgId) {
      return load(await pathways().where('p.org_id', '=', orgId).orderBy('p.created_at', 'desc').orderBy('p.id').execute())
    },
    async withParts(achievementUrls) {
      if (achievementUrls.length === 0) return []
      const ids = q.selectFrom('pathway_parts').select('pathway_id').where('achievement_url', 'in', [...new Set(achievementUrls)])
      return load(await pathways().where('p.id', 'in', ids).orderBy('p.created_at').orderBy('p.id').execute())
    },
    async leadingTo(achievementIds) {
      if (achievementIds.length === 0) return []
      return load(await pathways().where('p.achievement_id', 'in', [...new Set(achievementIds)]).orderBy('p.created_at').execute())
    },
    async stepCounts(orgId) {
      const rows = await q
        .selectFrom('pathway_progress as s')
        .innerJoin('pathways as p', 'p.id', 's.pathway_id')
        .where('p.org_id', '=', orgId)
        .select(['s.pathway_id', 's.held'])
        .select((eb) => eb.fn.countAll<number>().as('learners'))
        .groupBy(['s.pathway_id', 's.held'])
        .execute()
      return rows.map((r) => ({ pathwayId: r.pathway_id, held: Number(r.held), learners: Number(r.learners) }))
    },
    async standings(userId) {
      const rows = await q.selectFrom('pathway_progress').selectAll().where('user_id', '=', userId).execute()
      return rows.map((r) => ({ pathwayId: r.pathway_id, userId: r.user_id, held: Number(r.held), awardState: r.award_state, credentialId: r.credential_id, updatedAt: r.updated_at }))
    },
    async learners(pathwayId) {
      const rows = await q
        .selectFrom('pathway_progress as s')
        .innerJoin('users as u', 'u.id', 's.user_id')
        .selectAll('s')
        .select(['u.name as user_name', 'u.email as user_email'])
        .where('s.pathway_id', '=', pathwayId)
        .orderBy('u.name')
        .orderBy('s.user_id')
        .execute()
      const learners = rows.map((r) => ({ pathwayId: r.pathway_id, userId: r.user_id, held: Number(r.held), awardState: r.award_state, credentialId: r.credential_id, updatedAt: r.updated_at, userName: r.user_name, userEmail: r.user_email }))
      return [...learners.filter((l) => l.awardState === 'awarded'), ...learners.filter((l) => l.awardState !== 'awarded')]
    },
    async recordHeld(pathwayId, userId, held, at) {
      await q
        .insertInto('pathway_progress')
        .values({ pathway_id: pathwayId, user_id: userId, held, award_state: 'none', credential_id: null, updated_at: at })
        .onConflict((oc) => oc.columns(['pathway_id', 'user_id']).doUpdateSet({ held, updated_at: at }))
        .execute()
    },
    async claimAward(pathwayId, userId, at) {
      const done = await q
        .updateTable('pathway_progress')
        .set({ award_state: 'issuing', updated_at: at })
        .where('pathway_id', '=', pathwayId)
        .where('user_id', '=', userId)
        .where('award_state', '=', 'none')
        .executeTakeFirst()
      return Number(done.numUpdatedRows) === 1
    },
    async finishAward(pathwayId, userId, credentialId, at) {
      await q.updateTable('pathway_progress').set({ award_state: 'awarded', credential_id: credentialId, updated_at: at }).where('pathway_id', '=', pathwayId).where('user_id', '=', userId).execute()
    },
    async releaseAward(pathwayId, userId, at) {
      await q.updateTable('pathway_progress').set({ award_state: 'none', updated_at: at }).where('pathway_id', '=', pathwayId).where('user_id', '=', userId).where('award_state', '=', 'issuing').execute()
    },
    async localAchievement(orgSlug, achievementId) {
      const row = await q
        .selectFrom('achievements as a')
        .innerJoin('organizations as o', 'o.id', 'a.org_id')
        .select(['o.slug', 'o.name as org_name', 'a.id', 'a.name', 'a.state', 'a.image_id'])
        .where('o.slug', '=', orgSlug)
        .where('a.id', '=', achievementId)
        .executeTakeFirst()
      return row ? { orgSlug: row.slug, orgName: row.org_name, id: row.id, name: row.name, state: row.state, imageId: row.image_id } : undefined
    },
    async programsLeadingTo(achievementIds) {
      if (achievementIds.length === 0) return []
      const rows = await q
        .selectFrom('programs as p')
        .innerJoin('organizations as o', 'o.id', 'p.org_id')
        .select(['p.id', 'p.title', 'p.achievement_id', 'o.slug'])
        .where('p.state', '=', 'published')
        .where('p.achievement_id', 'in', [...new Set(achievementIds)])
        .orderBy('p.title')
        .execute()
      return rows.map((r) => ({ programId: r.id, title: r.title, achievementId: r.achievement_id, orgSlug: r.slug }))
    },
  }
}
