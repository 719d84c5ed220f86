import { PlatformError } from '../errors.js'

const BASE64URL = /^[A-Za-z0-9_-]*$/

/**
 * Base64url without padding.
 * @see https://www.rfc-editor.org/rfc/rfc4648#section-5
 */
export const encodeBase64url = (bytes: Uint8Array): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64url')

/** Decodes unpadded base64url; padding, other characters or an impossible length are `ERR_INPUT_INVALID`. */
export function decodeBase64url(text: string): Uint8Array {
  // Buffer.from skips characters it does not know; reject them instead.
  if (!BASE64URL.test(text) || text.length % 4 === 1) throw new PlatformError('ERR_INPUT_INVALID', 'Invalid base64url text')
  return new Uint8Array(Buffer.from(text, 'base64url'))
}
