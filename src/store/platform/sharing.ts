import type { Kysely, Selectable } from 'kysely'
import type { LearnerProfile, LearnerProfilesRepo, ShareLinkRecord, ShareLinksRepo } from '../../app/share/ports.js'
import { isUniqueViolation } from '../blob.js'
import type { Database } from '../schema.js'
import { refreshTalentVisibility } from './talent.js'

const profileOf = (r: Selectable<Database['learner_profiles']>): LearnerProfile => ({
  userId: r.user_id,
  handle: r.handle,
  displayName: r.display_name,
  headline: r.headline,
  bio: r.bio,
  public: Number(r.public) === 1,
  openToEmployers: Number(r.open_to_employers) === 1,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
})

const linkOf = (r: Selectable<Database['share_links']>): ShareLinkRecord => ({
  tokenHash: r.token_hash,
  userId: r.user_id,
  itemId: r.item_id,
  collectionId: r.collection_id,
  expiresAt: r.expires_at,
  revokedAt: r.revoked_at,
  views: Number(r.views),
  createdAt: r.created_at,
})

/** Learner profiles over `q` (a connection or a transaction). */
export function learnerProfilesRepo(q: Kysely<Database>): LearnerProfilesRepo {
  return {
    async get(userId) {
      const row = await q.selectFrom('learner_profiles').selectAll().where('user_id', '=', userId).executeTakeFirst()
      return row ? profileOf(row) : undefined
    },
    async byHandle(handle) {
      const row = await q.selectFrom('learner_profiles').selectAll().where('handle', '=', handle).executeTakeFirst()
      return row ? profileOf(row) : undefined
    },
    async save(p, at) {
      const holder = await q.selectFrom('learner_profiles').select('user_id').where('handle', '=', p.handle).executeTakeFirst()
      if (holder && holder.user_id !== p.userId) return 'taken'
      const values = {
        handle: p.handle,
        display_name: p.displayName,
        headline: p.headline,
        bio: p.bio,
        public: p.public ? 1 : 0,
        open_to_employers: p.openToEmployers ? 1 : 0,
        updated_at: at.toISOString(),
      }
      try {
        await q
          .insertInto('learner_profiles')
          .values({ user_id: p.userId, ...values, created_at: at.toISOString() })
          .onConflict((oc) => oc.column('user_id').doUpdateSet(values))
          .execute()
      } catch (err) {
        // Two learners racing for one handle: the second loses.
        if (isUniqueViolation(err)) return 'taken'
        throw err
      }
      // The profile's public switch shows or hides the learner in the talent search.
      await refreshTalentVisibility(q, { userId: p.userId })
      return 'saved'
    },
    async publicCollections(userId) {
      const rows = await q.selectFrom('wallet_collections').select('id').where('user_id', '=', userId).where('public', '=', 1).orderBy('position').execute()
      return rows.map((r) => r.id)
    },
    async setPublicCollections(userId, ids) {
      await q.updateTable('wallet_collections').set({ public: 0 }).where('user_id', '=', userId).where('public', '=', 1).execute()
      if (ids.length > 0) await q.updateTable('wallet_collections').set({ public: 1 }).where('user_id', '=', userId).where('id', 'in', [...ids]).execute()
    },
  }
}

/** Share links over `q`. */
export function shareLinksRepo(q: Kysely<Database>): ShareLinksRepo {
  return {
    async create(link) {
      await q
        .insertInto('share_links')
        .values({
          token_hash: link.tokenHash,
          user_id: link.userId,
          item_id: link.itemId,
          collection_id: link.collectionId,
          expires_at: link.expiresAt,
          created_at: link.createdAt,
        })
        .execute()
    },
    async listOf(userId) {
      const rows = await q.selectFrom('share_links').selectAll().where('user_id', '=', userId).orderBy('created_at', 'desc').orderBy('token_hash').execute()
      return rows.map(linkOf)
    },
    async get(tokenHash) {
      const row = await q.selectFrom('share_links').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst()
      return row ? linkOf(row) : undefined
    },
    async revoke(userId, tokenHash, at) {
      const result = await q
        .updateTable('share_links')
        .set({ revoked_at: at.toISOString() })
        .where('user_id', '=', userId)
        .where('token_hash', '=', tokenHash)
        .where('revoked_at', 'is', null)
        .executeTakeFirst()
      return Number(result.numUpdatedRows) === 1
    },
    async countView(tokenHash) {
      await q
        .updateTable('share_links')
        .set((eb) => ({ views: eb('views', '+', 1) }))
        .where('token_hash', '=', tokenHash)
        .execute()
    },
  }
}
