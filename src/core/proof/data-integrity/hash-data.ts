import { createHash } from 'node:crypto'
import { canonize, jcs, type DocumentLoader } from '../../canonical/index.js'
import { BoundedMap } from '../../bounded-map.js'

/** How a cryptosuite turns JSON into bytes: RDFC-1.0 N-Quads or JCS. */
export type Canonicalization = 'rdfc' | 'jcs'

/** Cryptosuite names Emblem verifies, with their canonicalization; `eddsa-2022` is the draft name of eddsa-rdfc-2022. */
export const SUPPORTED_CRYPTOSUITES: Readonly<Record<string, Canonicalization>> = Object.freeze({
  'eddsa-rdfc-2022': 'rdfc',
  'eddsa-2022': 'rdfc',
  'eddsa-jcs-2022': 'jcs',
})

/** Every intermediate of the hashing step, so the test vectors can be compared one by one. */
export interface HashData {
  canonicalDocument: string
  canonicalProofConfig: string
  proofConfigHash: Uint8Array
  documentHash: Uint8Array
  /** proofConfigHash || documentHash: the 64 bytes that are signed. */
  hashData: Uint8Array
}

const sha256 = (text: string): Uint8Array => new Uint8Array(createHash('sha256').update(text, 'utf8').digest())

/** The canonical form of `value` under `canonicalization`. */
export async function canonicalize(value: object, canonicalization: Canonicalization, documentLoader?: DocumentLoader): Promise<string> {
  return canonicalization === 'jcs' ? jcs(value) : canonize(value, documentLoader ? { documentLoader } : {})
}

/**
 * VC-DI-EDDSA transformation and hashing: SHA-256 of the canonical proof configuration, then of the
 * canonical unsecured document. Requires `proofConfig` without `proofValue` and carrying the
 * document's `@context`. May throw the canonicalizer's PlatformError.
 * @see https://www.w3.org/TR/vc-di-eddsa/#hashing-eddsa-rdfc-2022
 */
export async function hashData(
  unsecuredDocument: object,
  proofConfig: object,
  canonicalization: Canonicalization,
  documentLoader?: DocumentLoader,
): Promise<HashData> {
  const { canonicalProofConfig, proofConfigHash } = await proofConfigDigest(proofConfig, canonicalization, documentLoader)
  const canonicalDocument = await canonicalize(unsecuredDocument, canonicalization, documentLoader)
  const documentHash = sha256(canonicalDocument)
  const combined = new Uint8Array(64)
  combined.set(proofConfigHash, 0)
  combined.set(documentHash, 32)
  return { canonicalDocument, canonicalProofConfig, proofConfigHash, documentHash, hashData: combined }
}

const MAX_CACHED_CONFIGS = 64
const configDigests = new BoundedMap<string, { canonicalProofConfig: string; proofConfigHash: Uint8Array }>(MAX_CACHED_CONFIGS)

/**
 * The canonical proof configuration and its hash. A signer signs many documents with one proof
 * configuration (same key, suite, purpose and creation time across a batch), so with the bundled
 * contexts the result is kept by the configuration's JSON text: its canonical form depends on nothing else.
 */
async function proofConfigDigest(proofConfig: object, canonicalization: Canonicalization, documentLoader?: DocumentLoader) {
  const key = documentLoader === undefined ? `${canonicalization} ${JSON.stringify(proofConfig)}` : undefined
  const cached = key === undefined ? undefined : configDigests.get(key)
  if (cached) return { canonicalProofConfig: cached.canonicalProofConfig, proofConfigHash: cached.proofConfigHash.slice() }
  const canonicalProofConfig = await canonicalize(proofConfig, canonicalization, documentLoader)
  const proofConfigHash = sha256(canonicalProofConfig)
  if (key !== undefined) configDigests.set(key, { canonicalProofConfig, proofConfigHash: proofConfigHash.slice() })
  return { canonicalProofConfig, proofConfigHash }
}

/** A copy of `document` without its `proof`. */
export function withoutProof(document: Record<string, unknown>): Record<string, unknown> {
  const { proof: _proof, ...rest } = document
  return rest
}

/**
 * The proof configuration hashed for a proof: the proof options without `proofValue`, with the
 * document's `@context` (VC-DI-EDDSA "Proof Configuration").
 */
export function proofConfigOf(proofOptions: Record<string, unknown>, documentContext: unknown): Record<string, unknown> {
  const { proofValue: _proofValue, ...config } = proofOptions
  return documentContext === undefined ? config : { ...config, '@context': documentContext }
}
