import type { Kysely } from 'kysely'
import type { HolderRepo, StoredHolderKey } from '../../app/holder/ports.js'
import type { Database } from '../schema.js'

const keyOf = (r: Database['holder_keys']): StoredHolderKey => ({
  userId: r.user_id,
  did: r.did,
  publicKeyMultibase: r.public_key_multibase,
  sealedPrivateKey: r.sealed_private_key,
  createdAt: r.created_at,
})

/** Holder keys, notification settings and account erasure over `q`. Call `deleteAccount` inside a transaction. */
export function holderRepo(q: Kysely<Database>): HolderRepo {
  const get = async (userId: string) => {
    const row = await q.selectFrom('holder_keys').selectAll().where('user_id', '=', userId).executeTakeFirst()
    return row ? keyOf(row) : undefined
  }
  return {
    keyOf: get,
    async addKey(key) {
      await q
        .insertInto('holder_keys')
        .values({ user_id: key.userId, did: key.did, public_key_multibase: key.publicKeyMultibase, sealed_private_key: key.sealedPrivateKey, created_at: key.createdAt })
        .onConflict((oc) => oc.column('user_id').doNothing())
        .execute()
      const stored = await get(key.userId)
      if (!stored) throw new Error(`The holder key of ${key.userId} was not stored (is the account gone?)`)
      return stored
    },
    async notificationSettings(userId) {
      const row = await q.selectFrom('notification_settings').select('product_news').where('user_id', '=', userId).executeTakeFirst()
      return { productNews: row?.product_news === 1 }
    },
    async setNotificationSettings(userId, settings, at) {
      const values = { product_news: settings.productNews ? 1 : 0, updated_at: at.toISOString() }
      await q
        .insertInto('notification_settings')
        .values({ user_id: userId, ...values })
        .onConflict((oc) => oc.column('user_id').doUpdateSet(values))
        .execute()
    },
    async deleteAccount(userId) {
      // Foreign keys cascade most of these; deleting each explicitly keeps erasure independent of that.
      await q.deleteFrom('holder_keys').where('user_id', '=', userId).execute()
      await q.deleteFrom('notification_settings').where('user_id', '=', userId).execute()
      await q.deleteFrom('sessions').where('user_id', '=', userId).execute()
      await q.deleteFrom('user_tokens').where('user_id', '=', userId).execute()
      await q.deleteFrom('memberships').where('user_id', '=', userId).execute()
      await q.deleteFrom('share_links').where('user_id', '=', userId).execute()
      await q.deleteFrom('learner_profiles').where('user_id', '=', userId).execute()
      const items = q.selectFrom('wallet_items').select('id').where('user_id', '=', userId)
      const collections = q.selectFrom('wallet_collections').select('id').where('user_id', '=', userId)
      await q.deleteFrom('wallet_reminders').where('item_id', 'in', items).execute()
      await q.deleteFrom('wallet_collection_items').where((eb) => eb.or([eb('item_id', 'in', items), eb('collection_id', 'in', collections)])).execute()
      await q.deleteFrom('wallet_collections').where('user_id', '=', userId).execute()
      await q.deleteFrom('wallet_items').where('user_id', '=', userId).execute()
      await q.deleteFrom('account_emails').where('user_id', '=', userId).execute()
      await q.deleteFrom('user_images').where('user_id', '=', userId).execute()
      await q.deleteFrom('oauth_records').where('account_id', '=', userId).execute() // OB 3.0 API grants, codes and tokens (0020)
      await q.deleteFrom('ob3_hosts').where('user_id', '=', userId).execute() // other hosts the learner connected, their sealed tokens (0023)
      // Programs (0018): the learner's enrolments, their progress and evidence files.
      const enrolments = q.selectFrom('enrolments').select('id').where('user_id', '=', userId)
      await q.deleteFrom('requirement_progress').where('enrolment_id', 'in', enrolments).execute()
      await q.deleteFrom('evidence_files').where('enrolment_id', 'in', enrolments).execute()
      await q.deleteFrom('enrolments').where('user_id', '=', userId).execute()
      const result = await q.deleteFrom('users').where('id', '=', userId).executeTakeFirst()
      return Number(result.numDeletedRows) === 1
    },
  }
}
