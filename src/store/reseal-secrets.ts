import type { Kysely } from 'kysely'
import type { Database } from './schema.js'

/** A secret sealed under the master key in the database, with what identifies it (the sealing context is made from these). */
export type SealedSecret =
  | { kind: 'org-key'; orgId: string; keyId: string; sealed: string }
  | { kind: 'holder-key'; userId: string; did: string; sealed: string }

/** How many secrets of each kind were re-sealed. */
export interface ResealCounts {
  orgKeys: number
  holderKeys: number
}

/**
 * Replaces every sealed secret in the database (organizations' signing keys, learners' holder keys)
 * by what `reseal` returns for it, in one transaction: either every row is re-sealed or none is.
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
    return { orgKeys: orgKeys.length, holderKeys: holderKeys.length }
  })
}
