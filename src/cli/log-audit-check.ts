import { PlatformError } from '../core/errors.js'
import {
  hashLeaf,
  hashTileFromLeaves,
  isSameHash,
  openNote,
  parseCheckpoint,
  parseLogEntry,
  parseVerifierKey,
  rootOf,
  tilesForSize,
  formatTilePath,
  type Checkpoint,
  type Hash,
  type LogEntry,
  type NoteVerifier,
} from '../core/transparency-log/index.js'
import { mapInOrder } from './credential-map-in-order.js'
import type { RemoteLog } from './log-remote.js'
import type { LogState } from './log-state.js'

/** What an audit starts from: a pinned key, the saved state, and where to say it trusts a key on first use. */
export interface AuditOptions {
  key?: string
  state?: LogState
  warn(text: string): void
}

/** A log that passed the audit: its verified checkpoint, every entry in order, and the saved checkpoint's size. */
export interface AuditedLog {
  checkpoint: Checkpoint
  note: string
  key: string
  entries: LogEntry[]
  /** The size of the checkpoint in the state (0 without one): entries from here on are new. */
  previousSize: number
}

const inconsistent = (message: string) => new PlatformError('ERR_LOG_INCONSISTENT', message)
const reason = (err: unknown) => (err instanceof Error ? err.message : String(err))

async function* each<T>(items: readonly T[]): AsyncIterable<T> {
  yield* items
}

/** Opens a checkpoint note with one key; `ERR_NOTE_INVALID` (or `fail`'s error) saying whose note did not verify. */
function openCheckpoint(note: string, verifier: NoteVerifier, what: string, code: 'ERR_NOTE_INVALID' | 'ERR_INPUT_INVALID'): Checkpoint {
  try {
    return parseCheckpoint(openNote(note, [verifier]).text)
  } catch (err) {
    throw new PlatformError(code, `${what} does not verify with key ${verifier.name}+${verifier.keyId}: ${reason(err)}`)
  }
}

/** The verifier to check checkpoints with: --key, else the state's key, else the log's own (trusted on first use, with a warning). */
async function trustedKey(remote: RemoteLog, { key, state, warn }: AuditOptions): Promise<{ key: string; verifier: NoteVerifier }> {
  if (key !== undefined) return { key, verifier: parseVerifierKey(key) }
  if (state) return { key: state.key, verifier: parseVerifierKey(state.key) }
  const served = await remote.key()
  let verifier: NoteVerifier
  try {
    verifier = parseVerifierKey(served)
  } catch (err) {
    throw inconsistent(`The log's key at ${remote.url}/key is malformed: ${reason(err)}`)
  }
  warn(`emblem: warning: trusting the key ${served} served by ${remote.url}/key on first use; pin it with --key\n`)
  return { key: served, verifier }
}

/**
 * Audits a remote log: verifies its checkpoint's signature, downloads every entry bundle and hash
 * tile, checks each entry, recomputes the root and every tile from the entries, and proves the
 * tree extends the checkpoint in the state. Any disagreement is `ERR_LOG_INCONSISTENT`.
 * @see https://c2sp.org/tlog-tiles
 */
export async function auditLog(remote: RemoteLog, options: AuditOptions): Promise<AuditedLog> {
  const { key, verifier } = await trustedKey(remote, options)
  const { state } = options
  const previous = state ? openCheckpoint(state.checkpoint, parseVerifierKey(state.key), 'The checkpoint in the state file', 'ERR_INPUT_INVALID') : undefined
  const note = await remote.checkpoint()
  const checkpoint = openCheckpoint(note, verifier, `The checkpoint at ${remote.url}/checkpoint`, 'ERR_NOTE_INVALID')
  if (previous && previous.origin !== checkpoint.origin) throw inconsistent(`The log's origin changed from ${previous.origin} to ${checkpoint.origin}`)
  if (previous && checkpoint.size < previous.size) throw inconsistent(`The log shrank from ${previous.size} to ${checkpoint.size} entries`)

  const tiles = tilesForSize(checkpoint.size)
  const leafHashes: Hash[] = []
  const entries: LogEntry[] = []
  const bundles = tiles.filter((tile) => tile.level === 0)
  await mapInOrder(each(bundles), (tile) => remote.entryBundle(tile.index, tile.width), (bundle) => {
    for (const bytes of bundle) {
      try {
        entries.push(parseLogEntry(bytes))
      } catch (err) {
        throw inconsistent(`Entry ${leafHashes.length} is not a valid log entry: ${reason(err)}`)
      }
      leafHashes.push(hashLeaf(bytes))
    }
  })
  if (!isSameHash(rootOf(leafHashes), checkpoint.root)) {
    throw inconsistent(`The ${checkpoint.size} entries do not hash to the root of the signed checkpoint: the log's content is not what it signed`)
  }
  await mapInOrder(each(tiles), async (tile) => ({ tile, hashes: await remote.hashTile(tile) }), ({ tile, hashes }) => {
    const expected = hashTileFromLeaves(tile, leafHashes)
    if (!expected.every((hash, i) => isSameHash(hash, hashes[i]!))) throw inconsistent(`Tile ${formatTilePath(tile)} does not match the entries`)
  })
  if (previous && !isSameHash(rootOf(leafHashes.slice(0, previous.size)), previous.root)) {
    throw inconsistent(`The log is not consistent with the saved checkpoint of size ${previous.size}: its first ${previous.size} entries changed`)
  }
  return { checkpoint, note, key, entries, previousSize: previous?.size ?? 0 }
}
