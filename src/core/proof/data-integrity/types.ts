import type { DocumentLoader } from '../../canonical/index.js'
import type { ResolveVerificationMethod } from '../verification-method.js'

/** The cryptosuites Emblem signs with. */
export type Cryptosuite = 'eddsa-rdfc-2022' | 'eddsa-jcs-2022'

/** A `DataIntegrityProof` as embedded in a credential's `proof`. */
export interface DataIntegrityProof {
  type: 'DataIntegrityProof'
  cryptosuite: string
  created?: string
  expires?: string
  verificationMethod: string
  proofPurpose: string
  '@context'?: unknown
  proofValue: string
  [property: string]: unknown
}

/** Options for `signCredential`. `created` comes from the caller's clock; without it the proof has no `created`. */
export interface SignOptions {
  suite: Cryptosuite
  created?: string
  /** 'authentication' for a holder's proof on a presentation (with the verifier's challenge and domain). */
  proofPurpose?: 'assertionMethod' | 'authentication'
  /** The verifier's challenge (a nonce), signed into an authentication proof. */
  challenge?: string
  /** The verifier's domain, signed into an authentication proof. */
  domain?: string
  documentLoader?: DocumentLoader
  /**
   * Emit `proof` as an array even when it is the only proof. Both official OB 3.0 schema variants
   * accept an array; the JSON-LD variant rejects a lone object ("/proof must be array"). Off by
   * default: the W3C test vectors carry one object.
   */
  proofAsArray?: boolean
}

/** Options for `verifyProofs`. `now` (an ISO date-time) enables the check of a proof's `expires`. */
export interface VerifyProofOptions {
  resolveVerificationMethod: ResolveVerificationMethod
  documentLoader?: DocumentLoader
  now?: string
  expectedProofPurpose?: string
}

/**
 * Why a proof did not verify: a closed set the verification report and the UI can rely on. A
 * PROOF_CANONICALIZATION_FAILED message starts with the canonicalizer's ErrorCode (`ERR_CONTEXT_UNKNOWN: …`).
 */
export type ProofCode =
  | 'PROOF_MISSING'
  | 'PROOF_MALFORMED'
  | 'PROOF_UNSUPPORTED_SUITE'
  | 'PROOF_PURPOSE_MISMATCH'
  | 'PROOF_CONTEXT_MISMATCH'
  | 'PROOF_EXPIRED'
  | 'PROOF_KEY_UNRESOLVED'
  | 'PROOF_KEY_INVALID'
  | 'PROOF_VERIFICATION_METHOD_MISMATCH'
  | 'PROOF_CANONICALIZATION_FAILED'
  | 'PROOF_SIGNATURE_INVALID'
  | 'PROOF_CLAIMS_MISMATCH'
  /** An OB 3.0 VC-JWT lacks a registered claim (iss, jti, nbf, sub, exp) its credential calls for. */
  | 'JWT_CLAIM_ABSENT'

/** The outcome for one proof of a proof set: `skipped` means Emblem does not know its type or cryptosuite. */
export interface ProofCheck {
  index: number
  type: string
  outcome: 'verified' | 'failed' | 'skipped'
  verified: boolean
  cryptosuite?: string
  verificationMethod?: string
  /** The controller of the resolved verification method. */
  controller?: string
  code?: ProofCode
  message?: string
}

/**
 * The outcome of checking a credential's proofs. Verified when at least one supported proof verifies
 * and none of the supported ones fails; `code`/`message` are those of the first failure.
 */
export interface ProofResult {
  verified: boolean
  proofs: ProofCheck[]
  code?: ProofCode
  message?: string
}
