import { Hono } from 'hono'
import { hashesAtTileLevel, parseTilePath, TILE_WIDTH, type TilePath } from '../../core/transparency-log/index.js'
import { problemResponse } from '../error-response.js'
import { latestCheckpointOr404, type PublishedLog } from './log.js'

const IMMUTABLE = 'public, max-age=31536000, immutable'
// A partial tile is superseded by a wider one as the log grows; keep it briefly.
const PARTIAL = 'public, max-age=60'

/** True when the tree of `size` leaves has the tile (or entry bundle) `tile`: all its `width` hashes exist. */
const isWithin = (tile: TilePath, size: number): boolean =>
  tile.index * TILE_WIDTH + tile.width <= hashesAtTileLevel(tile.kind === 'hash' ? tile.level : 0, size)

/**
 * `GET /log/tile/<L>/<N>[.p/<W>]` and `GET /log/tile/entries/<N>[.p/<W>]`: hash tiles and entry
 * bundles of the tree of the latest checkpoint, canonical paths only (400 otherwise), 404 past it.
 * @see https://c2sp.org/tlog-tiles
 */
export function logTileRoutes(log: () => PublishedLog): Hono {
  return new Hono().get('/tile/*', async (c) => {
    const { reader } = log()
    const tile = parseTilePath(c.req.path.slice(c.req.path.indexOf('/tile/') + 1))
    const latest = await latestCheckpointOr404(c, reader)
    if (latest instanceof Response) return latest
    const bytes = isWithin(tile, latest.checkpoint.size)
      ? tile.kind === 'hash'
        ? await reader.hashTile(tile.level, tile.index, tile.width)
        : await reader.entryBundle(tile.index, tile.width)
      : undefined
    if (!bytes) return problemResponse(c, 404, 'ERR_NOT_FOUND', 'Not found', `The log's latest checkpoint (size ${latest.checkpoint.size}) has no such tile`)
    c.header('Cache-Control', tile.width === TILE_WIDTH ? IMMUTABLE : PARTIAL)
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200, { 'Content-Type': 'application/octet-stream' })
  })
}
