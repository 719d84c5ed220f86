// What issuance stores, one repository per aggregate: status lists (published bits and allocated
// slots), issued credentials, CSV batches with their row errors, and idempotency records. Bit logic
// lives in the use cases; the repositories only read and write rows.
import type { CredentialState } from '../credentials/ports.js'

/** The two status lists every credential has an entry in. */
export type ListPurpose = 'revocation' | 'suspension'

/** One entry of one status list. */
export interface Slot {
  listId: string
  index: number
}

/** A status list's allocation bitmap (`slots`, MSB first, 1 = handed out) and how many are taken. */
export interface ListSlots {
  id: string
  length: number
  allocated: number
  slots: Uint8Array
}

/** A status list as the status route and status changes read it. */
export interface StatusListRecord {
  id: string
  orgId: string
  purpose: ListPurpose
  length: number
  /** The published status bits, MSB first. */
  bits: Uint8Array
  /** Bumped on every bit change. */
  version: number
  /** The version `credential` was signed at (-1: never signed). */
  signedVersion: number
  /** The signed BitstringStatusListCredential JSON of `signedVersion`. */
  credential: string | null
  updatedAt: string
}

/** The platform record of a credential; `stored` is the `credentials.json` text written beside it by the credential writer. */
export interface NewIssued {
  credentialId: string
  issuerDid: string
  /** The signed credential as stored: its JSON, or a JSON string holding the compact VC-JWT. */
  stored: string
  orgId: string
  achievementId: string
  achievementVersion: number
  recipientEmail: string
  recipientName: string
  showName: boolean
  revocation: Slot
  suspension: Slot
  batchId: string | null
  batchRow: number | null
  /** SHA-256 hex of the claim token mailed to the learner. */
  claimTokenHash: string
  issuedAt: string
}

/** An issued credential as the issuer's pages and API see it. */
export interface IssuedRecord {
  credentialId: string
  orgId: string
  achievementId: string
  achievementVersion: number
  achievementName: string
  recipientEmail: string
  recipientName: string
  showName: boolean
  state: CredentialState
  stateReason: string | null
  stateChangedAt: string | null
  revocation: Slot
  suspension: Slot
  batchId: string | null
  batchRow: number | null
  claimedAt: string | null
  issuedAt: string
  /** When the learner declined it from the claim link (0009); null or absent while not declined. */
  declinedAt?: string | null
  /** `credentials.json`: the signed credential's JSON, or a JSON string holding a compact VC-JWT. */
  stored: string
}

/** What a list of issued credentials is narrowed to. */
export interface IssuedQuery {
  /** Part of the recipient's e-mail or name, case-insensitive. */
  text?: string
  achievementId?: string
  state?: CredentialState
  batchId?: string
  /** ISO instants, inclusive. */
  issuedFrom?: string
  issuedTo?: string
  limit: number
  /** Continue after this (issuedAt, credentialId), newest first. */
  after?: { issuedAt: string; credentialId: string }
}

/** A bulk issuance from one CSV file. */
export interface BatchRecord {
  id: string
  orgId: string
  achievementId: string
  fileDigest: string
  fileName: string
  state: 'queued' | 'running' | 'done' | 'failed'
  /** Recipient rows in the file (the header excluded). */
  totalRows: number
  /** Recipient rows handled so far (issued or failed), summed over its parts. */
  nextRow: number
  issued: number
  failed: number
  error: string | null
  /** Who holds the lease of the first of its parts that is leased (runners share a batch part by part), and until when; null when none is. */
  leaseOwner: string | null
  leaseUntil: string | null
  createdBy: string | null
  createdAt: string
  updatedAt: string
}

/** Why one CSV row was not issued; `row` is its record number, the header being row 1. */
export interface RowError {
  row: number
  email: string
  message: string
}

/**
 * A part of a batch: the recipient rows [firstRow, endRow) (0 is the first row after the header),
 * run by one runner at a time under a lease, resumable from `nextRow`. Runners share a batch by
 * taking its parts (BatchesRepo.lease).
 */
export interface BatchPart {
  batchId: string
  firstRow: number
  endRow: number
  /** The first of its rows not handled yet. */
  nextRow: number
}

/** A part leased to a runner, with its batch. */
export interface BatchLease {
  batch: BatchRecord
  part: BatchPart
}

/** What one chunk of a batch part did: the rows it covered [fromRow, nextRow), and counts to add. */
export interface ChunkProgress {
  /** The part's `nextRow` the chunk started from: the chunk is recorded only if the part is still there. */
  fromRow: number
  nextRow: number
  addIssued: number
  addFailed: number
  errors: readonly RowError[]
  leaseUntil: string
}

/** A stored response to replay for a repeated Idempotency-Key. */
export interface IdempotentResponse {
  requestDigest: string
  status: number
  body: string
}

/** The organizations' status lists: published bits, allocated slots and signed list credentials. */
export interface StatusListsRepo {
  // `forUpdate` locks the rows until the transaction ends (PostgreSQL; SQLite's BEGIN IMMEDIATE
  // already serialises writers, so callers pass false there).
  /** The organization's lists of `purpose` that still have free entries, fullest first (then by id). */
  withRoom(orgId: string, purpose: ListPurpose, options: { forUpdate: boolean }): Promise<ListSlots[]>
  /**
   * Creates the organization's list number `seq` of `purpose`, empty, unless a list with that number
   * exists (another writer opened it first; nothing is written then, and the transaction stays
   * usable). True when this call created it.
   */
  create(list: { id: string; orgId: string; purpose: ListPurpose; seq: number; length: number }): Promise<boolean>
  /** The highest list number of the organization's lists of `purpose`, or -1 when it has none. */
  lastSeq(orgId: string, purpose: ListPurpose): Promise<number>
  /** Locks every list of the organization in id order (PostgreSQL `for update`; callers skip it on SQLite). */
  lockAll(orgId: string): Promise<void>
  /**
   * Locks these lists in id order against claims until the transaction ends, as credentials that
   * point at them are written (PostgreSQL `for key share`, which their foreign-key checks would
   * otherwise take row by row, in any order; callers skip it on SQLite).
   */
  shareLock(listIds: readonly string[]): Promise<void>
  /** The allocation bitmaps of these lists, in the order given (missing lists are left out); `forUpdate` locks them in id order. */
  slotsOf(listIds: readonly string[], options: { forUpdate: boolean }): Promise<ListSlots[]>
  /** Replaces a list's allocation bitmap and count. */
  writeSlots(listId: string, slots: Uint8Array, allocated: number): Promise<void>
  /** The list with this id, or undefined. */
  get(listId: string, options?: { forUpdate: boolean }): Promise<StatusListRecord | undefined>
  /** The version of the list's bits (what a verifier keeps a verified list by), or undefined for an unknown list. */
  version(listId: string): Promise<number | undefined>
  /** The version of the list's bits with the organization that publishes it (id and slug: its DID), or undefined for an unknown list. */
  versionWithOrg(listId: string): Promise<{ version: number; org: { id: string; slug: string } } | undefined>
  /** Replaces a list's published bits and sets its version. */
  writeBits(listId: string, bits: Uint8Array, version: number): Promise<void>
  /** Stores the signed list credential of `version`, unless that or a later version was stored meanwhile. */
  storeSigned(listId: string, version: number, credential: string): Promise<void>
}

/** The platform's records of issued credentials (the signed credentials themselves are the credential writer's). */
export interface IssuedCredentialsRepo {
  /** Stores the records of credentials stored in the same transaction (multi-row inserts). */
  insert(rows: readonly NewIssued[]): Promise<void>
  /** The organization's issued credential with this id, or undefined (never another organization's). */
  get(orgId: string, credentialId: string): Promise<IssuedRecord | undefined>
  /** The organization's issued credentials, newest first (then by id, descending), a page at a time. */
  search(orgId: string, query: IssuedQuery): Promise<IssuedRecord[]>
  /** Records a state change. */
  setState(credentialId: string, change: { state: CredentialState; reason: string | null; at: string }): Promise<void>
  /** The rows of a batch in [fromRow, toRow] that were already issued. */
  rowsOfBatch(batchId: string, fromRow: number, toRow: number): Promise<number[]>
  /** Which of these (normalized) e-mails a batch already issued to, and in which row. */
  emailsOfBatch(batchId: string, emails: readonly string[]): Promise<{ email: string; row: number }[]>
}

/** CSV batches, their parts' leases, progress and row errors. */
export interface BatchesRepo {
  /**
   * Creates a queued batch with its parts of `partRows` rows each (default: one part for the whole
   * file), or returns the one already made from the same file for the same achievement.
   */
  create(
    batch: Pick<BatchRecord, 'id' | 'orgId' | 'achievementId' | 'fileDigest' | 'fileName' | 'totalRows' | 'createdBy'> & { partRows?: number },
  ): Promise<{ batch: BatchRecord; created: boolean }>
  /** The organization's batch made from the file with this digest for this achievement, or undefined. */
  ofFile(orgId: string, achievementId: string, fileDigest: string): Promise<BatchRecord | undefined>
  /** The organization's batch with this id, or undefined (never another organization's). */
  get(orgId: string, batchId: string): Promise<BatchRecord | undefined>
  /** The organization's batches, newest first (then by id, descending). */
  list(orgId: string, options: { limit: number; before?: { createdAt: string; id: string } }): Promise<BatchRecord[]>
  /** A batch's row errors in row order, after `afterRow`. */
  errors(batchId: string, options: { afterRow?: number; limit: number }): Promise<RowError[]>
  /**
   * Leases to `owner` until `until` the first part still to run (oldest batch first, then in row
   * order) whose lease is free, expired or already `owner`'s (a compare-and-set: two runners never
   * both get it), and marks its batch running. Undefined when no part waits.
   */
  lease(owner: string, now: string, until: string): Promise<BatchLease | undefined>
  /**
   * Inside a chunk's transaction, before anything is written: true when `owner` still holds the part
   * at `fromRow` and its batch runs; it then holds the part's row until the transaction ends.
   */
  holdChunk(part: Pick<BatchPart, 'batchId' | 'firstRow'>, owner: string, fromRow: number): Promise<boolean>
  /**
   * Records a chunk's progress (the part's, and the batch's counts) and row errors, and renews the
   * part's lease; false when `owner` no longer holds the part at `fromRow` or the batch stopped
   * running. It then holds the batch's row until the transaction ends: the chunks of one batch pass
   * this point one at a time, so what a chunk reads after it includes every chunk committed before.
   */
  recordChunk(part: Pick<BatchPart, 'batchId' | 'firstRow'>, owner: string, progress: ChunkProgress): Promise<boolean>
  /** Gives up `owner`'s lease of a part (a worker shutting down), so another runner resumes it at once; false when not held. */
  release(part: Pick<BatchPart, 'batchId' | 'firstRow'>, owner: string): Promise<boolean>
  /**
   * Marks `owner`'s part done; `last` when it was the batch's last part to run: the caller then
   * finishes the batch in the same transaction. `held: false` (nothing written) when `owner` no longer holds it.
   */
  finishPart(part: Pick<BatchPart, 'batchId' | 'firstRow'>, owner: string): Promise<{ held: boolean; last: boolean }>
  /** Ends a queued or running batch (done or failed) with all of its parts; false when it had ended already. */
  finish(batchId: string, end: { state: 'done' | 'failed'; error: string | null }): Promise<boolean>
}

/** Responses stored under an organization's Idempotency-Keys. */
export interface IdempotencyRepo {
  /** The response stored for the organization's key, or undefined. */
  get(orgId: string, key: string): Promise<IdempotentResponse | undefined>
  /** Stores a response for the key; ERR_CONFLICT when the key is already taken (a concurrent request). */
  save(orgId: string, key: string, response: IdempotentResponse): Promise<void>
}

/** What a scan of an uploaded CSV keeps for its preview: the counts, the first rows and the first problems. */
export interface UploadScan {
  /** Recipient rows (the header excluded). */
  totalRows: number
  /** How many rows would not be issued. */
  problemCount: number
  /** The first rows, as parsed (cells clipped for display). */
  preview: CsvPreviewRow[]
  /** The first rows that would not be issued, in order. */
  problems: RowError[]
}

/** A previewed CSV row (the columns Emblem reads). */
export interface CsvPreviewRow {
  row: number
  email: string
  name: string
  did?: string
  validUntil?: string
  evidenceUrl?: string
  evidenceNarrative?: string
}

/** An uploaded, scanned CSV file waiting for confirmation: its preview lives at a URL of its own until it expires. */
export interface StagedUpload {
  id: string
  orgId: string
  achievementId: string
  fileDigest: string
  fileName: string
  scan: UploadScan
  createdBy: string | null
  createdAt: string
  expiresAt: string
  /** The batch it was confirmed as, once it was. */
  batchId: string | null
}

/** Staged uploads and the references and lock rows that keep their files (issue #11: a file no batch or live upload reads may go, nothing else). */
export interface BatchUploadsRepo {
  /** Stores a staged upload. */
  create(upload: StagedUpload): Promise<void>
  /** The organization's upload with this id, expired ones included, or undefined (never another organization's). */
  get(orgId: string, id: string): Promise<StagedUpload | undefined>
  /** Records the batch an upload was confirmed as. */
  markConfirmed(id: string, batchId: string): Promise<void>
  /** Deletes an upload (its file is then released by the caller). */
  delete(id: string): Promise<void>
  /** Uploads that expired at or before `now`, oldest first. */
  expired(now: string, limit: number): Promise<StagedUpload[]>
  /**
   * Takes the lock row of the file with this digest until the transaction ends (an upsert: a row
   * lock on PostgreSQL, the write lock on SQLite). Every transaction that keeps or removes the file
   * takes it first, so a new upload of the same bytes and a removal never interleave.
   */
  lockFile(digest: string): Promise<void>
  /** Whether a queued or running batch, or an upload not expired at `now`, reads the file with this digest. */
  isFileReferenced(digest: string, now: string): Promise<boolean>
  /** Drops the lock row of a removed file. */
  forgetFile(digest: string): Promise<void>
}
