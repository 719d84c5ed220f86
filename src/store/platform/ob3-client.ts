import type { Kysely, Selectable } from 'kysely'
import type { Ob3HostRecord, Ob3HostsRepo } from '../../app/ob3client/ports.js'
import type { Database } from '../schema.js'

const hostOf = (r: Selectable<Database['ob3_hosts']>): Ob3HostRecord => ({
  id: r.id,
  userId: r.user_id,
  apiUrl: r.api_url,
  name: r.name,
  authorizationUrl: r.authorization_url,
  tokenUrl: r.token_url,
  registrationUrl: r.registration_url,
  issuer: r.issuer,
  state: r.state,
  pendingStateHash: r.pending_state_hash,
  pendingVerifierSealed: r.pending_verifier_sealed,
  pendingExpiresAt: r.pending_expires_at,
  scopes: r.scopes,
  accessTokenSealed: r.access_token_sealed,
  refreshTokenSealed: r.refresh_token_sealed,
  accessExpiresAt: r.access_expires_at,
  lastImport: r.last_import,
  lastError: r.last_error,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  connectedAt: r.connected_at,
})

/** Emblem's registrations at other hosts and the hosts learners connected, over `q`. */
export function ob3HostsRepo(q: Kysely<Database>): Ob3HostsRepo {
  return {
    async client(apiUrl) {
      const r = await q.selectFrom('ob3_clients').selectAll().where('api_url', '=', apiUrl).executeTakeFirst()
      return r ? { apiUrl: r.api_url, clientId: r.client_id, clientSecretSealed: r.client_secret_sealed, createdAt: r.created_at } : undefined
    },
    async insertClient(c) {
      await q
        .insertInto('ob3_clients')
        .values({ api_url: c.apiUrl, client_id: c.clientId, client_secret_sealed: c.clientSecretSealed, created_at: c.createdAt })
        .onConflict((oc) => oc.column('api_url').doNothing())
        .execute()
    },
    async deleteClient(apiUrl) {
      await q.deleteFrom('ob3_clients').where('api_url', '=', apiUrl).execute()
    },
    async hosts(userId) {
      return (await q.selectFrom('ob3_hosts').selectAll().where('user_id', '=', userId).orderBy('created_at').orderBy('id').execute()).map(hostOf)
    },
    async host(userId, id) {
      const r = await q.selectFrom('ob3_hosts').selectAll().where('user_id', '=', userId).where('id', '=', id).executeTakeFirst()
      return r ? hostOf(r) : undefined
    },
    async byPendingState(userId, stateHash) {
      const r = await q.selectFrom('ob3_hosts').selectAll().where('pending_state_hash', '=', stateHash).where('user_id', '=', userId).executeTakeFirst()
      return r ? hostOf(r) : undefined
    },
    async save(h) {
      const row = {
        id: h.id,
        user_id: h.userId,
        api_url: h.apiUrl,
        name: h.name,
        authorization_url: h.authorizationUrl,
        token_url: h.tokenUrl,
        registration_url: h.registrationUrl,
        issuer: h.issuer,
        state: h.state,
        pending_state_hash: h.pendingStateHash,
        pending_verifier_sealed: h.pendingVerifierSealed,
        pending_expires_at: h.pendingExpiresAt,
        scopes: h.scopes,
        access_token_sealed: h.accessTokenSealed,
        refresh_token_sealed: h.refreshTokenSealed,
        access_expires_at: h.accessExpiresAt,
        last_import: h.lastImport,
        last_error: h.lastError,
        created_at: h.createdAt,
        updated_at: h.updatedAt,
        connected_at: h.connectedAt,
      }
      const { id: _id, user_id: _user, created_at: _created, ...change } = row
      await q.insertInto('ob3_hosts').values(row).onConflict((oc) => oc.column('id').doUpdateSet(change)).execute()
    },
    async remove(userId, id) {
      const result = await q.deleteFrom('ob3_hosts').where('user_id', '=', userId).where('id', '=', id).executeTakeFirst()
      return Number(result.numDeletedRows) === 1
    },
  }
}
