import type { Kysely } from 'kysely'
import type { Database } from './schema.js'

/** A secret sealed under the master key in the database, with what identifies it (the sealing context is made from these). */
export type SealedSecret =
  | { kind: 'org-key'; orgId: string; keyId: string; sealed: string }
  | { kind: 'holder-key'; userId: string; did: string; sealed: string }
  /** A secret sealed through the platform's SecretBox or a key ring of its own, under a context given as is. */
  | { kind: 'other'; context: string; sealed: string }

/** How many secrets of each kind were re-sealed. */
export interface ResealCounts {
  orgKeys: number
  holderKeys: number
  /** Webhook signing secrets, the LTI tool's key, OB 3.0 client secrets and learners' tokens at other hosts. */
  otherSecrets: number
}

/**
 * Replaces every sealed secret in the database (organizations' signing keys, learners' holder keys,
 * webhook signing secrets, the LTI tool's private key, Emblem's client secrets at other OB 3.0 hosts
 * and learners' tokens there) by what `reseal` returns for it, in one transaction: either every row is re-sealed or none is.
 * `reseal` throws to abort (a secret that opens under no key).
 */
export async function resealSecrets(db: Kysely<Database>, reseal: (secret: SealedSecret) => string): Promise<ResealCounts> {
  return db.transaction().execute(async (trx) => {
    const orgKeys = await trx.selectFrom('org_keys').select(['id', 'org_id', 'secret_sealed']).orderBy('id').execute()
    for (const row of orgKeys) {
      const sealed = reseal({ kind: 'org-key', orgId: row.org_id, keyId: row.id, sealed: row.secret_sealed })
      await trx.updateTable('org_keys').set({ secret_sealed: sealed }).where('id', '=', row.id).where('org_id', '=', row.org_id).execute()
    }
    const holderKeys = await trx.selectFrom('holder_keys').select(['user_id', 'did', 'sealed_private_key']).orderBy('user_id').execute()
    for (const row of holderKeys) {
      const sealed = reseal({ kind: 'holder-key', userId: row.user_id, did: row.did, sealed: row.sealed_private_key })
      await trx.updateTable('holder_keys').set({ sealed_private_key: sealed }).where('user_id', '=', row.user_id).where('did', '=', row.did).execute()
    }
    let otherSecrets = 0
    const other = (context: string, sealed: string): string => {
      otherSecrets++
      return reseal({ kind: 'other', context, sealed })
    }
    // Contexts as their writers seal them: src/app/webhooks (webhook-secret:<id>), src/keys/lti-key-ring.ts
    // (lti-tool/<kid>), src/app/ob3client (ob3-client:<api url>, ob3-host:<id>:<verifier|access|refresh>).
    // A webhook secret still in the clear (whsec_…, sealed at the next start) is left as it is.
    for (const row of await trx.selectFrom('webhook_endpoints').select(['id', 'secret']).where('secret', 'not like', 'whsec%').orderBy('id').execute()) {
      await trx.updateTable('webhook_endpoints').set({ secret: other(`webhook-secret:${row.id}`, row.secret) }).where('id', '=', row.id).execute()
    }
    for (const row of await trx.selectFrom('lti_tool_keys').select(['kid', 'sealed_private_jwk']).orderBy('kid').execute()) {
      await trx.updateTable('lti_tool_keys').set({ sealed_private_jwk: other(`lti-tool/${row.kid}`, row.sealed_private_jwk) }).where('kid', '=', row.kid).execute()
    }
    for (const row of await trx.selectFrom('ob3_clients').select(['api_url', 'client_secret_sealed']).orderBy('api_url').execute()) {
      await trx.updateTable('ob3_clients').set({ client_secret_sealed: other(`ob3-client:${row.api_url}`, row.client_secret_sealed) }).where('api_url', '=', row.api_url).execute()
    }
    const hosts = await trx.selectFrom('ob3_hosts').select(['id', 'pending_verifier_sealed', 'access_token_sealed', 'refresh_token_sealed']).orderBy('id').execute()
    for (const row of hosts) {
      const again = (what: string, sealed: string | null) => (sealed === null ? null : other(`ob3-host:${row.id}:${what}`, sealed))
      await trx
        .updateTable('ob3_hosts')
        .set({ pending_verifier_sealed: again('verifier', row.pending_verifier_sealed), access_token_sealed: again('access', row.access_token_sealed), refresh_token_sealed: again('refresh', row.refresh_token_sealed) })
        .where('id', '=', row.id)
        .execute()
    }
    // src/app/ob3client/issuer-push.ts (credential-push:<id>:<token|verifier>).
    for (const row of await trx.selectFrom('credential_pushes').select(['id', 'token_sealed', 'pending_verifier_sealed']).orderBy('id').execute()) {
      await trx
        .updateTable('credential_pushes')
        .set({ token_sealed: other(`credential-push:${row.id}:token`, row.token_sealed), pending_verifier_sealed: row.pending_verifier_sealed === null ? null : other(`credential-push:${row.id}:verifier`, row.pending_verifier_sealed) })
        .where('id', '=', row.id)
        .execute()
    }
    return { orgKeys: orgKeys.length, holderKeys: holderKeys.length, otherSecrets }
  })
}
