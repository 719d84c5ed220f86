import type { Kysely } from 'kysely'
import type { MemberRecord, MembersRepo } from '../../app/orgs/ports.js'
import type { Database } from '../schema.js'

const ROLE_ORDER = { owner: 0, admin: 1, issuer: 2, viewer: 3 } as const

/** The members repository over `q` (a connection or a transaction), stamping times with `now()`. */
export function membersRepo(q: Kysely<Database>, now: () => Date): MembersRepo {
  const memberQuery = () =>
    q
      .selectFrom('memberships')
      .innerJoin('users', 'users.id', 'memberships.user_id')
      .select(['memberships.user_id', 'users.email', 'users.name', 'memberships.role', 'memberships.created_at'])
  const memberOf = (r: { user_id: string; email: string; name: string; role: MemberRecord['role']; created_at: string }): MemberRecord => ({
    userId: r.user_id,
    email: r.email,
    name: r.name,
    role: r.role,
    createdAt: r.created_at,
  })

  return {
    async list(orgId) {
      const rows = await memberQuery().where('memberships.org_id', '=', orgId).orderBy('users.name').orderBy('users.email').execute()
      return rows.map(memberOf).sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role])
    },

    async get(orgId, userId) {
      const row = await memberQuery().where('memberships.org_id', '=', orgId).where('memberships.user_id', '=', userId).executeTakeFirst()
      return row ? memberOf(row) : undefined
    },

    async add(orgId, userId, role) {
      const result = await q
        .insertInto('memberships')
        .values({ org_id: orgId, user_id: userId, role, created_at: now().toISOString() })
        .onConflict((oc) => oc.columns(['org_id', 'user_id']).doNothing())
        .executeTakeFirst()
      return Number(result.numInsertedOrUpdatedRows ?? 0) === 1 ? 'added' : 'exists'
    },

    async setRole(orgId, userId, role) {
      const result = await q.updateTable('memberships').set({ role }).where('org_id', '=', orgId).where('user_id', '=', userId).executeTakeFirst()
      return Number(result.numUpdatedRows) === 1
    },

    async remove(orgId, userId) {
      const result = await q.deleteFrom('memberships').where('org_id', '=', orgId).where('user_id', '=', userId).executeTakeFirst()
      return Number(result.numDeletedRows) === 1
    },

    async countOwners(orgId) {
      const row = await q
        .selectFrom('memberships')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .where('org_id', '=', orgId)
        .where('role', '=', 'owner')
        .executeTakeFirstOrThrow()
      return Number(row.n)
    },
  }
}
