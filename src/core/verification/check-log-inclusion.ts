import { PlatformError } from '../errors.js'
import {
  assembleProof,
  checkInclusion,
  hashLeaf,
  inclusionProofPlan,
  isHash,
  logEntryFor,
  openNote,
  parseCheckpoint,
  parseVerifierKey,
  proofNodeIds,
  type Checkpoint,
  type Hash,
  type NodeId,
  type NoteVerifier,
} from '../transparency-log/index.js'
import { decodeBase64, encodeBase64 } from '../transparency-log/base64.js'
import { issuerIdOf } from './issuer-id.js'
import type { Check, DocumentFetcher, VerificationCode } from './types.js'
import { BoundedMap } from '../bounded-map.js'

/** Parsed verifier keys by their string (a key's public key object is made once, not per proof); at most 100 kept. */
const parsedKeys = new BoundedMap<string, NoteVerifier>(100)
// A malformed key throws: nothing is kept.
const verifierOf = (key: string): NoteVerifier => parsedKeys.obtain(key, () => parseVerifierKey(key))

/**
 * Checkpoints whose signed note verified, by keys and note: a note's signatures checked against the
 * same keys always give the same answer, and every proof against one checkpoint carries the same note
 * (this instance's log signs a new one only as it grows), so it is checked once, not per credential.
 * Only successes are kept; at most 64.
 */
const verifiedCheckpoints = new BoundedMap<string, Checkpoint>(64)
function verifiedCheckpoint(note: string, verifierKeys: readonly string[]): Checkpoint {
  // A note that does not verify throws: nothing is kept.
  return verifiedCheckpoints.obtain(`${verifierKeys.join('\n')}\n\n${note}`, () => parseCheckpoint(openNote(note, verifierKeys.map(verifierOf)).text))
}

/** The part of a log a verifier reads locally; the app's LogReader port satisfies it. */
export interface LocalLog {
  latestCheckpoint(): Promise<{ checkpoint: Checkpoint; note: string } | undefined>
  indexOfCredential(credentialId: string): Promise<number | undefined>
  nodes(ids: readonly NodeId[], treeSize: number): Promise<Hash[]>
}

/** Where to find the log of a credential's issuer, and whose checkpoints to trust. */
export interface LogInclusionSource {
  /** C2SP verifier key strings (`<name>+<id>+<key>`); a checkpoint must carry a signature by one of them. */
  verifierKeys: readonly string[]
  /** This instance's log. */
  local?: LocalLog
  /** Whose credentials the local log holds (default: every issuer's, when `local` is given). */
  isLocalIssuer?: (issuerId: string) => boolean
  /** Remote logs by issuer id: the base URL an issuer publishes its log at (`https://host/log`). */
  remoteLogs?: ReadonlyMap<string, string>
  /** Remote logs by a rule rather than a list (a browser knows its own instance's issuers by their did:web): the base URL, or undefined. */
  remoteLogOf?: (issuerId: string) => string | undefined
}

/** An inclusion proof as `GET /log/proof/inclusion` serves it: hashes in base64, the checkpoint as its signed note. */
export interface InclusionProofDocument {
  credential: string
  index: number
  treeSize: number
  hashes: string[]
  checkpoint: string
}

/** The outcome of checking an inclusion proof: the leaf's index and checkpoint, or why it failed. */
export type InclusionVerification =
  | { ok: true; index: number; checkpoint: Checkpoint }
  | { ok: false; code: 'LOG_CHECKPOINT_INVALID' | 'LOG_INCLUSION_INVALID'; message: string }

/**
 * The inclusion proof of a credential in a local log, against its latest signed checkpoint;
 * undefined when the credential is not in the log or not yet covered by a checkpoint.
 */
export async function readInclusionProof(log: LocalLog, credentialId: string): Promise<InclusionProofDocument | undefined> {
  const [stored, index] = await Promise.all([log.latestCheckpoint(), log.indexOfCredential(credentialId)])
  if (stored === undefined || index === undefined) return undefined
  const { size } = stored.checkpoint
  if (index >= size) return undefined
  const plan = inclusionProofPlan(index, size)
  const hashes = assembleProof(plan, await log.nodes(proofNodeIds(plan), size))
  return { credential: credentialId, index, treeSize: size, hashes: hashes.map(encodeBase64), checkpoint: stored.note }
}

class LogFailure extends Error {
  constructor(
    readonly code: VerificationCode,
    message: string,
  ) {
    super(message)
  }
}

const reason = (err: unknown): string => (err instanceof Error ? err.message : String(err))

/**
 * Checks an inclusion proof document for the log entry `entry` of credential `credentialId`
 * against its checkpoint, which must carry a signature by one of `verifierKeys`.
 * @see https://c2sp.org/tlog-checkpoint
 */
export function verifyInclusionDocument(document: unknown, credentialId: string, entry: Uint8Array, verifierKeys: readonly string[]): InclusionVerification {
  const doc = document as Partial<InclusionProofDocument> | null
  if (typeof doc !== 'object' || doc === null || typeof doc.checkpoint !== 'string') {
    return { ok: false, code: 'LOG_CHECKPOINT_INVALID', message: 'The log answered without a checkpoint' }
  }
  let checkpoint: Checkpoint
  try {
    checkpoint = verifiedCheckpoint(doc.checkpoint, verifierKeys)
  } catch (err) {
    return { ok: false, code: 'LOG_CHECKPOINT_INVALID', message: `The log's checkpoint does not verify: ${reason(err)}` }
  }
  const hashes = Array.isArray(doc.hashes) ? doc.hashes.map((h: unknown) => (typeof h === 'string' ? decodeBase64(h) : undefined)) : []
  const { index } = doc
  if (doc.credential !== credentialId || !Number.isSafeInteger(index) || doc.treeSize !== checkpoint.size || !hashes.every(isHash)) {
    return { ok: false, code: 'LOG_INCLUSION_INVALID', message: 'The inclusion proof is malformed, or not for this credential and checkpoint' }
  }
  try {
    checkInclusion(index!, checkpoint.size, hashLeaf(entry), hashes as Hash[], checkpoint.root)
  } catch (err) {
    if (!(err instanceof PlatformError)) throw err
    return { ok: false, code: 'LOG_INCLUSION_INVALID', message: `${err.message}: the logged entry is not this credential's` }
  }
  return { ok: true, index: index!, checkpoint }
}

/** The proof document of a credential from the issuer's log, or a LogFailure; undefined when no log is known. */
async function fetchProof(credentialId: string, issuer: string, source: LogInclusionSource, fetcher?: DocumentFetcher): Promise<unknown> {
  const remote = source.remoteLogs?.get(issuer) ?? source.remoteLogOf?.(issuer)
  if (remote !== undefined) {
    const url = `${remote.replace(/\/+$/, '')}/proof/inclusion?credential=${encodeURIComponent(credentialId)}`
    if (!fetcher) throw new LogFailure('LOG_RETRIEVAL_ERROR', `${url} was not fetched: fetching is off`)
    try {
      return await fetcher(url)
    } catch (err) {
      throw new LogFailure('LOG_RETRIEVAL_ERROR', `Could not fetch ${url} (a log answers 404 for a credential it lacks): ${reason(err)}`)
    }
  }
  if (!source.local || !(source.isLocalIssuer?.(issuer) ?? true)) return undefined
  const proof = await readInclusionProof(source.local, credentialId)
  if (!proof) throw new LogFailure('NOT_IN_LOG', `Credential ${credentialId} is not in this instance's log (or not yet in a signed checkpoint)`)
  return proof
}

/**
 * The 'log-inclusion' check: recomputes the credential's log entry (DESIGN.md §3) and verifies its
 * inclusion proof, from this instance's log or the issuer's published one, against a checkpoint
 * signed by a trusted key. Failed with NOT_IN_LOG, LOG_CHECKPOINT_INVALID, LOG_INCLUSION_INVALID or
 * LOG_RETRIEVAL_ERROR; skipped when no log is known for the issuer.
 * @see https://www.rfc-editor.org/rfc/rfc9162#section-2.1.3.2
 */
export async function checkLogInclusion(credential: Record<string, unknown>, source: LogInclusionSource, fetcher?: DocumentFetcher): Promise<Check> {
  const issuer = issuerIdOf(credential)
  const id = credential.id
  if (issuer === undefined) return { id: 'log-inclusion', outcome: 'skipped', message: 'Credential has no issuer id, so it has no log' }
  // Whether a log is known for the issuer comes first: a credential from elsewhere (a VC 1.1 one with
  // no validFrom, say) is skipped, never failed, for the log Emblem cannot look it up in.
  if (!hasKnownLog(issuer, source)) return { id: 'log-inclusion', outcome: 'skipped', message: `No transparency log known for issuer ${issuer}` }
  try {
    if (typeof id !== 'string') throw new LogFailure('NOT_IN_LOG', 'Credential has no id, so it cannot be in a log')
    let entry: Uint8Array
    try {
      entry = logEntryFor(credential)
    } catch (err) {
      throw new LogFailure('NOT_IN_LOG', `Credential cannot be logged: ${reason(err)}`)
    }
    const document = await fetchProof(id, issuer, source, fetcher)
    if (document === undefined) return { id: 'log-inclusion', outcome: 'skipped', message: `No transparency log known for issuer ${issuer}` }
    const verified = verifyInclusionDocument(document, id, entry, source.verifierKeys)
    if (!verified.ok) return { id: 'log-inclusion', outcome: 'failed', code: verified.code, message: verified.message }
    const { index, checkpoint } = verified
    return { id: 'log-inclusion', outcome: 'passed', message: `Entry ${index} of ${checkpoint.origin}, proved against its signed checkpoint of size ${checkpoint.size}` }
  } catch (err) {
    if (err instanceof LogFailure) return { id: 'log-inclusion', outcome: 'failed', code: err.code, message: err.message }
    throw err
  }
}

/** True when `source` names a log for `issuer`: a remote one, or this instance's for its own issuers. */
function hasKnownLog(issuer: string, source: LogInclusionSource): boolean {
  if (source.remoteLogs?.has(issuer) || source.remoteLogOf?.(issuer) !== undefined) return true
  return source.local !== undefined && (source.isLocalIssuer?.(issuer) ?? true)
}
