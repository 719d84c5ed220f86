import { createSigner, didKeyOf, didKeyVerificationMethodId, exportKeyPair, generateKeyPair, importKeyPair, type Signer } from '../core/proof/index.js'
import type { HolderKeyRing, HolderRepo, StoredHolderKey } from '../app/holder/ports.js'
import type { Clock } from '../app/platform/ports.js'
import type { MasterKey } from './master-key.js'

/** Where a holder key's secret is sealed: bound to the account, so a sealed secret cannot move to another row. */
export const holderKeyContext = (key: { userId: string; did: string }): string => `holder/${key.userId}/${key.did}`

/**
 * Learners' holder keys: one Ed25519 key per account, made on first use, its did:key the account's
 * DID. The secret is sealed under the master key exactly like an organization's and opened only to
 * sign. Two first uses at once store one key (the repository keeps the first).
 */
export function createHolderKeyRing({ store, masterKey, clock }: { store: Pick<HolderRepo, 'keyOf' | 'addKey'>; masterKey: MasterKey; clock: Clock }): HolderKeyRing {
  const signers = new Map<string, Signer>()
  async function ensure(userId: string): Promise<StoredHolderKey> {
    const existing = await store.keyOf(userId)
    if (existing) return existing
    const pair = generateKeyPair()
    const { secretKeyMultibase } = exportKeyPair(pair, { includeSecret: true })
    const did = didKeyOf(pair.publicKeyMultibase)
    return store.addKey({
      userId,
      did,
      publicKeyMultibase: pair.publicKeyMultibase,
      sealedPrivateKey: masterKey.seal(new TextEncoder().encode(secretKeyMultibase!), holderKeyContext({ userId, did })),
      createdAt: clock.now().toISOString(),
    })
  }
  return {
    async ensure(userId) {
      const { did, publicKeyMultibase } = await ensure(userId)
      return { did, publicKeyMultibase }
    },
    async signerFor(userId) {
      const key = await ensure(userId)
      const cached = signers.get(key.did)
      if (cached) return cached
      const secretKeyMultibase = new TextDecoder().decode(masterKey.open(key.sealedPrivateKey, holderKeyContext(key)))
      const signer = createSigner(importKeyPair({ publicKeyMultibase: key.publicKeyMultibase, secretKeyMultibase }), didKeyVerificationMethodId(key.publicKeyMultibase))
      signers.set(key.did, signer)
      return signer
    },
  }
}
