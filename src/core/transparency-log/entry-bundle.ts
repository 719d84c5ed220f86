import { PlatformError } from '../errors.js'
import { TILE_WIDTH } from './tiles.js'

/** C2SP tlog-tiles: the largest entry a bundle can hold, its length being a big-endian uint16. */
export const MAX_ENTRY_SIZE = 0xffff

/**
 * C2SP tlog-tiles: an entry bundle, each entry a 2-byte big-endian length then its bytes.
 * Requires 1..256 entries; an entry over 65,535 bytes is `ERR_INPUT_TOO_LARGE`.
 * @see https://c2sp.org/tlog-tiles
 */
export function encodeEntryBundle(entries: readonly Uint8Array[]): Uint8Array {
  if (entries.length < 1 || entries.length > TILE_WIDTH) throw new TypeError(`an entry bundle holds 1..256 entries, got ${entries.length}`)
  let total = 0
  for (const [i, entry] of entries.entries()) {
    if (entry.length > MAX_ENTRY_SIZE) {
      throw new PlatformError('ERR_INPUT_TOO_LARGE', `Entry ${i} has ${entry.length} bytes; a log entry holds at most ${MAX_ENTRY_SIZE}`)
    }
    total += 2 + entry.length
  }
  const bytes = new Uint8Array(total)
  let at = 0
  for (const entry of entries) {
    bytes[at] = entry.length >> 8
    bytes[at + 1] = entry.length & 0xff
    bytes.set(entry, at + 2)
    at += 2 + entry.length
  }
  return bytes
}

/**
 * C2SP tlog-tiles: the entries of a bundle. With `width`, exactly that many entries must fill the
 * bundle; without it, entries are read to the end (at most 256). `ERR_INPUT_INVALID` on a
 * truncated entry, a wrong count or trailing bytes.
 * @see https://c2sp.org/tlog-tiles
 */
export function decodeEntryBundle(bytes: Uint8Array, width?: number): Uint8Array[] {
  const bad = (why: string) => new PlatformError('ERR_INPUT_INVALID', `Entry bundle: ${why}`)
  const entries: Uint8Array[] = []
  let at = 0
  while (at < bytes.length && entries.length < (width ?? TILE_WIDTH)) {
    if (at + 2 > bytes.length) throw bad(`a length is cut off at byte ${at}`)
    const length = (bytes[at]! << 8) | bytes[at + 1]!
    if (at + 2 + length > bytes.length) throw bad(`entry ${entries.length} is cut off`)
    entries.push(bytes.slice(at + 2, at + 2 + length))
    at += 2 + length
  }
  if (at < bytes.length) throw bad(`${bytes.length - at} bytes after entry ${entries.length - 1}`)
  if (width !== undefined && entries.length !== width) throw bad(`expected ${width} entries, found ${entries.length}`)
  if (entries.length === 0) throw bad('no entries')
  return entries
}
