import type { DocumentLoader } from '../canonical/index.js'
import type { JsonInputLimits } from '../credential/index.js'
import type { ProofCode, ResolveVerificationMethod } from '../proof/index.js'
import type { LogInclusionSource } from './check-log-inclusion.js'
import type { StatusListResult } from './verify-status-list.js'

/** The checks of a verification, in the order they run. */
export type CheckId = 'parse' | 'schema' | 'proof' | 'issuer-binding' | 'validity-period' | 'status' | 'log-inclusion'
  // Open Badges 2.0 assertions (app/intake): the recipient's identity is present
  | 'recipient'
  // app/trust: the issuer is this instance's or in a trusted list
  | 'trust'
  // CLR 2.0: every credential a ClrCredential bundles verifies on its own
  | 'embedded'

/** Why a check failed: a closed set that the CLI, the API and the UI show alike. */
export type VerificationCode =
  // parse
  | 'JSON_PARSE'
  | 'INPUT_TOO_LARGE'
  | 'INPUT_TOO_DEEP'
  | 'ARRAY_TOO_LONG'
  | 'INPUT_INVALID'
  | 'JWT_MALFORMED'
  // schema
  | 'SCHEMA_INVALID'
  | 'CONTEXT_UNKNOWN'
  /** Not a failure: a VC 1.1 credential, which the official OB 3.0 schema (VC 2.0 only) rejects; the check is skipped. */
  | 'SCHEMA_VC1_FORM'
  /** Not a failure: several credentialStatus entries (VC 2.0 allows them), which the official OB 3.0 schema rejects; the check is skipped. */
  | 'SCHEMA_STATUS_ENTRIES'
  // proof (Data Integrity and VC-JWT)
  | ProofCode
  // issuer-binding
  | 'ISSUER_MISMATCH'
  | 'ISSUER_NOT_TRUSTED'
  // validity-period
  | 'CREDENTIAL_EXPIRED'
  | 'CREDENTIAL_NOT_YET_VALID'
  | 'VALIDITY_PERIOD_INVALID'
  // status
  | 'CREDENTIAL_REVOKED'
  | 'CREDENTIAL_SUSPENDED'
  | 'STATUS_RETRIEVAL_ERROR'
  | 'STATUS_VERIFICATION_ERROR'
  | 'STATUS_LIST_LENGTH_ERROR'
  | 'STATUS_TYPE_UNSUPPORTED'
  | 'STATUS_PURPOSE_MISMATCH'
  | 'STATUS_INDEX_INVALID'
  | 'STATUS_ENTRY_INVALID'
  // log-inclusion
  | 'NOT_IN_LOG'
  | 'LOG_CHECKPOINT_INVALID'
  | 'LOG_INCLUSION_INVALID'
  | 'LOG_RETRIEVAL_ERROR'
  // Open Badges 2.0 assertions (app/intake)
  | 'OB2_INVALID'
  | 'OB2_ASSERTION_UNREACHABLE'
  | 'OB2_HOSTED_MISMATCH'
  | 'OB2_SIGNATURE_INVALID'
  | 'OB2_KEY_UNRESOLVED'
  | 'OB2_BADGE_UNRESOLVED'
  | 'OB2_ORIGIN_MISMATCH'
  | 'RECIPIENT_MISSING'
  // embedded (CLR 2.0)
  | 'EMBEDDED_INVALID'
  | 'EMBEDDED_TOO_MANY'

/** The outcome of one check. `code` is set when it failed, and names two skipped outcomes (SCHEMA_VC1_FORM, SCHEMA_STATUS_ENTRIES). */
export interface Check {
  id: CheckId
  outcome: 'passed' | 'failed' | 'skipped'
  code?: VerificationCode
  message: string
  /** When this outcome was kept from an earlier verification of the same signed text under the same key set (schema, proof, issuer-binding), that verification's time. */
  cachedFrom?: string
}

/** What a verification found: verified when no check failed. Never thrown; always returned. */
export interface VerificationReport {
  verified: boolean
  /** The credential that was checked: the parsed JSON, or the `vc` of a VC-JWT. */
  credential?: Record<string, unknown>
  /** Every check, in the order it ran. */
  checks: Check[]
  /** For a CLR 2.0 ClrCredential: each credential it bundles, verified on its own, in order. */
  embedded?: EmbeddedReport[]
}

/** One credential a ClrCredential bundles, with its own verification. */
export interface EmbeddedReport {
  index: number
  /** The credential's `id`, when it has one. */
  id?: string
  format: 'json' | 'jwt'
  verified: boolean
  report: VerificationReport
}

/**
 * Fetches a JSON document (a DID document, a Profile, a status list credential) by URL and returns it
 * parsed. Core never fetches by itself: the caller injects one, e.g. over the guarded fetcher.
 * Rejects (any error) when it cannot.
 */
export type DocumentFetcher = (url: string) => Promise<unknown>

/** Limits on untrusted input (size, depth, array length, string length), as parseJsonInput takes them. */
export type InputLimits = JsonInputLimits

/** What verifyCredential needs from the outside world. Everything is injected; the clock too. */
export interface VerifyDeps {
  /** The verification time. */
  now: Date
  /** Documents known offline, keyed by id or URL: DID documents, Profiles, status list credentials. */
  documents?: ReadonlyMap<string, unknown>
  /** Fetches what `documents` lacks. Without one, remote documents are unavailable. */
  fetcher?: DocumentFetcher
  /** Replaces the built-in did:key / did:web / https resolver. */
  resolveVerificationMethod?: ResolveVerificationMethod
  /** JSON-LD contexts; the offline bundled loader by default. */
  documentLoader?: DocumentLoader
  limits?: InputLimits
  /** When given, the issuer id must be one of these. */
  trustedIssuers?: readonly string[]
  /** Allowance for clocks that disagree, in seconds (default 300). */
  maxClockSkewSeconds?: number
  /** Transparency logs to prove inclusion in; without one, log-inclusion is skipped. */
  log?: LogInclusionSource
  /** Outcomes the caller keeps between verifications (see VerificationMemo); without one, every check runs. */
  memo?: VerificationMemo
}

/** The checks whose outcome depends only on the signed text and the issuer's key set: schema, proof, issuer-binding. */
export type ProofStage = readonly [schema: Check, proof: Check, issuerBinding: Check]

/**
 * What a caller that verifies the same credentials again and again keeps between verifications, so
 * each costs what changed. The caller owns the keys: `proofStage` must only be what an earlier
 * verification of this exact input under the same key set returned through `keepProofStage`.
 */
export interface VerificationMemo {
  /** The kept proof stage of this input, when there is one. */
  proofStage?: ProofStage | undefined
  /** Receives the proof stage after it ran (never for one that came from `proofStage`). */
  keepProofStage?: (stage: ProofStage) => void
  /**
   * Answers a status list: a kept result for its current version, or `verify()`'s (which fetches and
   * verifies it). The result depends on `issuer` too (the credential's: the list must be theirs), so a kept one is kept per issuer.
   */
  statusList?: (url: string, verify: () => Promise<StatusListResult>, issuer: string | undefined) => Promise<StatusListResult>
  /** Answers log inclusion: a kept check for the log's current checkpoint, or `check()`'s. */
  logInclusion?: (check: () => Promise<Check>) => Promise<Check>
}
