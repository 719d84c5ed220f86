import type { Kysely, Selectable } from 'kysely'
import type { InvitationRecord, InvitationsRepo } from '../../app/orgs/ports.js'
import type { Database } from '../schema.js'

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

/** The invitations repository over `q` (a connection or a transaction). */
export function invitationsRepo(q: Kysely<Database>): InvitationsRepo {
  return {
    async create(invitation) {
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

    async pending(orgId) {
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

    async get(orgId, id) {
      const row = await q.selectFrom('invitations').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst()
      return row ? invitationOf(row) : undefined
    },

    async byTokenHash(tokenHash) {
      const row = await q.selectFrom('invitations').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst()
      return row ? invitationOf(row) : undefined
    },

    async markAccepted(id, at) {
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

    async delete(orgId, id) {
      const result = await q.deleteFrom('invitations').where('org_id', '=', orgId).where('id', '=', id).where('accepted_at', 'is', null).executeTakeFirst()
      return Number(result.numDeletedRows) === 1
    },

    async deletePendingFor(orgId, email) {
      await q.deleteFrom('invitations').where('org_id', '=', orgId).where('email', '=', email).where('accepted_at', 'is', null).execute()
    },
  }
}
