import { PlatformError } from '../errors.js'
import { HASH_SIZE, type Hash } from './hash-leaf.js'
import { assertTreeIndex, pow2 } from './node-id.js'
import { TILE_HEIGHT, TILE_WIDTH, type TileId } from './tiles.js'
import { rootOf } from './tree-root.js'

/**
 * C2SP tlog-tiles: a hash tile's bytes, its hashes concatenated (8,192 bytes when full).
 * @see https://c2sp.org/tlog-tiles
 */
export function encodeHashTile(hashes: readonly Hash[]): Uint8Array {
  if (hashes.length < 1 || hashes.length > TILE_WIDTH) throw new TypeError(`a tile holds 1..256 hashes, got ${hashes.length}`)
  const bytes = new Uint8Array(hashes.length * HASH_SIZE)
  hashes.forEach((hash, i) => {
    if (hash.length !== HASH_SIZE) throw new TypeError('a tile holds 32-byte hashes')
    bytes.set(hash, i * HASH_SIZE)
  })
  return bytes
}

/**
 * C2SP tlog-tiles: the hashes of a tile of `width` hashes; `ERR_INPUT_INVALID` unless it is exactly width × 32 bytes.
 * @see https://c2sp.org/tlog-tiles
 */
export function decodeHashTile(bytes: Uint8Array, width: number): Hash[] {
  if (bytes.length !== width * HASH_SIZE) {
    throw new PlatformError('ERR_INPUT_INVALID', `A hash tile of width ${width} has ${width * HASH_SIZE} bytes, got ${bytes.length}`)
  }
  const hashes: Hash[] = []
  for (let i = 0; i < width; i++) hashes.push(bytes.slice(i * HASH_SIZE, (i + 1) * HASH_SIZE))
  return hashes
}

/**
 * C2SP tlog-tiles: the hashes of `tile`, the level-(8 × tile.level) subtree hashes it covers,
 * computed from the log's leaf hashes (leaf 0 first; at least the leaves the tile covers).
 * @see https://c2sp.org/tlog-tiles
 */
export function hashTileFromLeaves(tile: TileId, leafHashes: readonly Hash[]): Hash[] {
  assertTreeIndex(tile.index, 'tile index')
  const span = pow2(TILE_HEIGHT * tile.level)
  const first = tile.index * TILE_WIDTH
  if ((first + tile.width) * span > leafHashes.length) throw new TypeError(`tile ${tile.level}/${tile.index} needs ${(first + tile.width) * span} leaves`)
  const hashes: Hash[] = []
  for (let i = first; i < first + tile.width; i++) hashes.push(span === 1 ? leafHashes[i]! : rootOf(leafHashes.slice(i * span, (i + 1) * span)))
  return hashes
}

/**
 * C2SP tlog-tiles: a tile at level L > 0 from the full tiles at level L - 1 under it, one hash
 * per tile below (the root of its 256 hashes). How a sequencer builds tiles upward.
 * @see https://c2sp.org/tlog-tiles
 */
export function hashTileFromTilesBelow(tilesBelow: readonly (readonly Hash[])[]): Hash[] {
  return tilesBelow.map((below) => {
    if (below.length !== TILE_WIDTH) throw new TypeError('only full tiles have a hash in the level above')
    return rootOf(below)
  })
}
