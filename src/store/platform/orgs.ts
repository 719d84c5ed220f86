import type { Kysely, Selectable } from 'kysely'
import type { ApiKeyRecord, InvitationRecord, MemberRecord, OrgRecord, OrgsRepo } from '../../app/orgs/ports.js'
import type { Database } from '../schema.js'
import { insertImage } from './images.js'

/** An organizations row as the app sees it. */
export const orgRecordOf = (r: Selectable<Database['organizations']>): OrgRecord => ({
  id: r.id,
  slug: r.slug,
  name: r.name,
  description: r.description,
  url: r.url,
  email: r.email,
  country: r.country,
  logoImageId: r.logo_image_id,
  suite: r.suite,
  createdAt: r.created_at,
})

const invitationOf = (r: Selectable<Database['invitations']>): InvitationRecord => ({
  id: r.id,
  orgId: r.org_id,
  email: r.email,
  role: r.role,
  invitedBy: r.invited_by,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  acceptedAt: r.accepted_at,
})

const apiKeyOf = (r: Selectable<Database['api_keys']>): ApiKeyRecord => ({
  id: r.id,
  orgId: r.org_id,
  name: r.name,
  role: r.role,
  prefix: r.prefix,
  createdBy: r.created_by,
  createdAt: r.created_at,
  lastUsedAt: r.last_used_at,
  revokedAt: r.revoked_at,
})

const ROLE_ORDER = { owner: 0, admin: 1, issuer: 2, viewer: 3 } as const

/** The organizations repository over `q` (a connection or a transaction), stamping times with `now()`. */
export function orgsRepo(q: Kysely<Database>, now: () => Date): OrgsRepo {
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
    async get(id) {
      const row = await q.selectFrom('organizations').selectAll().where('id', '=', id).executeTakeFirst()
      return row ? orgRecordOf(row) : undefined
    },

    async bySlug(slug) {
      const row = await q.selectFrom('organizations').selectAll().where('slug', '=', slug).executeTakeFirst()
      return row ? orgRecordOf(row) : undefined
    },

    async create(org, ownerId) {
      const at = now().toISOString()
      // ON CONFLICT DO NOTHING: a taken slug neither throws nor aborts a PostgreSQL transaction.
      const result = await q
        .insertInto('organizations')
        .values({ id: org.id, slug: org.slug, name: org.name, description: org.description, url: org.url, email: org.email, country: org.country, suite: org.suite, created_at: at })
        .onConflict((oc) => oc.column('slug').doNothing())
        .executeTakeFirst()
      if (Number(result.numInsertedOrUpdatedRows ?? 0) !== 1) return 'slug-taken'
      await q.insertInto('memberships').values({ org_id: org.id, user_id: ownerId, role: 'owner', created_at: at }).execute()
      return 'created'
    },

    async delete(id) {
      await q.deleteFrom('organizations').where('id', '=', id).execute()
    },

    async update(id, changes) {
      const set = {
        ...(changes.name !== undefined ? { name: changes.name } : {}),
        ...(changes.description !== undefined ? { description: changes.description } : {}),
        ...(changes.url !== undefined ? { url: changes.url } : {}),
        ...(changes.email !== undefined ? { email: changes.email } : {}),
        ...(changes.country !== undefined ? { country: changes.country } : {}),
        ...(changes.suite !== undefined ? { suite: changes.suite } : {}),
        ...(changes.logoImageId !== undefined ? { logo_image_id: changes.logoImageId } : {}),
      }
      if (Object.keys(set).length > 0) await q.updateTable('organizations').set(set).where('id', '=', id).execute()
      const row = await q.selectFrom('organizations').selectAll().where('id', '=', id).executeTakeFirst()
      return row ? orgRecordOf(row) : undefined
    },

    async lock(id) {
      // A no-op write: a row lock on PostgreSQL, the database write lock on SQLite.
      await q
        .updateTable('organizations')
        .set((eb) => ({ name: eb.ref('name') }))
        .where('id', '=', id)
        .execute()
    },

    async putImage(image) {
      await insertImage(q, { ...image, createdAt: now().toISOString() })
    },

    async ofUser(userId) {
      const rows = await q
        .selectFrom('memberships')
        .innerJoin('organizations', 'organizations.id', 'memberships.org_id')
        .selectAll('organizations')
        .select('memberships.role')
        .where('memberships.user_id', '=', userId)
        .orderBy('organizations.name')
        .orderBy('organizations.slug')
        .execute()
      return rows.map(({ role, ...org }) => ({ org: orgRecordOf(org), role }))
    },

    async members(orgId) {
      const rows = await memberQuery().where('memberships.org_id', '=', orgId).orderBy('users.name').orderBy('users.email').execute()
      return rows.map(memberOf).sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role])
    },

    async member(orgId, userId) {
      const row = await memberQuery().where('memberships.org_id', '=', orgId).where('memberships.user_id', '=', userId).executeTakeFirst()
      return row ? memberOf(row) : undefined
    },

    async addMember(orgId, userId, role) {
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

    async removeMember(orgId, userId) {
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

    async createInvitation(invitation) {
      await q
        .insertInto('invitations')
        .values({
          id: invitation.id,
          org_id: invitation.orgId,
          email: invitation.email,
          role: invitation.role,
          token_hash: invitation.tokenHash,
          invited_by: invitation.invitedBy,
          created_at: invitation.createdAt,
          expires_at: invitation.expiresAt,
          accepted_at: null,
        })
        .execute()
    },

    async pendingInvitations(orgId) {
      const rows = await q
        .selectFrom('invitations')
        .selectAll()
        .where('org_id', '=', orgId)
        .where('accepted_at', 'is', null)
        .orderBy('created_at', 'desc')
        .orderBy('id')
        .execute()
      return rows.map(invitationOf)
    },

    async invitation(orgId, id) {
      const row = await q.selectFrom('invitations').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst()
      return row ? invitationOf(row) : undefined
    },

    async invitationByTokenHash(tokenHash) {
      const row = await q.selectFrom('invitations').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst()
      return row ? invitationOf(row) : undefined
    },

    async markInvitationAccepted(id, at) {
      const stamp = at.toISOString()
      const result = await q
        .updateTable('invitations')
        .set({ accepted_at: stamp })
        .where('id', '=', id)
        .where('accepted_at', 'is', null)
        .where('expires_at', '>', stamp)
        .executeTakeFirst()
      return Number(result.numUpdatedRows) === 1
    },

    async deleteInvitation(orgId, id) {
      const result = await q.deleteFrom('invitations').where('org_id', '=', orgId).where('id', '=', id).where('accepted_at', 'is', null).executeTakeFirst()
      return Number(result.numDeletedRows) === 1
    },

    async deletePendingInvitationsFor(orgId, email) {
      await q.deleteFrom('invitations').where('org_id', '=', orgId).where('email', '=', email).where('accepted_at', 'is', null).execute()
    },

    async createApiKey(key) {
      await q
        .insertInto('api_keys')
        .values({
          id: key.id,
          org_id: key.orgId,
          name: key.name,
          role: key.role,
          prefix: key.prefix,
          secret_hash: key.secretHash,
          created_by: key.createdBy,
          created_at: key.createdAt,
        })
        .execute()
    },

    async apiKeys(orgId) {
      const rows = await q.selectFrom('api_keys').selectAll().where('org_id', '=', orgId).orderBy('created_at', 'desc').orderBy('id').execute()
      return rows.map(apiKeyOf)
    },

    async apiKey(orgId, id) {
      const row = await q.selectFrom('api_keys').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst()
      return row ? apiKeyOf(row) : undefined
    },

    async revokeApiKey(orgId, id, at) {
      const result = await q
        .updateTable('api_keys')
        .set({ revoked_at: at.toISOString() })
        .where('org_id', '=', orgId)
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .executeTakeFirst()
      return Number(result.numUpdatedRows) === 1
    },
  }
}
