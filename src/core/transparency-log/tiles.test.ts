import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { formatEntryBundlePath, formatTilePath, parseTilePath, tileOfNode, tilesForSize } from './tiles.js'

describe('tile paths', () => {
  it('encode the index in three-digit groups, x before all but the last', () => {
    expect(formatTilePath({ level: 0, index: 1234067, width: 256 })).toBe('tile/0/x001/x234/067')
    expect(formatTilePath({ level: 1, index: 1234067, width: 8 })).toBe('tile/1/x001/x234/067.p/8')
    expect(formatTilePath({ level: 2, index: 0, width: 1 })).toBe('tile/2/000.p/1')
    expect(formatTilePath({ level: 0, index: 1000, width: 256 })).toBe('tile/0/x001/000')
    expect(formatEntryBundlePath(5, 256)).toBe('tile/entries/005')
    expect(formatEntryBundlePath(999_999, 17)).toBe('tile/entries/x999/999.p/17')
  })

  it('parse back to the tile they were made from', () => {
    const tile = fc.record({ level: fc.integer({ min: 0, max: 63 }), index: fc.maxSafeNat(), width: fc.integer({ min: 1, max: 256 }) })
    fc.assert(
      fc.property(tile, (t) => {
        expect(parseTilePath(formatTilePath(t))).toEqual({ kind: 'hash', ...t })
        expect(parseTilePath(formatEntryBundlePath(t.index, t.width))).toEqual({ kind: 'entries', index: t.index, width: t.width })
      }),
    )
  })

  it('reject every non-canonical or malformed path', () => {
    const bad = [
      'tile/0/1', 'tile/0/0001', 'tile/00/000', 'tile/64/000', 'tile/-1/000', 'tile/0/x000/001', 'tile/0/001/x002',
      'tile/0/x1/001', 'tile/0/000.p/0', 'tile/0/000.p/256', 'tile/0/000.p/08', 'tile/0/000.p', 'tile/0/000/', 'tile/0/',
      'tile/0', 'tiles/0/000', '/tile/0/000', 'tile/data/000', 'tile/entries/000.p/', 'tile/0/x001.p/5/000', 'tile/0/x9007/x199/x254/x740/x992/000',
    ]
    for (const path of bad) expect(() => parseTilePath(path), path).toThrow(expect.objectContaining({ code: 'ERR_INPUT_INVALID' }))
  })
})

describe('tilesForSize', () => {
  it('lists full tiles, then a partial one, at every level that has a complete subtree', () => {
    expect(tilesForSize(0)).toEqual([])
    expect(tilesForSize(1)).toEqual([{ level: 0, index: 0, width: 1 }])
    expect(tilesForSize(256)).toEqual([
      { level: 0, index: 0, width: 256 },
      { level: 1, index: 0, width: 1 },
    ])
    expect(tilesForSize(70_000).map(formatTilePath)).toEqual([
      ...Array.from({ length: 273 }, (_, n) => formatTilePath({ level: 0, index: n, width: 256 })),
      'tile/0/273.p/112',
      'tile/1/000',
      'tile/1/001.p/17',
      'tile/2/000.p/1',
    ])
  })

  it('lists only what changed since an older size: new full tiles and new partial ones', () => {
    expect(tilesForSize(515, 300).map(formatTilePath)).toEqual(['tile/0/001', 'tile/0/002.p/3', 'tile/1/000.p/2'])
    expect(tilesForSize(300, 300)).toEqual([])
    expect(tilesForSize(257, 256).map(formatTilePath)).toEqual(['tile/0/001.p/1'])
  })
})

describe('tileOfNode', () => {
  it('finds a subtree in the tile of its level, hashed from a power of two of that tile’s hashes', () => {
    expect(tileOfNode(0, 300, 1000)).toEqual({ tile: { level: 0, index: 1, width: 256 }, offset: 44, count: 1 })
    expect(tileOfNode(3, 40, 1000)).toEqual({ tile: { level: 0, index: 1, width: 256 }, offset: 64, count: 8 })
    expect(tileOfNode(8, 2, 1000)).toEqual({ tile: { level: 1, index: 0, width: 3 }, offset: 2, count: 1 })
    expect(() => tileOfNode(8, 3, 1000)).toThrow(TypeError)
    expect(tileOfNode(3, 124, 1000).tile).toEqual({ level: 0, index: 3, width: 232 })
    expect(() => tileOfNode(3, 125, 1000)).toThrow(TypeError)
  })
})
