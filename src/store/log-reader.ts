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
 * size (read per call), so leaves appended but not yet signed are never served.
 */
export function createLogReader(q: Kysely<Database>): LogReader {
  return {
    latestCheckpoint: latestCheckpointReader(q),
    checkpoints: (limit) => readCheckpoints(q, limit),

    async hashTile(level, index, width) {
      if (!isTileWithin(level, index, width, await signedSize(q))) return undefined
      return readHashTile(q, { level, index, width })
    },

    async entryBundle(index, width) {
      if (!isTileWithin(0, index, width, await signedSize(q))) return undefined
      const first = index * TILE_WIDTH
      const rows = await q.selectFrom('log_leaves').select('entry').where('idx', '>=', first).where('idx', '<', first + width).orderBy('idx').execute()
      return encodeEntryBundle(rows.map((r) => r.entry))
    },

    async nodes(ids: readonly NodeId[], treeSize: number) {
      const signed = await signedSize(q)
      if (treeSize > signed) throw new PlatformError('ERR_INPUT_INVALID', `Tree size ${treeSize} is past the latest checkpoint (${signed})`)
      return readNodes(q, ids, treeSize)
    },

    async indexOfCredential(credentialId) {
      const row = await q.selectFrom('log_leaves').select('idx').where('credential_id', '=', credentialId).executeTakeFirst()
      if (!row) return undefined
      return Number(row.idx) < (await signedSize(q)) ? Number(row.idx) : undefined
    },

    async leaf(index): Promise<LogLeaf | undefined> {
      if (!Number.isSafeInteger(index) || index < 0 || index >= (await signedSize(q))) return undefined
      const row = await q.selectFrom('log_leaves').selectAll().where('idx', '=', index).executeTakeFirst()
      if (!row) return undefined
      return { index, entry: fromBlob(row.entry), leafHash: fromBlob(row.leaf_hash), credentialId: row.credential_id, issuer: row.issuer }
    },
  }
}
