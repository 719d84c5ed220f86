import { describe, expect, it } from 'vitest'
import { encodeMultibase } from '../../encoding/index.js'
import { didKeyVerificationMethodId, resolveDidKey } from '../did-key.js'
import { generateKeyPair } from '../multikey.js'
import { createSigner } from '../signer.js'
import { hashData, proofConfigOf } from './hash-data.js'
import { signCredential } from './sign-credential.js'
import type { ProofResult } from './types.js'
import { verifiedController, verifiedControllers, verifyProofs } from './verify-proofs.js'

const keyPair = generateKeyPair()
const signer = createSigner(keyPair)
const did = `did:key:${signer.publicKeyMultibase}`
const resolveVerificationMethod = async (url: string) => resolveDidKey(url)
const verify = (document: unknown, options: Partial<Parameters<typeof verifyProofs>[1]> = {}) =>
  verifyProofs(document, { resolveVerificationMethod, ...options })
const credential = {
  '@context': ['https://www.w3.org/ns/credentials/v2'],
  id: 'urn:uuid:7d4c1d51-14d2-4a0e-8f39-55d1c1e5c0aa',
  type: ['VerifiableCredential'],
  issuer: did,
  validFrom: '2024-01-01T00:00:00Z',
  credentialSubject: { id: 'did:example:learner' },
}
const signed = (suite: 'eddsa-rdfc-2022' | 'eddsa-jcs-2022' = 'eddsa-rdfc-2022') => signCredential(credential, signer, { suite })
const proofOf = (document: { proof: unknown }) => document.proof as Record<string, unknown>
const unknownProof = { type: 'Ed25519Signature2018', jws: 'eyJhbGciOiJFZERTQSJ9..c2lnbmF0dXJl', verificationMethod: 'did:example:x#1' }

describe('verifyProofs', () => {
  it('reports a credential without proof as PROOF_MISSING', async () => {
    expect(await verify(credential)).toMatchObject({ verified: false, code: 'PROOF_MISSING' })
    expect(await verify({ ...credential, proof: [] })).toMatchObject({ verified: false, code: 'PROOF_MISSING' })
    expect(await verify('not a credential')).toMatchObject({ verified: false, code: 'PROOF_MALFORMED' })
  })

  it('ignores a proof of an unknown type in a proof set and verifies the supported one', async () => {
    const document = await signed()
    const result = await verify({ ...document, proof: [unknownProof, document.proof] })
    expect(result.verified).toBe(true)
    expect(result.proofs.map((p) => p.outcome)).toEqual(['skipped', 'verified'])
    expect(verifiedController(result)).toBe(did)
  })

  it('fails when no proof is of a supported type and cryptosuite', async () => {
    const document = await signed()
    const otherSuite = { ...proofOf(document), cryptosuite: 'ecdsa-rdfc-2019' }
    const result = await verify({ ...document, proof: [unknownProof, otherSuite] })
    expect(result).toMatchObject({ verified: false, code: 'PROOF_UNSUPPORTED_SUITE' })
    expect(verifiedControllers(result)).toEqual([])
  })

  it('fails a proof set in which one supported proof fails even if another verifies', async () => {
    const document = await signed()
    const broken = { ...proofOf(document), proofPurpose: 'authentication' }
    const result = await verify({ ...document, proof: [document.proof, broken] })
    expect(result).toMatchObject({ verified: false, code: 'PROOF_PURPOSE_MISMATCH' })
    expect(verifiedController(result)).toBeUndefined()
  })

  it.each(['eddsa-rdfc-2022', 'eddsa-jcs-2022'] as const)('rejects a %s proof made by another key than the one it names', async (suite) => {
    const document = await signCredential(credential, createSigner(generateKeyPair()), { suite })
    const claimed = { ...document, proof: { ...proofOf(document), verificationMethod: signer.verificationMethod } }
    expect(await verify(claimed)).toMatchObject({ verified: false, code: 'PROOF_SIGNATURE_INVALID' })
  })

  it('rejects a tampered proofValue and one that does not decode to 64 bytes', async () => {
    const document = await signed()
    const value = proofOf(document).proofValue as string
    const flipped = value.slice(0, -1) + (value.endsWith('2') ? '3' : '2')
    const withValue = (proofValue: unknown) => ({ ...document, proof: { ...proofOf(document), proofValue } })
    expect(await verify(withValue(flipped))).toMatchObject({ verified: false, code: 'PROOF_SIGNATURE_INVALID' })
    for (const bad of [value.slice(0, -5), 'u' + value.slice(1), value.replace(/.$/, '0'), 42])
      expect(await verify(withValue(bad))).toMatchObject({ verified: false, code: 'PROOF_MALFORMED' })
  })

  it('reports resolver failures, a method other than the one named, and unusable keys', async () => {
    const document = await signed()
    const failing = async () => {
      throw new Error('not found')
    }
    expect(await verify(document, { resolveVerificationMethod: failing })).toMatchObject({ code: 'PROOF_KEY_UNRESOLVED' })
    const other = resolveDidKey(didKeyVerificationMethodId(generateKeyPair().publicKeyMultibase))
    expect(await verify(document, { resolveVerificationMethod: async () => other })).toMatchObject({ code: 'PROOF_VERIFICATION_METHOD_MISMATCH' })
    const wrongType = async (url: string) => ({ ...resolveDidKey(url), type: 'JsonWebKey2020' })
    expect(await verify(document, { resolveVerificationMethod: wrongType })).toMatchObject({ code: 'PROOF_KEY_INVALID' })
  })

  it('accepts a did:key verification method written without its fragment', async () => {
    const own = await signCredential(credential, createSigner(keyPair, did), { suite: 'eddsa-rdfc-2022' })
    expect(await verify(own)).toMatchObject({ verified: true, proofs: [{ verificationMethod: did, controller: did }] })
  })

  it('requires the document context to start with the proof context', async () => {
    const document = await signed('eddsa-jcs-2022')
    const moved = { ...document, '@context': ['https://www.w3.org/ns/credentials/v2', 'https://w3id.org/security/data-integrity/v2'] }
    expect(await verify(moved)).toMatchObject({ verified: true })
    const replaced = { ...document, '@context': ['https://www.w3.org/2018/credentials/v1'] }
    expect(await verify(replaced)).toMatchObject({ verified: false, code: 'PROOF_CONTEXT_MISMATCH' })
  })

  it('reports a term added after signing that no context defines as a canonicalization failure', async () => {
    const document = await signed()
    expect(await verify({ ...document, favouriteColour: 'blue' })).toMatchObject({ code: 'PROOF_CANONICALIZATION_FAILED' })
  })

  it('checks expires against now only when now is given', async () => {
    const document = await signed()
    const expiring = { ...document, proof: { ...proofOf(document), expires: '2025-01-01T00:00:00Z' } }
    expect(await verify(expiring, { now: '2026-01-01T00:00:00Z' })).toMatchObject({ code: 'PROOF_EXPIRED' })
    // Without a clock the proof is checked, and `expires` is part of what was signed, so it fails its signature.
    expect(await verify(expiring)).toMatchObject({ code: 'PROOF_SIGNATURE_INVALID' })
  })

  it('verifies the legacy cryptosuite name eddsa-2022 as eddsa-rdfc-2022', async () => {
    const { proof: _none, ...unsecured } = credential as Record<string, unknown>
    const options = { type: 'DataIntegrityProof', cryptosuite: 'eddsa-2022', verificationMethod: signer.verificationMethod, proofPurpose: 'assertionMethod' }
    const { hashData: data } = await hashData(unsecured, proofConfigOf(options, credential['@context']), 'rdfc')
    const document = { ...credential, proof: { ...options, proofValue: encodeMultibase(signer.sign(data)) } }
    expect(await verify(document)).toMatchObject({ verified: true, proofs: [{ cryptosuite: 'eddsa-2022' }] })
  })

  it('throws a TypeError when called without a resolver', async () => {
    await expect(verifyProofs(credential, {} as never)).rejects.toThrow(TypeError)
  })

  it('never lists a controller for a failed result', () => {
    const failed: ProofResult = { verified: false, proofs: [{ index: 0, type: 'DataIntegrityProof', outcome: 'verified', verified: true, controller: did }] }
    expect(verifiedController(failed)).toBeUndefined()
  })
})
