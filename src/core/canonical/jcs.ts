import canonicalizeJson from 'canonicalize'
import { PlatformError } from '../errors.js'

/**
 * RFC 8785 JSON Canonicalization Scheme: sorted keys, ECMAScript number and string forms.
 * @see https://www.rfc-editor.org/rfc/rfc8785
 */
export function jcs(value: unknown): string {
  const text = canonicalizeJson(value)
  if (text === undefined) throw new PlatformError('ERR_INPUT_INVALID', 'Value has no JSON form (undefined or a function)')
  return text
}
