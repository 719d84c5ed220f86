import { PlatformError } from '../errors.js'
import type { Hash } from './hash-leaf.js'
import type { NodeReader } from './node-id.js'
import { formatTilePath, tileOfNode, type TileId } from './tiles.js'
import { rootFromNodes, rootOf } from './tree-root.js'

/** Reads one hash tile (as decoded hashes) from wherever the tiles are: a store, a mirror, a CDN. */
export type ReadTile = (tile: TileId) => readonly Hash[]

/**
 * C2SP tlog-tiles: the complete subtrees of a tree of `size` leaves, read from its hash tiles.
 * A node of level 8L + r is hashed from 2^r hashes of one level-L tile; each tile is read once.
 * `ERR_INPUT_INVALID` when a tile has the wrong number of hashes.
 * @see https://c2sp.org/tlog-tiles
 */
export function nodeReaderFromTiles(size: number, readTile: ReadTile): NodeReader {
  const tiles = new Map<string, readonly Hash[]>()
  return (level, index) => {
    const { tile, offset, count } = tileOfNode(level, index, size)
    const path = formatTilePath(tile)
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

/**
 * C2SP tlog-tiles: the root of the tree of `size` leaves recomputed from its hash tiles, what an
 * auditor compares with a checkpoint's root.
 * @see https://c2sp.org/tlog-tiles
 * @example
 * isSameHash(rootFromTiles(checkpoint.size, (t) => decodeHashTile(fetchTile(t), t.width)), checkpoint.root)
 */
export const rootFromTiles = (size: number, readTile: ReadTile): Hash => rootFromNodes(size, nodeReaderFromTiles(size, readTile))
