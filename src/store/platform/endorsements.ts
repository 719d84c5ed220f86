import type { Kysely } from 'kysely'
import type { EndorsementRecord, EndorsementsRepo } from '../../app/endorsements/ports.js'
import { compiledOnce } from '../prepared.js'
import type { Database } from '../schema.js'

/** Endorsements between organizations over `q`. */
export function endorsementsRepo(q: Kysely<Database>): EndorsementsRepo {
  const base = () =>
    q
      .selectFrom('endorsements as e')
      .innerJoin('organizations as o', 'o.id', 'e.org_id')
      .innerJoin('organizations as s', 's.id', 'e.subject_org_id')
      .select([
        'e.id',
        'e.subject_kind',
        'e.subject_id',
        'e.comment',
        'e.document',
        'e.state',
        'e.created_at',
        'e.withdrawn_at',
        'o.id as org_id',
        'o.slug as org_slug',
        'o.name as org_name',
        's.id as subject_org_id',
        's.slug as subject_org_slug',
        's.name as subject_org_name',
      ])
  type Row = Awaited<ReturnType<ReturnType<typeof base>['executeTakeFirstOrThrow']>>
  const recordOf = (r: Row): EndorsementRecord => ({
    id: r.id,
    org: { id: r.org_id, slug: r.org_slug, name: r.org_name },
    subjectKind: r.subject_kind,
    subjectId: r.subject_id,
    subjectOrg: { id: r.subject_org_id, slug: r.subject_org_slug, name: r.subject_org_name },
    comment: r.comment,
    document: r.document,
    state: r.state,
    createdAt: r.created_at,
    withdrawnAt: r.withdrawn_at,
  })
  const activeForTwo = compiledOnce(q, 3, (first, second, limit) =>
    base()
      .where('e.subject_id', 'in', [first, second])
      .where('e.state', '=', 'active')
      .orderBy('e.created_at', 'desc')
      .orderBy('e.id')
      .limit(limit as unknown as number),
  )
  return {
    async insert(row) {
      await q
        .insertInto('endorsements')
        .values({
          id: row.id,
          org_id: row.orgId,
          subject_kind: row.subjectKind,
          subject_id: row.subjectId,
          subject_org_id: row.subjectOrgId,
          comment: row.comment,
          document: row.document,
          state: 'active',
          created_at: row.createdAt,
          withdrawn_at: null,
        })
        .execute()
    },
    async get(id) {
      const row = await base().where('e.id', '=', id).executeTakeFirst()
      return row && recordOf(row)
    },
    async list(orgId, direction, { limit, state }) {
      let query = base().where(direction === 'given' ? 'e.org_id' : 'e.subject_org_id', '=', orgId)
      if (state) query = query.where('e.state', '=', state)
      return (await query.orderBy('e.created_at', 'desc').orderBy('e.id').limit(limit).execute()).map(recordOf)
    },
    async activeFor(subjectIds, limit) {
      if (subjectIds.length === 0) return []
      // Every credential page asks for two subjects (its issuer and its achievement): that query is compiled once.
      if (subjectIds.length === 2) return (await activeForTwo(subjectIds[0], subjectIds[1], limit)).map(recordOf)
      const rows = await base().where('e.subject_id', 'in', [...subjectIds]).where('e.state', '=', 'active').orderBy('e.created_at', 'desc').orderBy('e.id').limit(limit).execute()
      return rows.map(recordOf)
    },
    async activeBy(orgId, subjectId) {
      const row = await base().where('e.org_id', '=', orgId).where('e.subject_id', '=', subjectId).where('e.state', '=', 'active').executeTakeFirst()
      return row && recordOf(row)
    },
    async withdraw(id, orgId, at) {
      const result = await q.updateTable('endorsements').set({ state: 'withdrawn', withdrawn_at: at }).where('id', '=', id).where('org_id', '=', orgId).where('state', '=', 'active').executeTakeFirst()
      return Number(result.numUpdatedRows) === 1
    },
  }
}
