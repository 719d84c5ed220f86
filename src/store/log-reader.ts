import type { Kysely } from 'kysely'
import type { LogLeaf, LogReader } from '../app/ports.js'
import { PlatformError } from '../core/errors.js'
import { TILE_WIDTH, encodeEntryBundle, hashesAtTileLevel, type NodeId } from '../core/transparency-log/index.js'
import { fromBlob } from './blob.js'
import { latestCheckpointReader, readCheckpoints, signedSize } from './checkpoints.js'
import { readHashTile, readNodes } from './log-tiles.js'
import type { Database } from './schema.js'

/** True when tile (level, index) of `width` hashes exists in the tree of `size` leaves (full or partial). */
const isTileWithin = (level: number, index: number, width: number, size: number): boolean =>
  Number.isSafeInteger(level) &&
  level >= 0 &&
  level <= 6 &&
  Number.isSafeInteger(index) &&
  index >= 0 &&
  Number.isInteger(width) &&
  width >= 1 &&
  width <= TILE_WIDTH &&
  index * TILE_WIDTH + width <= hashesAtTileLevel(level, size)

/**
 * The LogReader port over the store: every answer is bounded by the latest signed checkpoint's
 * size, so leaves appended but not yet signed are never served. Checkpoints are only ever added, so
 * the signed size never shrinks: a bound within a size this reader has already seen signed is
 * answered without reading it again (a cold verification on PostgreSQL saved two round trips), and
 * anything beyond it reads the current size.
 */
export function createLogReader(q: Kysely<Database>): LogReader {
  /** The largest signed size this reader has read: the signed size is at least this. */
  let seenSigned = 0
  const latest = latestCheckpointReader(q)
  /** Whether `within` holds for the signed size: for the one already seen, or else for the current one (read then). */
  const isWithinSigned = async (within: (size: number) => boolean): Promise<boolean> => {
    if (within(seenSigned)) return true
    seenSigned = Math.max(seenSigned, await signedSize(q))
    return within(seenSigned)
  }
  return {
    async latestCheckpoint() {
      const stored = await latest()
      if (stored) seenSigned = Math.max(seenSigned, stored.checkpoint.size)
      return stored
    },
    checkpoints: (limit) => readCheckpoints(q, limit),

    async hashTile(level, index, width) {
      if (!(await isWithinSigned((size) => isTileWithin(level, index, width, size)))) return undefined
      return readHashTile(q, { level, index, width })
    },

    async entryBundle(index, width) {
      if (!(await isWithinSigned((size) => isTileWithin(0, index, width, size)))) return undefined
      const first = index * TILE_WIDTH
      const rows = await q.selectFrom('log_leaves').select('entry').where('idx', '>=', first).where('idx', '<', first + width).orderBy('idx').execute()
      return encodeEntryBundle(rows.map((r) => r.entry))
    },

    async nodes(ids: readonly NodeId[], treeSize: number) {
      if (!(await isWithinSigned((size) => treeSize <= size))) throw new PlatformError('ERR_INPUT_INVALID', `Tree size ${treeSize} is past the latest checkpoint (${seenSigned})`)
      return readNodes(q, ids, treeSize)
    },

    async indexOfCredential(credentialId) {
      const row = await q.selectFrom('log_leaves').select('idx').where('credential_id', '=', credentialId).executeTakeFirst()
      if (!row) return undefined
      const idx = Number(row.idx)
      return (await isWithinSigned((size) => idx < size)) ? idx : undefined
    },

    async leaf(index): Promise<LogLeaf | undefined> {
      if (!Number.isSafeInteger(index) || index < 0 || !(await isWithinSigned((size) => index < size))) return undefined
      const row = await q.selectFrom('log_leaves').selectAll().where('idx', '=', index).executeTakeFirst()
      if (!row) return undefined
      return { index, entry: fromBlob(row.entry), leafHash: fromBlob(row.leaf_hash), credentialId: row.credential_id, issuer: row.issuer }
    },
  }
}
