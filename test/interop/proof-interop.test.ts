// Independent implementations as the other party: Digital Bazaar's vc, data-integrity and cryptosuites
// (dev dependencies, imported here only). Each direction signs on one side and verifies on the other.
// @ts-expect-error untyped dev dependency
import * as vc from '@digitalbazaar/vc'
// @ts-expect-error untyped dev dependency
import { DataIntegrityProof } from '@digitalbazaar/data-integrity'
// @ts-expect-error untyped dev dependency
import { cryptosuite as rdfcCryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite'
// @ts-expect-error untyped dev dependency
import { createSignCryptosuite, createVerifyCryptosuite } from '@digitalbazaar/eddsa-jcs-2022-cryptosuite'
// @ts-expect-error untyped dev dependency
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey'
import { describe, expect, it } from 'vitest'
import { buildIssuerProfile, buildRealisticCredential } from '../support/builders.js'
import { CONTEXT, createDocumentLoader, type DocumentLoader } from '../../src/core/canonical/index.js'
import {
  createSigner,
  didKeyDocument,
  didKeyOf,
  generateKeyPair,
  importKeyPair,
  resolveDidKey,
  signCredential,
  verifyProofs,
  type Cryptosuite,
} from '../../src/core/proof/index.js'

interface DbKey { id: string; controller: string; publicKeyMultibase: string; signer(): unknown; export(o: object): Promise<object> }

/** The bundled contexts plus a did:key's DID document and its verification method, as jsonld-signatures loads them. */
function loaderFor(publicKeyMultibase: string): DocumentLoader {
  const did = didKeyOf(publicKeyMultibase)
  const method = resolveDidKey(did)
  return createDocumentLoader(new Map<string, unknown>([[did, didKeyDocument(did)], [method.id, { '@context': CONTEXT.MULTIKEY_V1, ...method }]]))
}

/**
 * The realistic OB 3.0 micro-credential (alignments, results, evidence, status entry, hashed e-mail)
 * with the did:key that signs it as issuer, so the controller check of vc.verifyCredential passes.
 */
const openBadge = (issuerDid: string) => buildRealisticCredential({ issuer: buildIssuerProfile({ id: issuerDid }) })

/** One character changed in a signed field (the achievement name). */
function tamper<T>(signed: T): T {
  const copy = structuredClone(signed) as { credentialSubject: { achievement: { name: string } } }
  const name = copy.credentialSubject.achievement.name
  copy.credentialSubject.achievement.name = `${name.slice(0, -1)}${name.endsWith('x') ? 'y' : 'x'}`
  return copy as T
}

const verifySuite = (suite: Cryptosuite) =>
  new DataIntegrityProof({ cryptosuite: suite === 'eddsa-rdfc-2022' ? rdfcCryptosuite : createVerifyCryptosuite() })

const dbVerify = async (credential: unknown, suite: Cryptosuite, documentLoader: DocumentLoader) =>
  // A copy: jsonld-signatures writes into the proofs it checks.
  // Status is the status-list interop test's subject; here the proof is, so the entry is not fetched.
  (await vc.verifyCredential({ credential: structuredClone(credential), suite: verifySuite(suite), documentLoader, checkStatus: async () => ({ verified: true }) })) as {
    verified: boolean
    error?: unknown
  }

describe.each(['eddsa-rdfc-2022', 'eddsa-jcs-2022'] as const)('%s interop with @digitalbazaar/vc', (suite) => {
  it('has an OB 3.0 credential signed by Emblem verify with Digital Bazaar and, one character changed, fail in both', async () => {
    const keyPair = generateKeyPair()
    const documentLoader = loaderFor(keyPair.publicKeyMultibase)
    const signed = await signCredential(openBadge(didKeyOf(keyPair.publicKeyMultibase)), createSigner(keyPair), {
      suite,
      created: '2024-03-01T09:00:00Z',
    })
    const result = await dbVerify(signed, suite, documentLoader)
    expect(result.error, JSON.stringify(result.error)).toBeUndefined()
    expect(result.verified).toBe(true)
    const tampered = await dbVerify(tamper(signed), suite, documentLoader)
    expect(tampered.verified).toBe(false)
    expect(JSON.stringify(tampered)).toContain('Invalid signature')
    const options = { resolveVerificationMethod: async (url: string) => resolveDidKey(url) }
    expect(await verifyProofs(tamper(signed), options)).toMatchObject({ verified: false, code: 'PROOF_SIGNATURE_INVALID' })
  })

  it('has an OB 3.0 credential signed by Digital Bazaar verify with Emblem and, one character changed, fail in both', async () => {
    const key = (await Ed25519Multikey.generate()) as DbKey
    const did = didKeyOf(key.publicKeyMultibase)
    key.controller = did
    key.id = `${did}#${key.publicKeyMultibase}`
    const documentLoader = loaderFor(key.publicKeyMultibase)
    const signSuite = new DataIntegrityProof({
      signer: key.signer(),
      date: '2024-03-01T09:00:00Z',
      cryptosuite: suite === 'eddsa-rdfc-2022' ? rdfcCryptosuite : createSignCryptosuite(),
    })
    const signed = (await vc.issue({ credential: openBadge(did), suite: signSuite, documentLoader })) as Record<string, unknown>
    const options = { resolveVerificationMethod: async (url: string) => resolveDidKey(url) }
    const result = await verifyProofs(signed, options)
    expect(result, JSON.stringify(result)).toMatchObject({ verified: true, proofs: [{ cryptosuite: suite, controller: did }] })
    expect(await verifyProofs(tamper(signed), options)).toMatchObject({ verified: false, code: 'PROOF_SIGNATURE_INVALID' })
    expect((await dbVerify(signed, suite, documentLoader)).verified).toBe(true)
    expect((await dbVerify(tamper(signed), suite, documentLoader)).verified).toBe(false)
  })
})

describe('Multikey interop with @digitalbazaar/ed25519-multikey', () => {
  it('imports a key pair Digital Bazaar exports and signs what Digital Bazaar verifies', async () => {
    const key = (await Ed25519Multikey.generate()) as DbKey
    const exported = await key.export({ publicKey: true, secretKey: true, includeContext: false })
    const keyPair = importKeyPair(exported)
    const data = new TextEncoder().encode('interop')
    const signature = createSigner(keyPair).sign(data)
    const verifier = (key as unknown as { verifier(): { verify(o: object): Promise<boolean> } }).verifier()
    expect(await verifier.verify({ data, signature })).toBe(true)
  })
})
