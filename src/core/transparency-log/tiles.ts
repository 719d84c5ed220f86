import { PlatformError } from '../errors.js'
import { assertTreeIndex, pow2 } from './node-id.js'

/** C2SP tlog-tiles: tiles are 8 levels of the tree high. */
export const TILE_HEIGHT = 8

/** C2SP tlog-tiles: a full tile holds 256 hashes (or an entry bundle 256 entries). */
export const TILE_WIDTH = 256

/** A tile: `width` hashes of level `level * 8` of the tree, from node `index * 256`; width 256 is full. */
export interface TileId {
  readonly level: number
  readonly index: number
  readonly width: number
}

/** A parsed tile path: a hash tile, or an entry bundle (the entries under level-0 tile `index`). */
export type TilePath = ({ readonly kind: 'hash' } & TileId) | { readonly kind: 'entries'; readonly index: number; readonly width: number }

const MAX_LEVEL = 63

/** `<N>` of a tile path: three-digit groups, all but the last prefixed with `x` (1234067 is x001/x234/067). */
function formatIndex(index: number): string {
  let rest = Math.floor(index / 1000)
  let path = String(index % 1000).padStart(3, '0')
  for (; rest > 0; rest = Math.floor(rest / 1000)) path = `x${String(rest % 1000).padStart(3, '0')}/${path}`
  return path
}

const formatWidth = (width: number): string => (width === TILE_WIDTH ? '' : `.p/${width}`)

function assertTile(index: number, width: number): void {
  assertTreeIndex(index, 'tile index')
  if (!Number.isInteger(width) || width < 1 || width > TILE_WIDTH) throw new TypeError(`tile width must be 1..256, got ${width}`)
}

/**
 * C2SP tlog-tiles: the path of a hash tile, `tile/<L>/<N>[.p/<W>]`.
 * @see https://c2sp.org/tlog-tiles
 * @example
 * formatTilePath({ level: 0, index: 1234067, width: 8 }) // 'tile/0/x001/x234/067.p/8'
 */
export function formatTilePath(tile: TileId): string {
  assertTile(tile.index, tile.width)
  if (!Number.isInteger(tile.level) || tile.level < 0 || tile.level > MAX_LEVEL) throw new TypeError(`tile level must be 0..63, got ${tile.level}`)
  return `tile/${tile.level}/${formatIndex(tile.index)}${formatWidth(tile.width)}`
}

/**
 * C2SP tlog-tiles: the path of an entry bundle, `tile/entries/<N>[.p/<W>]`.
 * @see https://c2sp.org/tlog-tiles
 */
export function formatEntryBundlePath(index: number, width: number): string {
  assertTile(index, width)
  return `tile/entries/${formatIndex(index)}${formatWidth(width)}`
}

const LEVEL = /^(?:0|[1-9][0-9]?)$/
const WIDTH = /^[1-9][0-9]{0,2}$/
const GROUP = /^x[0-9]{3}$/
const LAST_GROUP = /^[0-9]{3}$/

/**
 * C2SP tlog-tiles: parses `tile/<L>/<N>[.p/<W>]` or `tile/entries/<N>[.p/<W>]`, accepting only the
 * canonical form (no leading zeros in L or W, no empty leading groups in N). `ERR_INPUT_INVALID` otherwise.
 * @see https://c2sp.org/tlog-tiles
 */
export function parseTilePath(path: string): TilePath {
  const bad = () => new PlatformError('ERR_INPUT_INVALID', `Not a tile path: ${JSON.stringify(path.slice(0, 100))}`)
  const parts = path.split('/')
  if (parts.length < 3 || parts[0] !== 'tile') throw bad()
  const levelPart = parts[1]!
  let groups = parts.slice(2)
  let width = TILE_WIDTH
  const last = groups[groups.length - 2]
  if (last?.endsWith('.p')) {
    const widthPart = groups[groups.length - 1]!
    if (!WIDTH.test(widthPart) || Number(widthPart) >= TILE_WIDTH) throw bad()
    width = Number(widthPart)
    groups = [...groups.slice(0, -2), last.slice(0, -2)]
  }
  if (!groups.slice(0, -1).every((g) => GROUP.test(g)) || !LAST_GROUP.test(groups[groups.length - 1]!)) throw bad()
  if (groups.length > 1 && groups[0] === 'x000') throw bad()
  const index = groups.reduce((n, g) => n * 1000 + Number(g.replace('x', '')), 0)
  if (!Number.isSafeInteger(index)) throw bad()
  if (levelPart === 'entries') return { kind: 'entries', index, width }
  if (!LEVEL.test(levelPart) || Number(levelPart) > MAX_LEVEL) throw bad()
  return { kind: 'hash', level: Number(levelPart), index, width }
}

/** How many hashes level `level` of tiles holds in a tree of `size` leaves: its complete level-8L subtrees. */
export const hashesAtTileLevel = (level: number, size: number): number => Math.floor(size / pow2(TILE_HEIGHT * level))

/**
 * C2SP tlog-tiles: the hash tiles a tree of `newSize` has that a tree of `oldSize` did not (all
 * of them when oldSize is 0), lowest level first; the last tile of a level may be partial.
 * Entry bundles follow the level-0 tiles: same index, same width.
 * @see https://c2sp.org/tlog-tiles
 */
export function tilesForSize(newSize: number, oldSize = 0): TileId[] {
  assertTreeIndex(newSize, 'newSize')
  assertTreeIndex(oldSize, 'oldSize')
  if (oldSize > newSize) throw new TypeError(`oldSize ${oldSize} is larger than newSize ${newSize}`)
  const tiles: TileId[] = []
  for (let level = 0; hashesAtTileLevel(level, newSize) > 0; level++) {
    const oldCount = hashesAtTileLevel(level, oldSize)
    const newCount = hashesAtTileLevel(level, newSize)
    if (oldCount === newCount) continue
    const fullTiles = Math.floor(newCount / TILE_WIDTH)
    for (let index = Math.floor(oldCount / TILE_WIDTH); index < fullTiles; index++) tiles.push({ level, index, width: TILE_WIDTH })
    const rest = newCount % TILE_WIDTH
    if (rest > 0) tiles.push({ level, index: fullTiles, width: rest })
  }
  return tiles
}

/**
 * Where the complete subtree (level, index) lives in the tiles of a tree of `size`: which tile
 * (with its width at that size) and which `count` hashes from `offset` hash together into it.
 * Requires the subtree to be complete in that tree.
 */
export function tileOfNode(level: number, index: number, size: number): { tile: TileId; offset: number; count: number } {
  const tileLevel = Math.floor(level / TILE_HEIGHT)
  const count = pow2(level % TILE_HEIGHT)
  const first = index * count
  const tileIndex = Math.floor(first / TILE_WIDTH)
  const width = Math.min(TILE_WIDTH, hashesAtTileLevel(tileLevel, size) - tileIndex * TILE_WIDTH)
  if (first + count > tileIndex * TILE_WIDTH + width) throw new TypeError(`node (${level}, ${index}) is not complete in a tree of ${size}`)
  return { tile: { level: tileLevel, index: tileIndex, width }, offset: first % TILE_WIDTH, count }
}
