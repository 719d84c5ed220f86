import { PlatformError } from '../core/errors.js'
import { decodeEntryBundle, decodeHashTile, formatEntryBundlePath, formatTilePath, type Hash, type TileId } from '../core/transparency-log/index.js'
import type { Fetcher } from '../app/platform/fetcher.js'

/** A transparency log published elsewhere in the C2SP tlog-tiles layout, read over HTTP. */
export interface RemoteLog {
  /** The log's base URL, without a trailing slash (`https://host/log`). */
  readonly url: string
  /** The signed note at `<url>/checkpoint`, unverified. */
  checkpoint(): Promise<string>
  /** The verifier key string at `<url>/key`, unverified: only for trust on first use. */
  key(): Promise<string>
  /** The hashes of a hash tile. */
  hashTile(tile: TileId): Promise<Hash[]>
  /** The entries of the entry bundle under level-0 tile `index` of `width`. */
  entryBundle(index: number, width: number): Promise<Uint8Array[]>
}

const utf8 = new TextDecoder('utf-8', { fatal: true })

/**
 * Opens a remote log through `fetchRemote`, the guarded fetcher the CLI's services give (HTTPS and
 * public addresses unless EMBLEM_FETCH_ALLOW_HTTP / EMBLEM_FETCH_ALLOW_PRIVATE say otherwise), as
 * `credential verify` does.
 */
export function openRemoteLog(url: string, fetchRemote: Fetcher): RemoteLog {
  const base = url.replace(/\/+$/, '')
  if (!/^https?:\/\//i.test(base)) throw new PlatformError('ERR_INPUT_INVALID', `--url must be the log's http(s) URL, such as https://badges.example.edu/log; got ${url}`)

  async function get(path: string, accept: string): Promise<Uint8Array> {
    const { status, body } = await fetchRemote(`${base}/${path}`, { accept })
    if (status === 404) throw new PlatformError('ERR_LOG_INCONSISTENT', `The log does not serve ${path} (HTTP 404)`)
    if (status !== 200) throw new PlatformError('ERR_FETCH_FAILED', `${base}/${path} answered HTTP ${status}`)
    return body
  }
  const text = async (path: string): Promise<string> => {
    try {
      return utf8.decode(await get(path, 'text/plain'))
    } catch (err) {
      if (err instanceof TypeError) throw new PlatformError('ERR_LOG_INCONSISTENT', `${path} is not UTF-8 text`)
      throw err
    }
  }
  const inconsistent = (path: string, err: unknown) =>
    new PlatformError('ERR_LOG_INCONSISTENT', `${path}: ${err instanceof Error ? err.message : String(err)}`, { cause: err })

  return {
    url: base,
    checkpoint: () => text('checkpoint'),
    key: async () => (await text('key')).trim(),
    hashTile: async (tile) => {
      const path = formatTilePath(tile)
      const bytes = await get(path, 'application/octet-stream')
      try {
        return decodeHashTile(bytes, tile.width)
      } catch (err) {
        throw inconsistent(path, err)
      }
    },
    entryBundle: async (index, width) => {
      const path = formatEntryBundlePath(index, width)
      const bytes = await get(path, 'application/octet-stream')
      try {
        return decodeEntryBundle(bytes, width)
      } catch (err) {
        throw inconsistent(path, err)
      }
    },
  }
}
