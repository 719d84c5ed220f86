import { PlatformError } from '../core/errors.js'
import { createSigner, exportKeyPair, generateKeyPair, importKeyPair, type Signer } from '../core/proof/index.js'
import type { Clock, KeyRing, OrgKeyStore, RandomSource } from '../app/platform/ports.js'
import type { MasterKey } from './master-key.js'

/** What an organization key's sealed secret is bound to: its organization and id. */
export const orgKeyContext = (orgId: string, keyId: string): string => `${orgId}/${keyId}`

/**
 * Organizations' Ed25519 keys: generated here, the secret sealed under the master key (bound to
 * the key's id, so a sealed secret cannot be swapped between rows), opened only to sign. Signers
 * are cached per active key id; a rotation makes a new id, so the cache never serves a retired key.
 */
export function createKeyRing({ store, masterKey, clock, random }: { store: OrgKeyStore; masterKey: MasterKey; clock: Clock; random: RandomSource }): KeyRing {
  const signers = new Map<string, Signer>()
  return {
    async rotate(orgId) {
      const pair = generateKeyPair()
      const { secretKeyMultibase } = exportKeyPair(pair, { includeSecret: true })
      const keyId = `key-${random.token(9)}`
      await store.addActiveKey({
        id: keyId,
        orgId,
        publicKeyMultibase: pair.publicKeyMultibase,
        secretSealed: masterKey.seal(new TextEncoder().encode(secretKeyMultibase!), orgKeyContext(orgId, keyId)),
        state: 'active',
        createdAt: clock.now().toISOString(),
        retiredAt: null,
      })
      return { keyId, publicKeyMultibase: pair.publicKeyMultibase }
    },
    async signerFor({ id: orgId, did }) {
      const active = (await store.keysOf(orgId)).filter((k) => k.state === 'active').at(-1)
      if (!active) throw new PlatformError('ERR_KEY_UNAVAILABLE', `Organization ${orgId} has no active signing key`)
      const cacheKey = `${did}#${active.id}`
      const cached = signers.get(cacheKey)
      if (cached) return cached
      const secretKeyMultibase = new TextDecoder().decode(masterKey.open(active.secretSealed, orgKeyContext(orgId, active.id)))
      const signer = createSigner(importKeyPair({ publicKeyMultibase: active.publicKeyMultibase, secretKeyMultibase }), cacheKey)
      signers.set(cacheKey, signer)
      return signer
    },
  }
}
