import type { Kysely } from 'kysely'
import type { StoredCheckpoint } from '../app/ports.js'
import { HASH_SIZE, foldRange, isSameHash, parseCheckpoint, rangeNodes, type Hash } from '../core/transparency-log/index.js'
import { toBlob } from './blob.js'
import { compiledOnce } from './prepared.js'
import { logSize } from './log-append.js'
import { readNodes } from './log-tiles.js'
import type { CheckpointsTable, Database } from './schema.js'

/** A stored row as the port's StoredCheckpoint: the note's text (before the blank line) parsed. */
function fromRow(row: Pick<CheckpointsTable, 'note' | 'created_at'>): StoredCheckpoint {
  const text = row.note.slice(0, row.note.indexOf('\n\n') + 1)
  return { checkpoint: parseCheckpoint(text), note: row.note, createdAt: row.created_at }
}

/** The latest signed checkpoint over `q` (its query compiled once: every verification reads it), or undefined before the first. */
export function latestCheckpointReader(q: Kysely<Database>): () => Promise<StoredCheckpoint | undefined> {
  const latest = compiledOnce(q, 0, () => q.selectFrom('checkpoints').select(['note', 'created_at']).orderBy('size', 'desc').limit(1))
  return async () => {
    const [row] = await latest()
    return row && fromRow(row)
  }
}

/** Signed checkpoints, largest (newest) first. */
export async function readCheckpoints(q: Kysely<Database>, limit: number): Promise<StoredCheckpoint[]> {
  const rows = await q.selectFrom('checkpoints').select(['note', 'created_at']).orderBy('size', 'desc').limit(limit).execute()
  return rows.map(fromRow)
}

/** The size of the latest signed checkpoint, 0 before the first: how far readers may see. */
export async function signedSize(q: Kysely<Database>): Promise<number> {
  const row = await q.selectFrom('checkpoints').select('size').orderBy('size', 'desc').limit(1).executeTakeFirst()
  return row ? Number(row.size) : 0
}

/** Stores a checkpoint; its size is the key, so a second checkpoint for the same size fails. Requires the note to sign that checkpoint. */
export async function insertCheckpoint(q: Kysely<Database>, stored: StoredCheckpoint): Promise<void> {
  const { size, root, origin } = stored.checkpoint
  const noted = fromRow({ note: stored.note, created_at: stored.createdAt }).checkpoint
  if (noted.size !== size || noted.origin !== origin || !isSameHash(noted.root, root)) throw new TypeError('a stored checkpoint must be the one its note signs')
  await q.insertInto('checkpoints').values({ size, root: toBlob(root), note: stored.note, created_at: stored.createdAt }).execute()
  if (size > 0) await storeCompactRange(q, size, root)
}

/** Most bytes of a compact range: one hash per bit of a size below 2^53. */
export const MAX_RANGE_BYTES = 53 * HASH_SIZE

/**
 * Stores, beside checkpoint `size`, the hashes of its compact range (`rangeNodes(0, size)`, the
 * subtrees its root folds from; the sequencer has just read them, so they come from the
 * transaction's node cache), when the stored leaves reach that size and those hashes fold into
 * `root`. A checkpoint the stored tree does not match keeps none (signing over it fails anyway).
 */
export async function storeCompactRange(q: Kysely<Database>, size: number, root: Uint8Array): Promise<void> {
  if (size > (await logSize(q))) return
  const hashes = await readNodes(q, rangeNodes(0, size), size)
  if (!isSameHash(foldRange(hashes), root)) return
  await q.updateTable('checkpoints').set({ range_nodes: toBlob(encodeRange(hashes)) }).where('size', '=', size).execute()
}

const encodeRange = (hashes: readonly Hash[]): Uint8Array => {
  const bytes = new Uint8Array(hashes.length * HASH_SIZE)
  hashes.forEach((hash, i) => bytes.set(hash, i * HASH_SIZE))
  return bytes
}
