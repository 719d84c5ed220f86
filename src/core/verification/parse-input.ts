import { checkInputLimits, parseJsonInput, DEFAULT_INPUT_LIMITS } from '../credential/index.js'
import { decodeBase64url } from '../encoding/index.js'
import { isPlatformError } from '../errors.js'
import { credentialOfJwt, type JwtForm } from '../proof/index.js'
import type { Check, InputLimits, VerificationCode } from './types.js'

/** A parsed input: JSON with an embedded proof, or a compact VC-JWT and the credential in its payload. */
export type ParsedInput =
  | { ok: true; check: Check; format: 'json'; credential: Record<string, unknown> }
  | { ok: true; check: Check; format: 'jwt'; compact: string; credential: Record<string, unknown> }
  | { ok: false; check: Check }

const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/

const failed = (code: VerificationCode, message: string): ParsedInput => ({ ok: false, check: { id: 'parse', outcome: 'failed', code, message } })

/**
 * The 'parse' check: reads a credential object, JSON text or bytes, or a compact JWS, within the size,
 * depth and array limits. Input is measured before it is decoded, so an oversized one costs nothing.
 */
export function parseInput(input: unknown, limits: InputLimits = {}): ParsedInput {
  const maxBytes = limits.maxBytes ?? DEFAULT_INPUT_LIMITS.maxBytes
  if (input instanceof Uint8Array) {
    if (input.byteLength > maxBytes) return failed('INPUT_TOO_LARGE', `Input is ${input.byteLength} bytes; the limit is ${maxBytes}`)
    let text: string
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(input)
    } catch {
      return failed('JSON_PARSE', 'Input is not valid UTF-8')
    }
    return parseText(text, limits)
  }
  if (typeof input === 'string') {
    // A UTF-16 code unit is at least one UTF-8 byte, so this bound rejects without encoding.
    if (input.length > maxBytes) return failed('INPUT_TOO_LARGE', `Input is at least ${input.length} bytes; the limit is ${maxBytes}`)
    return parseText(input, limits)
  }
  if (typeof input === 'object' && input !== null && !Array.isArray(input)) {
    // A caller's object gets the depth, array and string limits that text gets.
    try {
      checkInputLimits(input, limits)
    } catch (err) {
      return failedWith(err)
    }
    return { ok: true, format: 'json', credential: input as Record<string, unknown>, check: { id: 'parse', outcome: 'passed', message: 'Credential object' } }
  }
  return failed('INPUT_INVALID', `Expected a credential object, JSON or a compact JWS, got ${input === null ? 'null' : typeof input}`)
}

function parseText(text: string, limits: InputLimits): ParsedInput {
  const trimmed = text.trim()
  if (COMPACT_JWS.test(trimmed)) return parseJwt(trimmed, limits)
  const value = parseJson(text, limits)
  if ('check' in value) return value
  return { ok: true, format: 'json', credential: value.object, check: { id: 'parse', outcome: 'passed', message: 'JSON credential with an embedded proof' } }
}

const FORMS: Record<JwtForm, string> = {
  ob3: 'Compact VC-JWT (OB 3.0)',
  'vc-jose-cose': 'Compact VC-JWT (VC-JOSE-COSE, typ vc+jwt)',
  'vc-claim': 'Compact VC-JWT (VC 1.1, credential in the vc claim)',
}

function parseJwt(compact: string, limits: InputLimits): ParsedInput {
  const [encodedHeader = '', payload = ''] = compact.split('.')
  let text: string
  let header: Record<string, unknown>
  try {
    const decoder = new TextDecoder('utf-8', { fatal: true })
    text = decoder.decode(decodeBase64url(payload))
    const parsedHeader: unknown = JSON.parse(decoder.decode(decodeBase64url(encodedHeader)))
    header = typeof parsedHeader === 'object' && parsedHeader !== null && !Array.isArray(parsedHeader) ? (parsedHeader as Record<string, unknown>) : {}
  } catch {
    return failed('JWT_MALFORMED', 'The JWS header or payload is not base64url UTF-8 JSON')
  }
  const value = parseJson(text, limits)
  if ('check' in value) return value.check.code === 'JSON_PARSE' ? failed('JWT_MALFORMED', `The JWS payload is not JSON: ${value.check.message}`) : value
  const { form, credential } = credentialOfJwt(value.object, header)
  return { ok: true, format: 'jwt', compact, credential, check: { id: 'parse', outcome: 'passed', message: FORMS[form] } }
}

function parseJson(text: string, limits: InputLimits): { object: Record<string, unknown> } | { ok: false; check: Check } {
  let value: unknown
  try {
    value = parseJsonInput(text, limits)
  } catch (err) {
    return failedWith(err)
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { ok: false, check: { id: 'parse', outcome: 'failed', code: 'INPUT_INVALID', message: 'A credential must be a JSON object' } }
  return { object: value as Record<string, unknown> }
}

const LIMIT_CODES: Partial<Record<string, VerificationCode>> = {
  ERR_INPUT_TOO_LARGE: 'INPUT_TOO_LARGE',
  ERR_INPUT_TOO_DEEP: 'INPUT_TOO_DEEP',
  ERR_ARRAY_TOO_LONG: 'ARRAY_TOO_LONG',
  ERR_JSON_PARSE: 'JSON_PARSE',
}

/** The failed 'parse' check for a PlatformError of parseJsonInput or checkInputLimits. */
function failedWith(err: unknown): { ok: false; check: Check } {
  if (!isPlatformError(err)) throw err
  return { ok: false, check: { id: 'parse', outcome: 'failed', code: LIMIT_CODES[err.code] ?? 'INPUT_INVALID', message: err.message } }
}
