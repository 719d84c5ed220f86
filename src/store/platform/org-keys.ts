import type { Kysely } from 'kysely'
import type { OrgKeyStore, StoredOrgKey } from '../../app/platform/ports.js'
import { compiledOnce } from '../prepared.js'
import type { Database } from '../schema.js'

/** Organization keys over `q`. Call `addActiveKey` inside a transaction: it retires, then inserts. */
export function orgKeysRepo(q: Kysely<Database>): OrgKeyStore {
  // Read on every verification of the organization's credentials: compiled once.
  const keysOfOrg = compiledOnce(q, 1, (orgId) => q.selectFrom('org_keys').selectAll().where('org_id', '=', orgId).orderBy('created_at').orderBy('id'))
  return {
    async keysOf(orgId) {
      const rows = await keysOfOrg(orgId)
      return rows.map(
        (r): StoredOrgKey => ({
          id: r.id,
          orgId: r.org_id,
          publicKeyMultibase: r.public_key_multibase,
          secretSealed: r.secret_sealed,
          state: r.state,
          createdAt: r.created_at,
          retiredAt: r.retired_at,
          revokedAt: r.revoked_at,
          revocationReason: r.revocation_reason,
        }),
      )
    },
    async addActiveKey(key) {
      await q.updateTable('org_keys').set({ state: 'retired', retired_at: key.createdAt }).where('org_id', '=', key.orgId).where('state', '=', 'active').execute()
      await q
        .insertInto('org_keys')
        .values({
          id: key.id,
          org_id: key.orgId,
          public_key_multibase: key.publicKeyMultibase,
          secret_sealed: key.secretSealed,
          state: key.state,
          created_at: key.createdAt,
          retired_at: key.retiredAt,
        })
        .execute()
    },
    async revoke(orgId, keyId, at, reason) {
      const result = await q
        .updateTable('org_keys')
        .set({ state: 'revoked', revoked_at: at.toISOString(), revocation_reason: reason })
        .where('org_id', '=', orgId)
        .where('id', '=', keyId)
        .where('state', '=', 'retired')
        .executeTakeFirst()
      return Number(result.numUpdatedRows) === 1
    },
  }
}
