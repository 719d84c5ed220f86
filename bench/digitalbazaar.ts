// The baseline: Digital Bazaar's vc + data-integrity + eddsa cryptosuites (dev dependencies, imported only here and in tests).
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
import { CONTEXT, createDocumentLoader } from '../src/core/canonical/index.js'
import { didKeyDocument, exportKeyPair, resolveDidKey, type Cryptosuite, type Ed25519KeyPair } from '../src/core/proof/index.js'

/** Signs and verifies one credential with Digital Bazaar's libraries, as their users would. */
export interface DigitalBazaarSuite {
  sign(credential: object): Promise<object>
  verify(signed: object): Promise<boolean>
}

/**
 * Digital Bazaar's issue and verify for `suite`, with our key pair (as a did:key), and a document
 * loader built on createDocumentLoader plus the did:key document and its verification method.
 */
export async function digitalBazaarSuite(keyPair: Ed25519KeyPair, suite: Cryptosuite, created: string): Promise<DigitalBazaarSuite> {
  const method = resolveDidKey(`did:key:${keyPair.publicKeyMultibase}`)
  const documentLoader = createDocumentLoader(
    new Map<string, unknown>([
      [method.controller, didKeyDocument(method.controller)],
      [method.id, { '@context': CONTEXT.MULTIKEY_V1, ...method }],
    ]),
  )
  const exported = exportKeyPair(keyPair, { includeSecret: true }) as unknown as Record<string, unknown>
  const key = await Ed25519Multikey.from({ ...exported, type: 'Multikey', id: method.id, controller: method.controller })
  const rdfc = suite === 'eddsa-rdfc-2022'
  const signSuite = new DataIntegrityProof({ signer: key.signer(), date: created, cryptosuite: rdfc ? rdfcCryptosuite : createSignCryptosuite() })
  const verifySuite = new DataIntegrityProof({ cryptosuite: rdfc ? rdfcCryptosuite : createVerifyCryptosuite() })
  // Status is Emblem's concern in its own rows; here only the proof is measured, as in Emblem's proof rows.
  const checkStatus = async () => ({ verified: true })
  return {
    // Copies: jsonld-signatures writes into the documents it is given.
    sign: async (credential) => vc.issue({ credential: structuredClone(credential), suite: signSuite, documentLoader }),
    verify: async (signed) => {
      const result = await vc.verifyCredential({ credential: structuredClone(signed), suite: verifySuite, documentLoader, checkStatus })
      return result.verified === true
    },
  }
}
