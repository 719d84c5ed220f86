import type { Kysely } from 'kysely'
import type { StoredCheckpoint } from '../app/ports.js'
import { isSameHash, parseCheckpoint } from '../core/transparency-log/index.js'
import { toBlob } from './blob.js'
import type { CheckpointsTable, Database } from './schema.js'

/** A stored row as the port's StoredCheckpoint: the note's text (before the blank line) parsed. */
function fromRow(row: Pick<CheckpointsTable, 'note' | 'created_at'>): StoredCheckpoint {
  const text = row.note.slice(0, row.note.indexOf('\n\n') + 1)
  return { checkpoint: parseCheckpoint(text), note: row.note, createdAt: row.created_at }
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
}
