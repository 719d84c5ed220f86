import { PlatformError } from '../core/errors.js'

/** How a credential travels as text: OB 3.0 JSON (embedded proof) or a compact JWS (VC-JWT). */
export type CredentialFormat = 'json' | 'jwt'

const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+$/

/**
 * Tells a credential's JSON text from a compact JWS, so baking can place it the way OB 3.0 says.
 * Anything else (empty text, JSON that does not parse or is not an object, other text) is
 * `ERR_INPUT_INVALID`; this does not verify the credential.
 * @see https://www.imsglobal.org/spec/ob/v3p0/#baking
 */
export function credentialFormat(credential: string): CredentialFormat {
  if (typeof credential !== 'string') throw new TypeError('Expected the credential as JSON text or a compact JWS string')
  const text = credential.trim()
  if (text === '') throw new PlatformError('ERR_INPUT_INVALID', 'credential is empty')
  if (COMPACT_JWS.test(text)) return 'jwt'
  if (!text.startsWith('{'))
    throw new PlatformError('ERR_INPUT_INVALID', 'credential must be a JSON object or a compact JWT (header.payload.signature)')
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (err) {
    throw new PlatformError('ERR_INPUT_INVALID', `credential is not valid JSON: ${(err as Error).message}`, { cause: err })
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new PlatformError('ERR_INPUT_INVALID', 'credential JSON must be an object')
  return 'json'
}
