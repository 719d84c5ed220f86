import { gunzipSync, gzipSync } from 'node:zlib'
import { decodeBase64url, encodeBase64url } from '../encoding/index.js'
import { PlatformError } from '../errors.js'

/** The fewest entries a status list may have: 131,072 (16 KiB at one bit each), for herd privacy. */
export const MIN_STATUS_LIST_LENGTH = 131_072

/** The default ceiling on a decompressed list, 16 MiB: 128 times the one-bit minimum. */
export const DEFAULT_MAX_STATUS_LIST_BYTES = 16 * 1024 * 1024

/** How to read an `encodedList`. */
export interface DecodeBytesOptions {
  /** Require the multibase `u` prefix (Bitstring Status List). StatusList2021 lists have none. Default true. */
  multibase?: boolean
  /** Refuse a list that decompresses to more bytes than this. Default {@link DEFAULT_MAX_STATUS_LIST_BYTES}. */
  maxBytes?: number
}

/** The first bytes of every GZIP member (RFC 1952 §2.3.1): ID1, ID2, CM = deflate. */
const GZIP_MAGIC_BASE64URL = 'H4sI'

/**
 * `encodedList` text for the bytes of a bitstring: `u` + base64url, unpadded, of their GZIP form.
 * @see https://www.w3.org/TR/vc-bitstring-status-list/#bitstring-generation-algorithm
 */
export const encodeListBytes = (bytes: Uint8Array): string => 'u' + encodeBase64url(gzipSync(bytes))

/**
 * The bytes of a bitstring from its `encodedList`. Fails with a PlatformError naming the layer that is wrong:
 * `ERR_STATUS_LIST_MULTIBASE` (no `u` prefix), `ERR_STATUS_LIST_BASE64URL`, `ERR_STATUS_LIST_GZIP`,
 * or `ERR_STATUS_LIST_TOO_LARGE` (more than `maxBytes` once decompressed: inflation stops there, so a
 * GZIP bomb costs at most `maxBytes` of memory). The minimum length is the caller's check, which knows the entry size.
 * @see https://www.w3.org/TR/vc-bitstring-status-list/#bitstring-expansion-algorithm
 */
export function decodeListBytes(encodedList: string, options: DecodeBytesOptions = {}): Uint8Array {
  const multibase = options.multibase ?? true
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_STATUS_LIST_BYTES
  if (typeof encodedList !== 'string') throw new TypeError('encodedList must be a string')
  if (!Number.isSafeInteger(maxBytes) || maxBytes < 1) throw new TypeError('maxBytes must be a positive integer')
  const text = multibase ? withoutMultibasePrefix(encodedList) : withoutStray2021Prefix(encodedList)
  const compressed = fromBase64url(text)
  try {
    return new Uint8Array(gunzipSync(compressed, { maxOutputLength: maxBytes }))
  } catch (err) {
    if (err instanceof RangeError && (err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE')
      throw new PlatformError('ERR_STATUS_LIST_TOO_LARGE', `Status list decompresses to more than ${maxBytes} bytes`, { cause: err })
    throw new PlatformError('ERR_STATUS_LIST_GZIP', `Status list is not valid GZIP data: ${(err as Error).message}`, { cause: err })
  }
}

function withoutMultibasePrefix(encodedList: string): string {
  if (encodedList.startsWith('u')) return encodedList.slice(1)
  const hint = encodedList.startsWith(GZIP_MAGIC_BASE64URL) ? ' (this looks like a StatusList2021 list, which has no prefix)' : ''
  throw new PlatformError('ERR_STATUS_LIST_MULTIBASE', `encodedList must be multibase base64url, starting with "u"${hint}`)
}

// Some StatusList2021 issuers adopted the Bitstring `u` prefix; GZIP's magic bytes make it unambiguous.
const withoutStray2021Prefix = (encodedList: string): string =>
  encodedList.startsWith('u' + GZIP_MAGIC_BASE64URL) ? encodedList.slice(1) : encodedList

function fromBase64url(text: string): Uint8Array {
  try {
    return decodeBase64url(text)
  } catch (err) {
    throw new PlatformError('ERR_STATUS_LIST_BASE64URL', 'encodedList is not unpadded base64url text', { cause: err })
  }
}
