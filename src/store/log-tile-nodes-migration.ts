import { sql, type Kysely, type Migration } from 'kysely'
import { TILE_INNER_BYTES, decodeHashTile, TILE_WIDTH, innerNodesOfTile } from '../core/transparency-log/index.js'
import { toBlob } from './blob.js'
import { MAX_RANGE_BYTES, storeCompactRange } from './checkpoints.js'
import type { Database, Dialect } from './schema.js'

/** Full tiles backfilled per statement batch, so a large log's migration holds little in memory. */
const BACKFILL_BATCH = 500

/**
 * 0004: each full hash tile keeps its 255 inner nodes (`log_tiles.inner_nodes`, level by level, the
 * tile's root last), and each checkpoint the hashes of its compact range (`checkpoints.range_nodes`,
 * the right edge's complete subtrees its root folds from), so a cold inclusion proof reads the
 * subtrees it needs instead of hashing up to 127 hashes per tile level. Additive: two nullable
 * columns; tiles stored before are filled here, and so is the latest checkpoint (proofs at older
 * sizes hash their right edge, as before).
 */
export const logTileNodesMigration = (dialect: Dialect): Migration => ({
  async up(db: Kysely<unknown>) {
    const blob = dialect === 'sqlite' ? ('blob' as const) : ('bytea' as const)
    await db.schema
      .alterTable('log_tiles')
      .addColumn('inner_nodes', blob, (c) => c.check(sql`inner_nodes is null or length(inner_nodes) = ${sql.lit(TILE_INNER_BYTES)}`))
      .execute()
    await db.schema
      .alterTable('checkpoints')
      .addColumn('range_nodes', blob, (c) => c.check(sql`range_nodes is null or length(range_nodes) between 32 and ${sql.lit(MAX_RANGE_BYTES)}`))
      .execute()
    await backfillInnerNodes(db as unknown as Kysely<Database>)
    await backfillLatestRange(db as unknown as Kysely<Database>)
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

/** Stores the compact range of the latest checkpoint, if there is one and it has none. */
async function backfillLatestRange(db: Kysely<Database>): Promise<void> {
  const latest = await db.selectFrom('checkpoints').select(['size', 'root', 'range_nodes']).orderBy('size', 'desc').limit(1).executeTakeFirst()
  if (latest && latest.range_nodes === null && Number(latest.size) > 0) await storeCompactRange(db, Number(latest.size), latest.root)
}
