import { PlatformError } from '../errors.js'
import type { Hash } from './hash-leaf.js'
import { rangeNodes, type NodeReader } from './node-id.js'
import { TILE_INNER_BYTES, innerNodeOfTile } from './tile-nodes.js'
import { TILE_HEIGHT, TILE_WIDTH, formatTilePath, tileOfNode, type TileId } from './tiles.js'
import { rootFromNodes, rootOf } from './tree-root.js'

/** Reads one hash tile (as decoded hashes) from wherever the tiles are: a store, a mirror, a CDN. */
export type ReadTile = (tile: TileId) => readonly Hash[]

/** Reads a full tile's 255 inner nodes (innerNodesOfTile), or undefined where they are not kept. */
export type ReadTileInner = (tile: TileId) => Uint8Array | undefined

/** What a tile reader may read besides the tiles, so that it hashes less. */
export interface TileReaderOptions {
  /** The inner nodes of full tiles. */
  readInner?: ReadTileInner
  /**
   * The hashes of the tree's compact range, `rangeNodes(0, size)` in order (what a checkpoint's
   * root folds from): the right edge's complete subtrees, which lie in partial tiles.
   */
  compactRange?: readonly Hash[]
}

/**
 * C2SP tlog-tiles: the complete subtrees of a tree of `size` leaves, read from its hash tiles.
 * A node of level 8L + r is one of the 2^(8-r) level-r inner nodes of a level-L tile: read from the
 * tile's inner nodes when `readInner` has them (full tiles), or from `compactRange` (the right
 * edge), else hashed from 2^r of the tile's hashes. Each tile is read once. `ERR_INPUT_INVALID`
 * when a tile has the wrong number of hashes or of inner-node bytes, or the range the wrong length.
 * @see https://c2sp.org/tlog-tiles
 */
export function nodeReaderFromTiles(size: number, readTile: ReadTile, options: TileReaderOptions = {}): NodeReader {
  const { readInner, compactRange } = options
  const tiles = new Map<string, readonly Hash[]>()
  const inners = new Map<string, Uint8Array | undefined>()
  const edge = compactRange === undefined ? undefined : edgeNodes(size, compactRange)
  return (level, index) => {
    const { tile, offset, count } = tileOfNode(level, index, size)
    if (edge !== undefined && tile.width !== TILE_WIDTH) {
      const hash = edge.get(`${level}/${index}`)
      if (hash !== undefined) return hash
    }
    const path = formatTilePath(tile)
    if (count > 1 && readInner && tile.width === TILE_WIDTH) {
      let inner = inners.get(path)
      if (!inners.has(path)) {
        inner = readInner(tile)
        if (inner !== undefined && inner.length !== TILE_INNER_BYTES) {
          throw new PlatformError('ERR_INPUT_INVALID', `Tile ${path} has ${inner.length} bytes of inner nodes, expected ${TILE_INNER_BYTES}`)
        }
        inners.set(path, inner)
      }
      if (inner !== undefined) return innerNodeOfTile(inner, level % TILE_HEIGHT, offset / count)
    }
    let hashes = tiles.get(path)
    if (!hashes) {
      hashes = readTile(tile)
      if (hashes.length !== tile.width) {
        throw new PlatformError('ERR_INPUT_INVALID', `Tile ${path} has ${hashes.length} hashes, expected ${tile.width}`)
      }
      tiles.set(path, hashes)
    }
    return count === 1 ? hashes[offset]! : rootOf(hashes.slice(offset, offset + count))
  }
}

/** The compact range's nodes by "level/index". */
function edgeNodes(size: number, hashes: readonly Hash[]): Map<string, Hash> {
  const nodes = rangeNodes(0, size)
  if (nodes.length !== hashes.length) {
    throw new PlatformError('ERR_INPUT_INVALID', `The compact range of a tree of ${size} has ${nodes.length} hashes, got ${hashes.length}`)
  }
  return new Map(nodes.map(({ level, index }, i) => [`${level}/${index}`, hashes[i]!]))
}

/**
 * C2SP tlog-tiles: the root of the tree of `size` leaves recomputed from its hash tiles, what an
 * auditor compares with a checkpoint's root.
 * @see https://c2sp.org/tlog-tiles
 * @example
 * isSameHash(rootFromTiles(checkpoint.size, (t) => decodeHashTile(fetchTile(t), t.width)), checkpoint.root)
 */
export const rootFromTiles = (size: number, readTile: ReadTile, options?: TileReaderOptions): Hash =>
  rootFromNodes(size, nodeReaderFromTiles(size, readTile, options))
