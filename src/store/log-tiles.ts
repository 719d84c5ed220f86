import type { Kysely } from 'kysely'
import {
  TILE_WIDTH,
  decodeHashTile,
  encodeHashTile,
  formatTilePath,
  hashesAtTileLevel,
  nodeReaderFromTiles,
  rootOf,
  tileOfNode,
  type Hash,
  type NodeId,
  type TileId,
} from '../core/transparency-log/index.js'
import { fromBlob, toBlob } from './blob.js'
import type { Database } from './schema.js'

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
const caches = new WeakMap<object, { tiles: Map<string, Hash[]>; nodes: Map<string, Hash> }>()

/**
 * Decoded tiles and complete-subtree hashes read through one connection (or one transaction). In an
 * append-only log neither a tile (level, index, width) nor a complete subtree ever changes once its
 * leaves exist, so what every proof passes through (the upper tiles and their nodes) is read and
 * hashed once.
 */
function cacheOf(q: Kysely<Database>) {
  let cache = caches.get(q)
  if (!cache) caches.set(q, (cache = { tiles: new Map(), nodes: new Map() }))
  return cache
}

/** Adds to a bounded map, dropping the oldest entry when it is full. */
function remember<V>(map: Map<string, V>, key: string, value: V, max: number): void {
  if (map.size >= max) map.delete(map.keys().next().value as string)
  map.set(key, value)
}

/**
 * The hashes of complete subtrees of the tree of `treeSize` leaves, read through core's tile reader:
 * each tile the nodes touch is read once, so a proof costs a few rows (about one per tile level).
 * Requires every node to be complete within treeSize, and treeSize to be within the log.
 */
export async function readNodes(q: Kysely<Database>, ids: readonly NodeId[], treeSize: number): Promise<Hash[]> {
  const { tiles: cachedTiles, nodes: cachedNodes } = cacheOf(q)
  const found = ids.map(({ level, index }) => cachedNodes.get(`${level}/${index}`))
  const missing = ids.filter((_, i) => found[i] === undefined)
  if (missing.length === 0) return found as Hash[]
  const tiles = new Map<string, Hash[]>()
  for (const { level, index } of missing) {
    const { tile } = tileOfNode(level, index, treeSize)
    const path = formatTilePath(tile)
    if (tiles.has(path)) continue
    let hashes = cachedTiles.get(path)
    if (!hashes) {
      hashes = decodeHashTile(await readHashTile(q, tile), tile.width)
      remember(cachedTiles, path, hashes, MAX_CACHED_TILES)
    }
    tiles.set(path, hashes)
  }
  const read = nodeReaderFromTiles(treeSize, (tile) => tiles.get(formatTilePath(tile))!)
  return ids.map(({ level, index }, i) => {
    if (found[i]) return found[i]
    const node = read(level, index)
    remember(cachedNodes, `${level}/${index}`, node, MAX_CACHED_NODES)
    return node
  })
}

/**
 * Stores the full tiles that the leaves [oldSize, newSize) complete, at every level, in the
 * append's transaction: a level-0 tile from leaf hashes (those before oldSize read back), a
 * level-L tile from the roots of the 256 level-(L-1) tiles under it. `newLeafHashes` are the
 * hashes of leaves oldSize .. newSize - 1.
 */
export async function storeFullTiles(q: Kysely<Database>, oldSize: number, newSize: number, newLeafHashes: readonly Hash[]): Promise<void> {
  for (let level = 0; hashesAtTileLevel(level, newSize) >= TILE_WIDTH; level++) {
    const oldFull = Math.floor(hashesAtTileLevel(level, oldSize) / TILE_WIDTH)
    const newFull = Math.floor(hashesAtTileLevel(level, newSize) / TILE_WIDTH)
    if (oldFull === newFull) return
    const rows = []
    for (let index = oldFull; index < newFull; index++) {
      const hashes = level === 0 ? await leafHashesOfTile(q, index, oldSize, newLeafHashes) : await rootsBelow(q, level, index)
      rows.push({ level, idx: index, hashes: toBlob(encodeHashTile(hashes)), root: toBlob(rootOf(hashes)) })
    }
    for (let i = 0; i < rows.length; i += 100) await q.insertInto('log_tiles').values(rows.slice(i, i + 100)).execute()
  }
}

async function leafHashesOfTile(q: Kysely<Database>, index: number, oldSize: number, newLeafHashes: readonly Hash[]): Promise<Hash[]> {
  const first = index * TILE_WIDTH
  const stored =
    first < oldSize
      ? (await q.selectFrom('log_leaves').select('leaf_hash').where('idx', '>=', first).where('idx', '<', oldSize).orderBy('idx').execute()).map((r) => r.leaf_hash)
      : []
  const from = Math.max(0, first - oldSize)
  return [...stored, ...newLeafHashes.slice(from, from + TILE_WIDTH - stored.length)]
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
