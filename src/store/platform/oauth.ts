import type { Kysely } from 'kysely'
import type { OAuthRecord, OAuthRecordsRepo, ObProfilesRepo } from '../../app/oauth/ports.js'
import type { Database } from '../schema.js'
import type { OAuthRecordsTable } from './oauth-tables.js'

/** The models made under a grant (what revoking it removes), as oidc-provider's adapters count them. */
const GRANTABLE = ['AccessToken', 'AuthorizationCode', 'RefreshToken', 'DeviceCode', 'BackchannelAuthenticationRequest', 'PreAuthorizedCode']

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value.slice(0, 500) : null)

const recordOf = (row: Pick<OAuthRecordsTable, 'model' | 'id' | 'payload' | 'expires_at' | 'consumed_at'>): OAuthRecord => ({
  model: row.model,
  id: row.id,
  payload: JSON.parse(row.payload) as Record<string, unknown>,
  expiresAt: row.expires_at === null ? null : Number(row.expires_at),
  consumed: row.consumed_at !== null,
})

/** The OAuth server's records (migration 0020), one row per model and id. */
export function oauthRecordsRepo(q: Kysely<Database>): OAuthRecordsRepo {
  const live = (model: string, now: number) =>
    q
      .selectFrom('oauth_records')
      .select(['model', 'id', 'payload', 'expires_at', 'consumed_at'])
      .where('model', '=', model)
      .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
  return {
    async upsert(model, id, payload, expiresAt, now) {
      const row = {
        model,
        id,
        payload: JSON.stringify(payload),
        grant_id: text(payload.grantId),
        uid: text(payload.uid),
        user_code: text(payload.userCode),
        account_id: text(payload.accountId),
        client_id: text(payload.clientId) ?? (model === 'Client' ? text(payload.client_id) : null),
        expires_at: expiresAt,
        consumed_at: null,
        created_at: now,
      }
      const { model: _m, id: _i, created_at: _c, ...update } = row
      await q
        .insertInto('oauth_records')
        .values(row)
        .onConflict((oc) => oc.columns(['model', 'id']).doUpdateSet(update))
        .execute()
    },
    async insertNew(model, id, payload, now) {
      await q
        .insertInto('oauth_records')
        .values({ model, id, payload: JSON.stringify(payload), grant_id: null, uid: null, user_code: null, account_id: null, client_id: null, expires_at: null, consumed_at: null, created_at: now })
        .onConflict((oc) => oc.columns(['model', 'id']).doNothing())
        .execute()
    },
    async find(model, id, now) {
      const row = await live(model, now).where('id', '=', id).executeTakeFirst()
      return row ? recordOf(row) : undefined
    },
    async findByUid(model, uid, now) {
      const row = await live(model, now).where('uid', '=', uid).executeTakeFirst()
      return row ? recordOf(row) : undefined
    },
    async findByUserCode(model, userCode, now) {
      const row = await live(model, now).where('user_code', '=', userCode).executeTakeFirst()
      return row ? recordOf(row) : undefined
    },
    async consume(model, id, now) {
      await q.updateTable('oauth_records').set({ consumed_at: now }).where('model', '=', model).where('id', '=', id).execute()
    },
    async destroy(model, id) {
      await q.deleteFrom('oauth_records').where('model', '=', model).where('id', '=', id).execute()
    },
    async revokeByGrantId(grantId) {
      await q.deleteFrom('oauth_records').where('grant_id', '=', grantId).where('model', 'in', GRANTABLE).execute()
    },
    async byAccount(model, accountId, now) {
      const rows = await live(model, now).where('account_id', '=', accountId).orderBy('created_at', 'desc').orderBy('id').limit(500).execute()
      return rows.map(recordOf)
    },
    async sweep(now, limit) {
      const ids = await q.selectFrom('oauth_records').select(['model', 'id']).where('expires_at', '<', now).limit(limit).execute()
      for (const { model, id } of ids) await q.deleteFrom('oauth_records').where('model', '=', model).where('id', '=', id).execute()
      return ids.length
    },
  }
}

/** The OB 3.0 Profile each learner's host keeps (migration 0020). */
export function obProfilesRepo(q: Kysely<Database>): ObProfilesRepo {
  return {
    async get(userId) {
      const row = await q.selectFrom('ob_profiles').select('profile').where('user_id', '=', userId).executeTakeFirst()
      return row ? (JSON.parse(row.profile) as Record<string, unknown>) : undefined
    },
    async put(userId, profile, at) {
      const text = JSON.stringify(profile)
      await q
        .insertInto('ob_profiles')
        .values({ user_id: userId, profile: text, updated_at: at })
        .onConflict((oc) => oc.column('user_id').doUpdateSet({ profile: text, updated_at: at }))
        .execute()
    },
  }
}
