// What the public side of an issued credential (its document, page, claim link and verification)
// reads and writes. The issuance repository writes these rows; this one only presents them.
import type { DocumentFetcher } from '../../core/verification/index.js'

/** The lifecycle state of an issued credential. */
export type CredentialState = 'active' | 'revoked' | 'suspended'

/** The signed credential as stored: JSON with an embedded proof, or a compact VC-JWT and the credential it carries. */
export type SignedDocument =
  | { format: 'json'; credential: Record<string, unknown> }
  | { format: 'jwt'; compact: string; credential: Record<string, unknown> }

/** An issued credential with what its public page shows beside the signed document. */
export interface IssuedCredentialView {
  /** The credential's id, `urn:uuid:…`. */
  id: string
  document: SignedDocument
  org: { id: string; slug: string; name: string; url: string | null; logoImageId: string | null }
  achievementId: string
  recipientName: string
  /** Whether the learner lets the page show their name. */
  showName: boolean
  state: CredentialState
  stateReason: string | null
  stateChangedAt: string | null
  claimedAt: string | null
  issuedAt: string
  /** When the learner declined it (its claim link no longer works); 0009. */
  declinedAt?: string | null
}

/** How someone looked at a credential: its public page (`view`), or its verification report (`verification`: the API, a verifier). */
export type VerificationKind = 'view' | 'verification'

/** Where a verification ran, when known: `browser` (a visitor's /verify page, counted by its beacon; 0025). */
export type VerificationChannel = 'browser'

/** One look at a credential by someone outside its issuing organization, for the issuer's statistics. */
export interface VerificationEvent {
  credentialId: string
  /** The issuing organization when the credential is this instance's, else null. */
  orgId: string | null
  kind: VerificationKind
  verified: boolean
  at: string
  /** Where it ran when not on this server (0025); absent for the server's own verifications and page views. */
  channel?: VerificationChannel
  /** How many looks this stands for (the look recorder aggregates them; 1 when absent). */
  count?: number
}

/** Read access to issued credentials for their public faces, plus the claim and verification records. */
export interface CredentialViewsRepo {
  /** The issued credential with this id (`urn:uuid:…`), or undefined (also for credentials this instance did not issue). */
  byId(id: string): Promise<IssuedCredentialView | undefined>
  /** The signed credential of an issued credential exactly as stored (its JSON text: an object, or a string holding a compact VC-JWT); undefined when none. */
  storedText(id: string): Promise<string | undefined>
  /** The issued credential whose claim token hashes to `tokenHash` (SHA-256 hex), claimed or not; undefined when none. */
  byClaimTokenHash(tokenHash: string): Promise<IssuedCredentialView | undefined>
  /**
   * Marks the credential of `tokenHash` claimed at `at` with the learner's name choice, only if it was
   * not claimed before (one statement, so two concurrent accepts cannot both succeed). True when it did.
   */
  claim(tokenHash: string, choice: { showName: boolean; at: string }): Promise<boolean>
  /** The issued credential whose claim link of `tokenHash` was replaced by a newer one, or undefined. */
  bySupersededClaimTokenHash(tokenHash: string): Promise<IssuedCredentialView | undefined>
  /**
   * Gives the credential a new claim link (`tokenHash`): the current one is kept as superseded (its
   * page can still name the credential) and stops claiming. False when no such credential.
   */
  replaceClaimToken(credentialId: string, tokenHash: string, at: string): Promise<boolean>
  /** Records one verification. */
  recordVerification(event: VerificationEvent): Promise<void>
  /** Records many (multi-row inserts; call inside a transaction). */
  recordVerifications(events: readonly VerificationEvent[]): Promise<void>
}

/**
 * Answers a request for one of this instance's own paths (`/orgs/x/did.json`, `/status/1`,
 * `/log/key`) in-process, through the app's own handlers, never over the network. The
 * composition root passes `app.request`.
 */
export type FetchLocal = (path: string, init?: { headers?: Record<string, string> }) => Promise<Response>

/** How verification reaches the documents a credential points to. */
export interface DocumentAccess {
  fetchLocal: FetchLocal
  /** Fetches other hosts' documents (the guarded fetcher); absent when this instance does not fetch remote documents. */
  fetchRemote?: DocumentFetcher
  /**
   * Keeps this instance's own DID documents between verifications: `load()`'s document for `path`,
   * reused while nothing was written since (KeptReads); absent: asked of `fetchLocal` every time.
   */
  keptLocalJson?: (path: string, load: () => Promise<unknown>) => Promise<unknown>
}
