import { describe, expect, it } from 'vitest'
import { hex, leafHashesOf, nodeTable, referenceRoot } from '../../../test/support/merkle-reference-tree.js'
import { inclusionProof } from './inclusion-proof.js'
import { rangeNodes } from './node-id.js'
import { TILE_INNER_BYTES, innerNodeOfTile, innerNodesOfTile, tileRootOfInner } from './tile-nodes.js'
import { nodeReaderFromTiles, rootFromTiles } from './tile-reader.js'
import type { TileId } from './tiles.js'

const leaves = leafHashesOf(70_000)
const nodes = nodeTable(leaves)
const servedTile = (tile: TileId) => Array.from({ length: tile.width }, (_, i) => nodes(8 * tile.level, tile.index * 256 + i))
const innerOf = (tile: TileId) => innerNodesOfTile(servedTile({ ...tile, width: 256 }))

describe('the inner nodes of a full tile', () => {
  it('are the subtrees of 2, 4, … 256 of its hashes, its root last', () => {
    for (const tile of [{ level: 0, index: 0 }, { level: 0, index: 17 }, { level: 1, index: 0 }]) {
      const inner = innerOf({ ...tile, width: 256 })
      expect(inner.length).toBe(TILE_INNER_BYTES)
      for (let r = 1; r <= 8; r++) {
        for (let i = 0; i < 256 >> r; i++) {
          expect(hex(innerNodeOfTile(inner, r, i)), `${tile.level}/${tile.index} (${r}, ${i})`).toBe(hex(nodes(8 * tile.level + r, tile.index * (256 >> r) + i)))
        }
      }
      expect(hex(tileRootOfInner(inner))).toBe(hex(referenceRoot(leaves.slice(tile.index * 256 ** (tile.level + 1), (tile.index + 1) * 256 ** (tile.level + 1)))))
    }
  })

  it('exist only for full tiles and hold only in-tile nodes', () => {
    expect(() => innerNodesOfTile(servedTile({ level: 0, index: 0, width: 255 }))).toThrow(TypeError)
    const inner = innerOf({ level: 0, index: 0, width: 256 })
    expect(() => innerNodeOfTile(inner, 0, 0)).toThrow(TypeError)
    expect(() => innerNodeOfTile(inner, 9, 0)).toThrow(TypeError)
    expect(() => innerNodeOfTile(inner, 1, 128)).toThrow(TypeError)
    expect(() => innerNodeOfTile(inner.subarray(32), 8, 0)).toThrow(TypeError)
  })

  it('let a tile reader answer proofs and roots without hashing inside full tiles', () => {
    const size = 65_537 + 300
    let hashedFromHashes = 0
    const readTile = (tile: TileId) => {
      // With inner nodes, only partial tiles and single hashes (r = 0) come from the tile's hashes.
      if (tile.width === 256) hashedFromHashes++
      return servedTile(tile)
    }
    for (const index of [0, 255, 256, 40_000, 65_535, 65_536, size - 1]) {
      const proof = inclusionProof(index, size, nodeReaderFromTiles(size, readTile, { readInner: innerOf }))
      expect(proof.map(hex), `leaf ${index}`).toEqual(inclusionProof(index, size, nodes).map(hex))
    }
    expect(hex(rootFromTiles(size, readTile, { readInner: innerOf }))).toBe(hex(rootFromTiles(size, servedTile)))
    expect(hashedFromHashes).toBeGreaterThan(0)
    // A reader whose inner nodes are missing for some tiles falls back to hashing them.
    const someInner = (tile: TileId) => (tile.index % 2 === 0 ? innerOf(tile) : undefined)
    expect(inclusionProof(40_000, size, nodeReaderFromTiles(size, servedTile, { readInner: someInner })).map(hex)).toEqual(inclusionProof(40_000, size, nodes).map(hex))
  })

  it('are rejected at the wrong length', () => {
    const reader = nodeReaderFromTiles(70_000, servedTile, { readInner: () => new Uint8Array(100) })
    expect(() => reader(3, 0)).toThrow(expect.objectContaining({ code: 'ERR_INPUT_INVALID' }))
  })

  it('with the compact range, read the right edge instead of hashing partial tiles', () => {
    const size = 65_536 + 256 * 10 + 200
    const compactRange = rangeNodes(0, size).map(({ level, index }) => nodes(level, index))
    const partialTilesRead: string[] = []
    const readTile = (tile: TileId) => {
      if (tile.width < 256) partialTilesRead.push(`${tile.level}/${tile.index}`)
      return servedTile(tile)
    }
    // A leaf left of the right edge: every sibling on its path is in a full tile or in the compact range.
    const prove = (index: number) => inclusionProof(index, size, nodeReaderFromTiles(size, readTile, { readInner: innerOf, compactRange })).map(hex)
    for (const index of [0, 1000, 60_000]) expect(prove(index), `leaf ${index}`).toEqual(inclusionProof(index, size, nodes).map(hex))
    expect(partialTilesRead).toEqual([])
    // A leaf past the last full level-2 subtree reads its siblings in partial tiles.
    for (const index of [65_600, size - 1]) expect(prove(index), `leaf ${index}`).toEqual(inclusionProof(index, size, nodes).map(hex))
    expect(() => nodeReaderFromTiles(size, servedTile, { compactRange: compactRange.slice(1) })).toThrow(expect.objectContaining({ code: 'ERR_INPUT_INVALID' }))
  })
})
