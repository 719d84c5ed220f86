import type { Kysely, Selectable } from 'kysely'
import type { CredentialPushRecord, CredentialPushesRepo } from '../../app/ob3client/push-ports.js'
import type { Database } from '../schema.js'

const pushOf = (r: Selectable<Database['credential_pushes']>): CredentialPushRecord => ({
  id: r.id,
  orgId: r.org_id,
  credentialId: r.credential_id,
  tokenHash: r.token_hash,
  tokenSealed: r.token_sealed,
  hostUrl: r.host_url,
  apiUrl: r.api_url,
  hostName: r.host_name,
  authorizationUrl: r.authorization_url,
  tokenUrl: r.token_url,
  state: r.state,
  result: r.result,
  reason: r.reason,
  pendingStateHash: r.pending_state_hash,
  pendingVerifierSealed: r.pending_verifier_sealed,
  pendingExpiresAt: r.pending_expires_at,
  createdBy: r.created_by,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  expiresAt: r.expires_at,
  deliveredAt: r.delivered_at,
})

const rowOf = (p: CredentialPushRecord) => ({
  id: p.id,
  org_id: p.orgId,
  credential_id: p.credentialId,
  token_hash: p.tokenHash,
  token_sealed: p.tokenSealed,
  host_url: p.hostUrl,
  api_url: p.apiUrl,
  host_name: p.hostName,
  authorization_url: p.authorizationUrl,
  token_url: p.tokenUrl,
  state: p.state,
  result: p.result,
  reason: p.reason,
  pending_state_hash: p.pendingStateHash,
  pending_verifier_sealed: p.pendingVerifierSealed,
  pending_expires_at: p.pendingExpiresAt,
  created_by: p.createdBy,
  created_at: p.createdAt,
  updated_at: p.updatedAt,
  expires_at: p.expiresAt,
  delivered_at: p.deliveredAt,
})

/** An organization's pushes of credentials to learners' hosts, over `q`. */
export function credentialPushesRepo(q: Kysely<Database>): CredentialPushesRepo {
  return {
    async insert(p) {
      await q.insertInto('credential_pushes').values(rowOf(p)).execute()
    },
    async save(p) {
      const { id, org_id: _org, credential_id: _credential, token_hash: _hash, token_sealed: _sealed, created_at: _created, ...change } = rowOf(p)
      await q.updateTable('credential_pushes').set(change).where('id', '=', id).execute()
    },
    async byTokenHash(tokenHash) {
      const r = await q.selectFrom('credential_pushes').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst()
      return r ? pushOf(r) : undefined
    },
    async byPendingState(stateHash) {
      const r = await q.selectFrom('credential_pushes').selectAll().where('pending_state_hash', '=', stateHash).executeTakeFirst()
      return r ? pushOf(r) : undefined
    },
    async ofCredential(orgId, credentialId, limit) {
      const rows = await q.selectFrom('credential_pushes').selectAll().where('org_id', '=', orgId).where('credential_id', '=', credentialId).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute()
      return rows.map(pushOf)
    },
  }
}
