import { talentRowsOf } from '../../app/talent/skill-keys.js'
import { indexTalentRows, refreshTalentVisibility } from './talent.js'
import { sql, type Kysely, type Selectable } from 'kysely'
import type { DisplaySkill } from '../../app/wallet/display.js'
import type {
  AccountEmailsRepo,
  WalletCollectionRecord,
  WalletCollectionsRepo,
  WalletItemRecord,
  WalletItemsRepo,
} from '../../app/wallet/ports.js'
import type { Database } from '../schema.js'

const DAY_MS = 86_400_000

const skillsOf = (text: string): DisplaySkill[] => {
  try {
    const parsed: unknown = JSON.parse(text)
    return Array.isArray(parsed) ? (parsed as DisplaySkill[]) : []
  } catch {
    return []
  }
}

const itemOf = (r: Selectable<Database['wallet_items']>): WalletItemRecord => ({
  id: r.id,
  userId: r.user_id,
  digest: r.digest,
  credentialId: r.credential_id,
  issuedCredentialId: r.issued_credential_id,
  source: r.source,
  format: r.format,
  document: r.document,
  verified: Number(r.verified) === 1,
  report: r.report,
  checkedAt: r.checked_at,
  name: r.name,
  description: r.description,
  imageUrl: r.image_url,
  issuerId: r.issuer_id,
  issuerName: r.issuer_name,
  issuedAt: r.issued_at,
  expiresAt: r.expires_at,
  skills: skillsOf(r.skills),
  hidden: Number(r.hidden) === 1,
  public: Number(r.public) === 1,
  showName: Number(r.show_name) === 1,
  addedAt: r.added_at,
})

const bit = (b: boolean) => (b ? 1 : 0)

/** The wallet items repository over `q` (a connection or a transaction). */
export function walletItemsRepo(q: Kysely<Database>): WalletItemsRepo {
  const items = () => q.selectFrom('wallet_items').selectAll()
  return {
    async insert(item) {
      const result = await q
        .insertInto('wallet_items')
        .values({
          id: item.id,
          user_id: item.userId,
          digest: item.digest,
          credential_id: item.credentialId,
          issued_credential_id: item.issuedCredentialId,
          source: item.source,
          format: item.format,
          document: item.document,
          verified: bit(item.verified),
          report: item.report,
          checked_at: item.checkedAt,
          name: item.name,
          description: item.description,
          image_url: item.imageUrl,
          issuer_id: item.issuerId,
          issuer_name: item.issuerName,
          issued_at: item.issuedAt,
          expires_at: item.expiresAt,
          skills: JSON.stringify(item.skills),
          hidden: bit(item.hidden ?? false),
          public: bit(item.public ?? false),
          show_name: bit(item.showName ?? true),
          added_at: item.addedAt,
        })
        .onConflict((oc) => oc.columns(['user_id', 'digest']).doNothing())
        .executeTakeFirst()
      const inserted = Number(result.numInsertedOrUpdatedRows ?? 0) === 1
      if (inserted) await indexTalentRows(q, talentRowsOf(item))
      return inserted ? 'inserted' : 'duplicate'
    },
    async get(userId, id) {
      const row = await items().where('user_id', '=', userId).where('id', '=', id).executeTakeFirst()
      return row && itemOf(row)
    },
    async byDigest(userId, digest) {
      const row = await items().where('user_id', '=', userId).where('digest', '=', digest).executeTakeFirst()
      return row && itemOf(row)
    },
    async byIssuedCredential(userId, issuedCredentialId) {
      const row = await items().where('user_id', '=', userId).where('issued_credential_id', '=', issuedCredentialId).executeTakeFirst()
      return row && itemOf(row)
    },
    async list(userId, { limit = 2000 } = {}) {
      const rows = await items().where('user_id', '=', userId).orderBy('added_at', 'desc').orderBy('id', 'desc').limit(limit).execute()
      return rows.map(itemOf)
    },
    async listPublic(userId) {
      const rows = await items().where('user_id', '=', userId).where('public', '=', 1).where('hidden', '=', 0).orderBy('added_at', 'desc').orderBy('id', 'desc').limit(2000).execute()
      return rows.map(itemOf)
    },
    async update(userId, id, patch) {
      const set: { hidden?: number; public?: number; show_name?: number } = {}
      if (patch.hidden !== undefined) set.hidden = bit(patch.hidden)
      if (patch.public !== undefined) set.public = bit(patch.public)
      if (patch.showName !== undefined) set.show_name = bit(patch.showName)
      if (Object.keys(set).length === 0) return (await this.get(userId, id)) !== undefined
      const result = await q.updateTable('wallet_items').set(set).where('user_id', '=', userId).where('id', '=', id).executeTakeFirst()
      if (set.hidden !== undefined || set.public !== undefined) await refreshTalentVisibility(q, { itemIds: [id] })
      return Number(result.numUpdatedRows) === 1
    },
    async setReport(userId, id, { verified, report, checkedAt }) {
      await q.updateTable('wallet_items').set({ verified: bit(verified), report, checked_at: checkedAt }).where('user_id', '=', userId).where('id', '=', id).execute()
      await refreshTalentVisibility(q, { itemIds: [id] })
    },
    async delete(userId, id) {
      const owned = await q.selectFrom('wallet_items').select('id').where('user_id', '=', userId).where('id', '=', id).executeTakeFirst()
      if (!owned) return false
      await q.deleteFrom('wallet_collection_items').where('item_id', '=', id).execute()
      await q.deleteFrom('wallet_reminders').where('item_id', '=', id).execute()
      const result = await q.deleteFrom('wallet_items').where('user_id', '=', userId).where('id', '=', id).executeTakeFirst()
      return Number(result.numDeletedRows) === 1
    },
    async claimable(emails) {
      if (emails.length === 0) return []
      const rows = await q
        .selectFrom('issued_credentials as i')
        .innerJoin('credentials as c', 'c.id', 'i.credential_id')
        .select(['i.credential_id', 'i.recipient_email', 'c.json', 'i.state', 'i.show_name'])
        .where('i.recipient_email', 'in', emails.slice(0, 100))
        .where('i.claimed_at', 'is', null)
        .where('i.declined_at', 'is', null)
        .orderBy('i.issued_at', 'desc')
        .limit(1000)
        .execute()
      return rows.map((r) => ({ credentialId: r.credential_id, recipientEmail: r.recipient_email, stored: r.json, state: r.state, showName: Number(r.show_name) === 1 }))
    },
    async markClaimed(credentialId, { showName, at }) {
      const result = await q
        .updateTable('issued_credentials')
        .set({ claimed_at: at, show_name: bit(showName) })
        .where('credential_id', '=', credentialId)
        .where('claimed_at', 'is', null)
        .where('declined_at', 'is', null)
        .executeTakeFirst()
      return Number(result.numUpdatedRows) === 1
    },
    async declineByClaimTokenHash(tokenHash, at) {
      const result = await q
        .updateTable('issued_credentials')
        .set({ declined_at: at })
        .where('claim_token_hash', '=', tokenHash)
        .where('claimed_at', 'is', null)
        .where('declined_at', 'is', null)
        .executeTakeFirst()
      return Number(result.numUpdatedRows) === 1
    },
    async setIssuedShowName(credentialId, showName) {
      await q.updateTable('issued_credentials').set({ show_name: bit(showName) }).where('credential_id', '=', credentialId).execute()
    },
    async dueReminders(thresholdDays, now, limit) {
      const from = now.toISOString()
      const to = new Date(now.getTime() + thresholdDays * DAY_MS).toISOString()
      const rows = await q
        .selectFrom('wallet_items as w')
        .innerJoin('users as u', 'u.id', 'w.user_id')
        .select(['w.id', 'w.user_id', 'u.email', 'u.name as user_name', 'w.name', 'w.issuer_name', 'w.expires_at'])
        .where('u.expiry_reminders', '=', 1)
        .where('w.hidden', '=', 0)
        .where('w.expires_at', 'is not', null)
        .where('w.expires_at', '>', from)
        .where('w.expires_at', '<=', to)
        .where(({ not, exists, selectFrom }) =>
          not(exists(selectFrom('wallet_reminders as r').select('r.item_id').whereRef('r.item_id', '=', 'w.id').where('r.threshold_days', '=', thresholdDays))),
        )
        .orderBy('w.expires_at')
        .orderBy('w.id')
        .limit(limit)
        .execute()
      return rows.map((r) => ({ itemId: r.id, userId: r.user_id, email: r.email, userName: r.user_name, name: r.name, issuerName: r.issuer_name, expiresAt: r.expires_at! }))
    },
    async markReminded(itemId, thresholdDays, at) {
      const result = await q
        .insertInto('wallet_reminders')
        .values({ item_id: itemId, threshold_days: thresholdDays, sent_at: at })
        .onConflict((oc) => oc.columns(['item_id', 'threshold_days']).doNothing())
        .executeTakeFirst()
      return Number(result.numInsertedOrUpdatedRows ?? 0) === 1
    },
  }
}

/** The wallet collections repository over `q`. */
export function walletCollectionsRepo(q: Kysely<Database>): WalletCollectionsRepo {
  const owned = (userId: string, id: string) => q.selectFrom('wallet_collections').selectAll().where('user_id', '=', userId).where('id', '=', id).executeTakeFirst()
  const entries = (collectionId: string) =>
    q.selectFrom('wallet_collection_items').select(['item_id', 'position']).where('collection_id', '=', collectionId).orderBy('position').orderBy('item_id').execute()
  const recordOf = async (r: Selectable<Database['wallet_collections']>): Promise<WalletCollectionRecord> => ({
    id: r.id,
    userId: r.user_id,
    name: r.name,
    description: r.description,
    position: Number(r.position),
    createdAt: r.created_at,
    itemIds: (await entries(r.id)).map((e) => e.item_id),
  })
  const setPositions = async (collectionId: string, itemIds: readonly string[]) => {
    for (const [i, itemId] of itemIds.entries())
      await q.updateTable('wallet_collection_items').set({ position: i }).where('collection_id', '=', collectionId).where('item_id', '=', itemId).execute()
  }
  return {
    async create({ id, userId, name, description, createdAt }) {
      await q
        .insertInto('wallet_collections')
        .values({
          id,
          user_id: userId,
          name,
          description,
          position: sql<number>`(select coalesce(max(position), -1) + 1 from wallet_collections where user_id = ${userId})`,
          created_at: createdAt,
        })
        .execute()
    },
    async list(userId) {
      const rows = await q.selectFrom('wallet_collections').selectAll().where('user_id', '=', userId).orderBy('position').orderBy('created_at').orderBy('id').execute()
      return Promise.all(rows.map(recordOf))
    },
    async get(userId, id) {
      const row = await owned(userId, id)
      return row && recordOf(row)
    },
    async update(userId, id, patch) {
      const set: { name?: string; description?: string } = {}
      if (patch.name !== undefined) set.name = patch.name
      if (patch.description !== undefined) set.description = patch.description
      if (Object.keys(set).length === 0) return (await owned(userId, id)) !== undefined
      const result = await q.updateTable('wallet_collections').set(set).where('user_id', '=', userId).where('id', '=', id).executeTakeFirst()
      return Number(result.numUpdatedRows) === 1
    },
    async delete(userId, id) {
      if (!(await owned(userId, id))) return false
      await q.deleteFrom('wallet_collection_items').where('collection_id', '=', id).execute()
      const result = await q.deleteFrom('wallet_collections').where('user_id', '=', userId).where('id', '=', id).executeTakeFirst()
      return Number(result.numDeletedRows) === 1
    },
    async addItem(userId, collectionId, itemId) {
      if (!(await owned(userId, collectionId))) return 'missing'
      const item = await q.selectFrom('wallet_items').select('id').where('user_id', '=', userId).where('id', '=', itemId).executeTakeFirst()
      if (!item) return 'missing'
      const result = await q
        .insertInto('wallet_collection_items')
        .values({
          collection_id: collectionId,
          item_id: itemId,
          position: sql<number>`(select coalesce(max(position), -1) + 1 from wallet_collection_items where collection_id = ${collectionId})`,
        })
        .onConflict((oc) => oc.columns(['collection_id', 'item_id']).doNothing())
        .executeTakeFirst()
      return Number(result.numInsertedOrUpdatedRows ?? 0) === 1 ? 'added' : 'exists'
    },
    async removeItem(userId, collectionId, itemId) {
      if (!(await owned(userId, collectionId))) return false
      const result = await q.deleteFrom('wallet_collection_items').where('collection_id', '=', collectionId).where('item_id', '=', itemId).executeTakeFirst()
      return Number(result.numDeletedRows) === 1
    },
    async moveItem(userId, collectionId, itemId, direction) {
      if (!(await owned(userId, collectionId))) return false
      const ids = (await entries(collectionId)).map((e) => e.item_id)
      const at = ids.indexOf(itemId)
      const to = direction === 'up' ? at - 1 : at + 1
      if (at === -1 || to < 0 || to >= ids.length) return false
      ;[ids[at], ids[to]] = [ids[to]!, ids[at]!]
      await setPositions(collectionId, ids)
      return true
    },
    async reorder(userId, collectionId, itemIds) {
      if (!(await owned(userId, collectionId))) return false
      const current = (await entries(collectionId)).map((e) => e.item_id)
      if (current.length !== itemIds.length || new Set(itemIds).size !== itemIds.length || !itemIds.every((id) => current.includes(id))) return false
      await setPositions(collectionId, itemIds)
      return true
    },
    async moveCollection(userId, id, direction) {
      const rows = await q.selectFrom('wallet_collections').select('id').where('user_id', '=', userId).orderBy('position').orderBy('created_at').orderBy('id').execute()
      const ids = rows.map((r) => r.id)
      const at = ids.indexOf(id)
      const to = direction === 'up' ? at - 1 : at + 1
      if (at === -1 || to < 0 || to >= ids.length) return false
      ;[ids[at], ids[to]] = [ids[to]!, ids[at]!]
      for (const [i, cid] of ids.entries()) await q.updateTable('wallet_collections').set({ position: i }).where('id', '=', cid).execute()
      return true
    },
  }
}

/** The account e-mail addresses repository over `q`. */
export function accountEmailsRepo(q: Kysely<Database>, now: () => Date): AccountEmailsRepo {
  const recordOf = (r: Selectable<Database['account_emails']>) => ({ userId: r.user_id, email: r.email, verifiedAt: r.verified_at, createdAt: r.created_at })
  return {
    async add(userId, email, at) {
      // users.email too: an address someone signed up with is theirs even before 0009's backfill reached it.
      const taken = await q.selectFrom('users').select('id').where('email', '=', email).where('id', '!=', userId).executeTakeFirst()
      if (taken) return 'taken'
      const result = await q
        .insertInto('account_emails')
        .values({ user_id: userId, email, verified_at: null, created_at: at })
        .onConflict((oc) => oc.column('email').doNothing())
        .executeTakeFirst()
      return Number(result.numInsertedOrUpdatedRows ?? 0) === 1 ? 'added' : 'taken'
    },
    async list(userId) {
      const rows = await q.selectFrom('account_emails').selectAll().where('user_id', '=', userId).orderBy('created_at').orderBy('email').execute()
      return rows.map(recordOf)
    },
    async byEmail(email) {
      const row = await q.selectFrom('account_emails').selectAll().where('email', '=', email).executeTakeFirst()
      return row && recordOf(row)
    },
    async verifiedOwners(emails) {
      const owners = new Map<string, string>()
      // 500 parameters a query: far below both databases' limits.
      for (let i = 0; i < emails.length; i += 500) {
        const rows = await q
          .selectFrom('account_emails')
          .select(['email', 'user_id'])
          .where('email', 'in', emails.slice(i, i + 500))
          .where('verified_at', 'is not', null)
          .execute()
        for (const row of rows) owners.set(row.email, row.user_id)
      }
      return owners
    },
    async confirmed(userId) {
      const rows = await q.selectFrom('account_emails').select('email').where('user_id', '=', userId).where('verified_at', 'is not', null).orderBy('created_at').orderBy('email').execute()
      return rows.map((r) => r.email)
    },
    async markVerified(userId, email, at) {
      const row = await q.selectFrom('account_emails').select('verified_at').where('user_id', '=', userId).where('email', '=', email).executeTakeFirst()
      if (!row) return false
      if (row.verified_at === null) await q.updateTable('account_emails').set({ verified_at: at }).where('user_id', '=', userId).where('email', '=', email).where('verified_at', 'is', null).execute()
      return true
    },
    async remove(userId, email) {
      const result = await q.deleteFrom('account_emails').where('user_id', '=', userId).where('email', '=', email).executeTakeFirst()
      return Number(result.numDeletedRows) === 1
    },
    async createVerifyToken({ tokenHash, userId, email, expiresAt }) {
      await q
        .insertInto('user_tokens')
        .values({ token_hash: tokenHash, user_id: userId, purpose: 'verify-email', email, created_at: now().toISOString(), expires_at: expiresAt.toISOString(), used_at: null })
        .execute()
    },
    async tokenEmail(tokenHash) {
      const row = await q.selectFrom('user_tokens').select('email').where('token_hash', '=', tokenHash).executeTakeFirst()
      return row === undefined ? undefined : row.email
    },
    async expiryReminders(userId) {
      const row = await q.selectFrom('users').select('expiry_reminders').where('id', '=', userId).executeTakeFirst()
      return row !== undefined && Number(row.expiry_reminders) === 1
    },
    async setExpiryReminders(userId, on) {
      await q.updateTable('users').set({ expiry_reminders: bit(on) }).where('id', '=', userId).execute()
    },
  }
}
