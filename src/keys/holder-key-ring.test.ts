import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import type { StoredHolderKey } from '../app/holder/ports.js'
import { resolveDidKey, verifyProofs, signCredential } from '../core/proof/index.js'
import { createHolderKeyRing } from './holder-key-ring.js'
import { masterKeyFrom } from './master-key.js'

/** The repository's two methods over a map (first key wins, like the store). */
function memoryStore() {
  const keys = new Map<string, StoredHolderKey>()
  return {
    keys,
    keyOf: async (userId: string) => keys.get(userId),
    addKey: async (key: StoredHolderKey) => {
      if (!keys.has(key.userId)) keys.set(key.userId, key)
      return keys.get(key.userId)!
    },
  }
}

const clock = { now: () => new Date('2026-03-01T09:00:00Z') }

describe('holder key ring', () => {
  it('makes one did:key per account on first use, sealed under the master key and bound to the account', async () => {
    const store = memoryStore()
    const masterKey = masterKeyFrom(randomBytes(32))
    const ring = createHolderKeyRing({ store, masterKey, clock })
    const first = await ring.ensure('user-1')
    expect(first.did).toBe(`did:key:${first.publicKeyMultibase}`)
    expect(await ring.ensure('user-1')).toEqual(first)
    expect((await ring.ensure('user-2')).did).not.toBe(first.did)
    const stored = store.keys.get('user-1')!
    expect(stored.sealedPrivateKey).toMatch(/^v1\./)
    // The sealed secret is bound to its account: moved to another account's row, it does not open.
    store.keys.set('user-2', { ...store.keys.get('user-2')!, sealedPrivateKey: stored.sealedPrivateKey })
    await expect(createHolderKeyRing({ store, masterKey, clock }).signerFor('user-2')).rejects.toMatchObject({ code: 'ERR_KEY_UNAVAILABLE' })
    // Another master key cannot open it either.
    await expect(createHolderKeyRing({ store, masterKey: masterKeyFrom(randomBytes(32)), clock }).signerFor('user-1')).rejects.toMatchObject({ code: 'ERR_KEY_UNAVAILABLE' })
  })

  it('signs authentication proofs with the challenge and domain that verify against the DID', async () => {
    const ring = createHolderKeyRing({ store: memoryStore(), masterKey: masterKeyFrom(randomBytes(32)), clock })
    const { did } = await ring.ensure('user-1')
    const signer = await ring.signerFor('user-1')
    expect(signer.verificationMethod.startsWith(`${did}#`)).toBe(true)
    const vp = { '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiablePresentation'], holder: did }
    const signed = await signCredential(vp, signer, { suite: 'eddsa-rdfc-2022', proofPurpose: 'authentication', challenge: 'n-1', domain: 'example.com' })
    expect(signed.proof).toMatchObject({ proofPurpose: 'authentication', challenge: 'n-1', domain: 'example.com' })
    const resolveVerificationMethod = async (url: string) => resolveDidKey(url)
    expect(await verifyProofs(signed, { resolveVerificationMethod, expectedProofPurpose: 'authentication' })).toMatchObject({ verified: true, proofs: [{ controller: did }] })
    expect((await verifyProofs(signed, { resolveVerificationMethod })).code).toBe('PROOF_PURPOSE_MISMATCH')
    const replayed = { ...signed, proof: { ...(signed.proof as object), challenge: 'n-2' } }
    expect((await verifyProofs(replayed, { resolveVerificationMethod, expectedProofPurpose: 'authentication' })).code).toBe('PROOF_SIGNATURE_INVALID')
  })
})
