import { hashChildren, HASH_SIZE, type Hash } from './hash-leaf.js'
import { TILE_HEIGHT, TILE_WIDTH } from './tiles.js'

/** The inner nodes of a full tile: 128 + 64 + … + 2 + 1 = 255 hashes. */
export const TILE_INNER_NODES = TILE_WIDTH - 1

/** Bytes of a full tile's inner nodes (255 × 32). */
export const TILE_INNER_BYTES = TILE_INNER_NODES * HASH_SIZE

/** Where in-tile level r (1..8) starts among the inner nodes: level 1 first, the tile's root last. */
const levelStart = (r: number): number => TILE_WIDTH - (TILE_WIDTH >> (r - 1))

/**
 * The 255 inner nodes of a full tile, bottom level first: the 128 parents of its 256 hashes, their 64
 * parents, … and the tile's root last (the hash the tile level above holds). Computing them costs
 * what computing the root costs; a store that keeps them serves a cold proof by reading nodes
 * instead of hashing up to 127 hashes per tile level.
 */
export function innerNodesOfTile(hashes: readonly Hash[]): Uint8Array {
  if (hashes.length !== TILE_WIDTH) throw new TypeError(`only a full tile has inner nodes, got ${hashes.length} hashes`)
  const inner = new Uint8Array(TILE_INNER_BYTES)
  let below: readonly Hash[] = hashes
  for (let r = 1; r <= TILE_HEIGHT; r++) {
    const level: Hash[] = new Array(below.length / 2)
    const start = levelStart(r) * HASH_SIZE
    for (let i = 0; i < level.length; i++) {
      level[i] = hashChildren(below[2 * i]!, below[2 * i + 1]!)
      inner.set(level[i]!, start + i * HASH_SIZE)
    }
    below = level
  }
  return inner
}

/** The root of a full tile from its inner nodes (the last 32 bytes). */
export const tileRootOfInner = (inner: Uint8Array): Hash => innerNodeOfTile(inner, TILE_HEIGHT, 0)

/**
 * The hash of the subtree of 2^r of a full tile's hashes starting at hash `i × 2^r` (1 <= r <= 8),
 * read from the tile's inner nodes: a copy, never a view into `inner`.
 */
export function innerNodeOfTile(inner: Uint8Array, r: number, i: number): Hash {
  if (!(Number.isInteger(r) && Number.isInteger(i) && r >= 1 && r <= TILE_HEIGHT && i >= 0 && i < TILE_WIDTH >> r) || inner.length !== TILE_INNER_BYTES) {
    throw new TypeError(`no inner node (${r}, ${i}) in a tile's ${inner.length} bytes of inner nodes`)
  }
  const offset = (levelStart(r) + i) * HASH_SIZE
  return inner.slice(offset, offset + HASH_SIZE)
}
