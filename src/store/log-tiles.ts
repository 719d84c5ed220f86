import type { Kysely } from 'kysely'
import {
  HASH_SIZE,
  TILE_WIDTH,
  decodeHashTile,
  encodeHashTile,
  formatTilePath,
  hashesAtTileLevel,
  nodeReaderFromTiles,
  rangeNodes,
  innerNodesOfTile,
  tileRootOfInner,
  tileOfNode,
  type Hash,
  type NodeId,
  type TileId,
} from '../core/transparency-log/index.js'
import { fromBlob, toBlob } from './blob.js'
import type { Database } from './schema.js'
import { BoundedMap } from '../core/bounded-map.js'

/**
 * The bytes of hash tile (level, index) of `width` hashes. A full tile is one stored row; a partial
 * one is read from the leaf hashes (level 0) or from the roots of the full tiles below (level > 0).
 * Requires the tile to lie within the log (index × 256 + width hashes at that level).
 */
export async function readHashTile(q: Kysely<Database>, tile: TileId): Promise<Uint8Array> {
  const { level, index, width } = tile
  if (width === TILE_WIDTH) {
    const row = await q.selectFrom('log_tiles').select('hashes').where('level', '=', level).where('idx', '=', index).executeTakeFirstOrThrow()
    return fromBlob(row.hashes)
  }
  const first = index * TILE_WIDTH
  const rows =
    level === 0
      ? await q.selectFrom('log_leaves').select('leaf_hash as hash').where('idx', '>=', first).where('idx', '<', first + width).orderBy('idx').execute()
      : await q
          .selectFrom('log_tiles')
          .select('root as hash')
          .where('level', '=', level - 1)
          .where('idx', '>=', first)
          .where('idx', '<', first + width)
          .orderBy('idx')
          .execute()
  if (rows.length !== width) throw new Error(`Store: tile ${formatTilePath(tile)} has ${rows.length} hashes stored, expected ${width}`)
  return encodeHashTile(rows.map((row) => row.hash))
}

const MAX_CACHED_TILES = 4096
const MAX_CACHED_NODES = 65_536
const caches = new WeakMap<object, { tiles: BoundedMap<string, StoredTile>; nodes: BoundedMap<string, Hash>; ranges: BoundedMap<number, Hash[]> }>()

/** A tile as read: its bytes (decoded only if a proof needs one of its hashes) and, when full, its inner nodes. */
interface StoredTile {
  tile: TileId
  bytes: Uint8Array
  inner: Uint8Array | undefined
  hashes?: Hash[]
}

/**
 * Decoded tiles and complete-subtree hashes read through one connection (or one transaction). In an
 * append-only log neither a tile (level, index, width) nor a complete subtree ever changes once its
 * leaves exist, so what every proof passes through (the upper tiles and their nodes) is read once.
 */
function cacheOf(q: Kysely<Database>) {
  let cache = caches.get(q)
  if (!cache) caches.set(q, (cache = { tiles: new BoundedMap(MAX_CACHED_TILES), nodes: new BoundedMap(MAX_CACHED_NODES), ranges: new BoundedMap(64) }))
  return cache
}

/** A tile's bytes and, for a full tile, its stored inner nodes (one row), or a partial tile's hashes. */
async function readStoredTile(q: Kysely<Database>, tile: TileId): Promise<StoredTile> {
  if (tile.width !== TILE_WIDTH) return { tile, bytes: await readHashTile(q, tile), inner: undefined }
  const row = await q
    .selectFrom('log_tiles')
    .select(['hashes', 'inner_nodes'])
    .where('level', '=', tile.level)
    .where('idx', '=', tile.index)
    .executeTakeFirstOrThrow()
  return { tile, bytes: fromBlob(row.hashes), inner: row.inner_nodes === null ? undefined : fromBlob(row.inner_nodes) }
}

const hashesOf = (stored: StoredTile): Hash[] => (stored.hashes ??= decodeHashTile(stored.bytes, stored.tile.width))

/**
 * The hashes of complete subtrees of the tree of `treeSize` leaves, read through core's tile reader:
 * each tile the nodes touch is read once (one row), and a node inside a full tile is read from the
 * tile's stored inner nodes, so a cold proof reads about one row per tile level and hashes nothing
 * but the right edge's partial tiles. Requires every node to be complete within treeSize, and
 * treeSize to be within the log.
 */
export async function readNodes(q: Kysely<Database>, ids: readonly NodeId[], treeSize: number): Promise<Hash[]> {
  const cache = cacheOf(q)
  const { tiles: cachedTiles, nodes: cachedNodes } = cache
  const found = ids.map(({ level, index }) => cachedNodes.get(`${level}/${index}`))
  const missing = ids.filter((_, i) => found[i] === undefined)
  if (missing.length === 0) return found as Hash[]
  // The right edge (nodes in partial tiles) comes from the checkpoint of this size, if there is one.
  const located = missing.map(({ level, index }) => ({ key: `${level}/${index}`, tile: tileOfNode(level, index, treeSize).tile }))
  const compactRange = located.some(({ tile }) => tile.width !== TILE_WIDTH) ? await compactRangeOf(q, cache.ranges, treeSize) : undefined
  const edge = compactRange ? new Set(rangeNodes(0, treeSize).map(({ level, index }) => `${level}/${index}`)) : undefined
  const tiles = new Map<string, StoredTile>()
  for (const { key, tile } of located) {
    const path = formatTilePath(tile)
    if (tiles.has(path) || (tile.width !== TILE_WIDTH && edge?.has(key))) continue
    let stored = cachedTiles.get(path)
    if (!stored) {
      stored = await readStoredTile(q, tile)
      cachedTiles.set(path, stored)
    }
    tiles.set(path, stored)
  }
  const read = nodeReaderFromTiles(treeSize, (tile) => hashesOf(tiles.get(formatTilePath(tile))!), {
    readInner: (tile) => tiles.get(formatTilePath(tile))!.inner,
    ...(compactRange ? { compactRange } : {}),
  })
  return ids.map(({ level, index }, i) => {
    if (found[i]) return found[i]
    const node = read(level, index)
    cachedNodes.set(`${level}/${index}`, node)
    return node
  })
}

/** The compact range stored with checkpoint `size` (cached: it never changes), or undefined. */
async function compactRangeOf(q: Kysely<Database>, ranges: BoundedMap<number, Hash[]>, size: number): Promise<Hash[] | undefined> {
  const cached = ranges.get(size)
  if (cached) return cached
  const row = await q.selectFrom('checkpoints').select('range_nodes').where('size', '=', size).executeTakeFirst()
  if (!row?.range_nodes) return undefined
  const bytes = fromBlob(row.range_nodes)
  const hashes = Array.from({ length: bytes.length / HASH_SIZE }, (_, i) => bytes.slice(i * HASH_SIZE, (i + 1) * HASH_SIZE))
  ranges.set(size, hashes)
  return hashes
}

/** A full tile ready to store: its hashes' bytes, its root and its inner nodes. */
export interface TileRow {
  level: number
  idx: number
  hashes: Uint8Array
  root: Uint8Array
  inner_nodes: Uint8Array
}

function tileRow(level: number, index: number, hashes: readonly Hash[]): TileRow {
  const inner = innerNodesOfTile(hashes)
  return { level, idx: index, hashes: toBlob(encodeHashTile(hashes)), root: toBlob(tileRootOfInner(inner)), inner_nodes: toBlob(inner) }
}

/**
 * The full level-0 tiles that leaves [oldSize, newSize) complete, from `leafHashes`: the hashes of
 * leaves floor(oldSize / 256) × 256 .. newSize - 1 (the open tile's, then the new ones).
 */
export function leafTiles(oldSize: number, newSize: number, leafHashes: readonly Hash[]): TileRow[] {
  const base = Math.floor(oldSize / TILE_WIDTH)
  const rows: TileRow[] = []
  for (let index = base; (index + 1) * TILE_WIDTH <= newSize; index++) {
    const from = (index - base) * TILE_WIDTH
    rows.push(tileRow(0, index, leafHashes.slice(from, from + TILE_WIDTH)))
  }
  return rows
}

/**
 * Stores the full tiles that the leaves [oldSize, newSize) complete, at every level, with their
 * inner nodes, in the append's transaction: the level-0 ones given (leafTiles), a level-L tile
 * from the roots of the 256 level-(L-1) tiles under it.
 */
export async function storeFullTiles(q: Kysely<Database>, oldSize: number, newSize: number, level0: readonly TileRow[]): Promise<void> {
  for (let level = 0; hashesAtTileLevel(level, newSize) >= TILE_WIDTH; level++) {
    const oldFull = Math.floor(hashesAtTileLevel(level, oldSize) / TILE_WIDTH)
    const newFull = Math.floor(hashesAtTileLevel(level, newSize) / TILE_WIDTH)
    if (oldFull === newFull) return
    const rows: TileRow[] = []
    if (level === 0) rows.push(...level0)
    else for (let index = oldFull; index < newFull; index++) rows.push(tileRow(level, index, await rootsBelow(q, level, index)))
    if (rows.length !== newFull - oldFull) throw new Error(`Store: ${rows.length} tiles given at level ${level}, expected ${newFull - oldFull}`)
    for (let i = 0; i < rows.length; i += 100) await q.insertInto('log_tiles').values(rows.slice(i, i + 100)).execute()
  }
}

async function rootsBelow(q: Kysely<Database>, level: number, index: number): Promise<Hash[]> {
  const first = index * TILE_WIDTH
  const rows = await q
    .selectFrom('log_tiles')
    .select('root')
    .where('level', '=', level - 1)
    .where('idx', '>=', first)
    .where('idx', '<', first + TILE_WIDTH)
    .orderBy('idx')
    .execute()
  return rows.map((r) => r.root)
}
