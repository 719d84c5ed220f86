import { PlatformError } from '../core/errors.js'
import {
  assembleProof,
  checkConsistency,
  foldRange,
  emptyRoot,
  formatCheckpoint,
  proofNodeIds,
  consistencyProofPlan,
  rangeNodes,
  signNote,
  type Checkpoint,
  type NoteSigner,
} from '../core/transparency-log/index.js'
import type { LogHead } from './log-head.js'
import type { LogStore, LogWriter } from './log-store.js'
import type { StoredCheckpoint } from './ports.js'

/** What signCheckpoint needs: the store, the log's note signer, its origin and a clock. */
export interface CheckpointDeps {
  store: Pick<LogStore, 'transaction'>
  signer: NoteSigner
  /** The log's origin line, `<host>/log` (see logOrigin). */
  origin: string
  clock?: { now(): Date }
  /**
   * The log's high-water mark outside the database (app/log-head.ts): checked before each signing
   * (ERR_LOG_INCONSISTENT when the database is behind it or forked from it), moved up after each
   * committed checkpoint.
   */
  head?: Pick<LogHead, 'checkBeforeSigning' | 'recordSigned'>
}

/** The result: the latest checkpoint, and whether this call signed it. */
export interface SignedCheckpoint {
  stored: StoredCheckpoint
  isNew: boolean
}

/** The log origin of an instance reached at `publicUrl`: its host (and path, if any) then `/log`, as DESIGN.md §3 names it. */
export function logOrigin(publicUrl: string): string {
  const url = new URL(publicUrl)
  return `${url.host}${url.pathname.replace(/\/+$/, '')}/log`
}

/** RFC 9162 §2.1.1: the root of the first `size` leaves, from O(log size) stored subtree hashes. */
async function rootAt(log: LogWriter, size: number) {
  if (size === 0) return emptyRoot()
  return foldRange(await log.nodes(rangeNodes(0, size), size))
}

/** Throws ERR_LOG_INCONSISTENT unless the stored tree of `size` with `root` extends `previous`. */
async function checkExtends(log: LogWriter, previous: Checkpoint, size: number, root: Uint8Array, origin: string): Promise<void> {
  if (previous.origin !== origin) {
    throw new PlatformError('ERR_LOG_INCONSISTENT', `The log's origin is ${previous.origin}; refusing to sign as ${origin}`)
  }
  if (size < previous.size) throw new PlatformError('ERR_LOG_INCONSISTENT', `The log has ${size} leaves, fewer than its checkpoint of ${previous.size}`)
  if (previous.size === 0) return
  const plan = consistencyProofPlan(previous.size, size)
  checkConsistency(previous.size, size, assembleProof(plan, await log.nodes(proofNodeIds(plan), size)), previous.root, root)
}

/**
 * C2SP tlog-checkpoint: signs a checkpoint of the log at its current size and stores it, under the
 * log's writer lock, only when the stored tree is consistent with the latest checkpoint (never
 * shrinks, never forks: ERR_LOG_INCONSISTENT otherwise), nor behind or beside the high-water mark
 * kept outside the database (`head`), which it then moves up. Nothing new since the latest: returns it.
 * @see https://c2sp.org/tlog-checkpoint
 */
export async function signCheckpoint({ store, signer, origin, clock, head }: CheckpointDeps): Promise<SignedCheckpoint> {
  const signed = await store.transaction(async ({ log }) => {
    const size = await log.size()
    const previous = await log.latestCheckpoint()
    if (previous && previous.checkpoint.size === size && previous.checkpoint.origin === origin) return { stored: previous, isNew: false }
    await head?.checkBeforeSigning(log)
    const root = await rootAt(log, size)
    if (previous) await checkExtends(log, previous.checkpoint, size, root, origin)
    const checkpoint: Checkpoint = { origin, size, root, extensions: [] }
    const stored: StoredCheckpoint = {
      checkpoint,
      note: signNote(formatCheckpoint(checkpoint), [signer]),
      createdAt: (clock?.now() ?? new Date()).toISOString(),
    }
    await log.addCheckpoint(stored)
    return { stored, isNew: true }
  })
  // Only once the checkpoint is committed: a process killed before this line leaves the mark behind, never ahead.
  if (signed.isNew && head) await head.recordSigned(signed.stored)
  return signed
}
