import { sql, type Kysely, type Migration } from 'kysely'
import { TILE_INNER_BYTES, decodeHashTile, TILE_WIDTH, innerNodesOfTile } from '../core/transparency-log/index.js'
import { toBlob } from './blob.js'
import type { Database, Dialect } from './schema.js'

/** Full tiles backfilled per statement batch, so a large log's migration holds little in memory. */
const BACKFILL_BATCH = 500

/**
 * 0003: each full hash tile keeps its 255 inner nodes (`log_tiles.inner_nodes`, level by level, the
 * tile's root last), so a cold inclusion proof reads the complete subtrees it needs instead of hashing
 * up to 127 hashes per tile level. Additive: one nullable column; tiles stored before it are filled
 * here, and a reader still hashes any tile without them.
 */
export const logTileNodesMigration = (dialect: Dialect): Migration => ({
  async up(db: Kysely<unknown>) {
    const blob = dialect === 'sqlite' ? ('blob' as const) : ('bytea' as const)
    await db.schema
      .alterTable('log_tiles')
      .addColumn('inner_nodes', blob, (c) => c.check(sql`inner_nodes is null or length(inner_nodes) = ${sql.lit(TILE_INNER_BYTES)}`))
      .execute()
    await backfillInnerNodes(db as unknown as Kysely<Database>)
  },
})

/** Computes the inner nodes of every stored tile that has none, in (level, idx) order, a batch at a time. */
export async function backfillInnerNodes(db: Kysely<Database>): Promise<void> {
  for (;;) {
    const rows = await db
      .selectFrom('log_tiles')
      .select(['level', 'idx', 'hashes'])
      .where('inner_nodes', 'is', null)
      .orderBy('level')
      .orderBy('idx')
      .limit(BACKFILL_BATCH)
      .execute()
    for (const row of rows) {
      const inner = innerNodesOfTile(decodeHashTile(row.hashes, TILE_WIDTH))
      await db.updateTable('log_tiles').set({ inner_nodes: toBlob(inner) }).where('level', '=', row.level).where('idx', '=', row.idx).execute()
    }
    if (rows.length < BACKFILL_BATCH) return
  }
}
