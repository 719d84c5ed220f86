import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { decodeHashTile, encodeHashTile, hashTileFromLeaves, hashTileFromTilesBelow } from './hash-tile.js'
import { inclusionProof } from './inclusion-proof.js'
import { hex, leafHashesOf, nodeTable, referenceRoot } from '../../../test/support/merkle-reference-tree.js'
import { nodeReaderFromTiles, rootFromTiles } from './tile-reader.js'
import { formatTilePath, tilesForSize, type TileId } from './tiles.js'
import { rootOf } from './tree-root.js'

const MAX = 70_000
const leaves = leafHashesOf(MAX)
const nodes = nodeTable(leaves)
/** The tiles a log would serve, built from its node table: a level-L tile holds level-8L nodes. */
const servedTile = (tile: TileId) => Array.from({ length: tile.width }, (_, i) => nodes(8 * tile.level, tile.index * 256 + i))

describe('rootFromTiles', () => {
  it('recomputes the root of any size from the tiles published for that size', () => {
    const check = (size: number) => {
      const read: string[] = []
      const root = rootFromTiles(size, (tile) => (read.push(formatTilePath(tile)), servedTile(tile)))
      // rootOf is itself checked against the naive reference in tree-root.test.ts.
      expect(hex(root)).toBe(hex(size <= 2000 ? referenceRoot(leaves.slice(0, size)) : rootOf(leaves.slice(0, size))))
      const published = new Set(tilesForSize(size).map(formatTilePath))
      for (const path of read) expect(published.has(path), path).toBe(true)
    }
    for (const size of [0, 1, 255, 256, 257, 511, 512, 65_535, 65_536, 65_537]) check(size)
    fc.assert(fc.property(fc.integer({ min: 0, max: MAX }), check), { numRuns: 12 })
  })

  it('serves the same inclusion proofs as the node table', () => {
    const size = 65_537
    const fromTiles = nodeReaderFromTiles(size, servedTile)
    for (const index of [0, 255, 256, 40_000, 65_535, 65_536]) {
      expect(inclusionProof(index, size, fromTiles).map(hex)).toEqual(inclusionProof(index, size, nodes).map(hex))
    }
  })

  it('rejects a tile with the wrong number of hashes', () => {
    expect(() => rootFromTiles(300, (tile) => servedTile(tile).slice(1))).toThrow(expect.objectContaining({ code: 'ERR_INPUT_INVALID' }))
  })
})

describe('hash tiles', () => {
  it('hold the level-8L subtree hashes, whether built from leaves or from the full tiles below', () => {
    const level1 = { level: 1, index: 0, width: 5 }
    const fromLeaves = hashTileFromLeaves(level1, leaves)
    expect(fromLeaves.map(hex)).toEqual(servedTile(level1).map(hex))
    const below = Array.from({ length: 5 }, (_, n) => hashTileFromLeaves({ level: 0, index: n, width: 256 }, leaves))
    expect(hashTileFromTilesBelow(below).map(hex)).toEqual(fromLeaves.map(hex))
    expect(hashTileFromLeaves({ level: 0, index: 1, width: 3 }, leaves).map(hex)).toEqual(leaves.slice(256, 259).map(hex))
  })

  it('encode to concatenated hashes and decode only at the exact width', () => {
    const hashes = leaves.slice(0, 7)
    const bytes = encodeHashTile(hashes)
    expect(bytes.length).toBe(7 * 32)
    expect(decodeHashTile(bytes, 7).map(hex)).toEqual(hashes.map(hex))
    expect(() => decodeHashTile(bytes, 8)).toThrow(expect.objectContaining({ code: 'ERR_INPUT_INVALID' }))
    expect(() => decodeHashTile(bytes.subarray(1), 7)).toThrow(expect.objectContaining({ code: 'ERR_INPUT_INVALID' }))
  })
})
