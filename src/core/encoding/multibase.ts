import { PlatformError } from '../errors.js'
import { decodeBase58btc, encodeBase58btc } from './base58btc.js'
import { decodeBase64url, encodeBase64url } from './base64url.js'

/** The multibase encodings Emblem reads and writes: `z` base58btc and `u` base64url (no padding). */
export type MultibaseEncoding = 'base58btc' | 'base64url'

const PREFIX: Record<MultibaseEncoding, string> = { base58btc: 'z', base64url: 'u' }

/**
 * Multibase text: a one-character prefix naming the encoding, then the encoded bytes.
 * @see https://datatracker.ietf.org/doc/html/draft-multiformats-multibase-08
 */
export function encodeMultibase(bytes: Uint8Array, encoding: MultibaseEncoding = 'base58btc'): string {
  return PREFIX[encoding] + (encoding === 'base58btc' ? encodeBase58btc(bytes) : encodeBase64url(bytes))
}

/** Decodes multibase text with a `z` or `u` prefix; anything else is an `ERR_INPUT_INVALID` error. */
export function decodeMultibase(text: string): { encoding: MultibaseEncoding; bytes: Uint8Array } {
  const body = text.slice(1)
  if (text.startsWith('z')) return { encoding: 'base58btc', bytes: decodeBase58btc(body) }
  if (text.startsWith('u')) return { encoding: 'base64url', bytes: decodeBase64url(body) }
  throw new PlatformError('ERR_INPUT_INVALID', `Unsupported multibase prefix ${JSON.stringify(text.slice(0, 1))} (expected "z" or "u")`)
}

/** Decodes multibase text that must use `encoding`; another prefix is an `ERR_INPUT_INVALID` error. */
export function decodeMultibaseAs(text: string, encoding: MultibaseEncoding): Uint8Array {
  if (!text.startsWith(PREFIX[encoding]))
    throw new PlatformError('ERR_INPUT_INVALID', `Expected ${encoding} multibase text starting with "${PREFIX[encoding]}"`)
  return decodeMultibase(text).bytes
}
