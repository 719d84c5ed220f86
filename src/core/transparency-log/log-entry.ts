import { createHash } from 'node:crypto'
import { jcs } from '../canonical/index.js'
import { encodeBase64url } from '../encoding/index.js'
import { PlatformError } from '../errors.js'

/** A log entry (DESIGN.md §3): which credential, a digest of its signed form, who issued it and when. */
export interface LogEntry {
  /** The credential's `id`. */
  readonly credential: string
  /** base64url SHA-256 of the JCS of the signed credential, proof included. */
  readonly digest: string
  /** The issuer's `id`. */
  readonly issuer: string
  /** The credential's `validFrom`. */
  readonly issued: string
}

/** The fields of a signed credential that a log entry records; the rest only feeds the digest. */
export interface LoggableCredential {
  readonly id?: unknown
  readonly issuer?: unknown
  readonly validFrom?: unknown
  readonly [property: string]: unknown
}

const utf8 = new TextEncoder()
const utf8Strict = new TextDecoder('utf-8', { fatal: true })
const invalid = (why: string) => new PlatformError('ERR_INPUT_INVALID', `Log entry: ${why}`)

/**
 * base64url SHA-256 of a signed credential's JCS text (RFC 8785), as already serialized: what a
 * signer that holds the canonical text digests without parsing it again.
 * @see https://www.rfc-editor.org/rfc/rfc8785
 */
export const digestOfCanonicalText = (jcsText: string): string => encodeBase64url(createHash('sha256').update(jcsText, 'utf8').digest())

/**
 * base64url SHA-256 of the JCS (RFC 8785) of a signed credential: what binds a log entry to the credential's bytes.
 * @see https://www.rfc-editor.org/rfc/rfc8785
 */
export const credentialDigest = (credential: LoggableCredential): string => digestOfCanonicalText(jcs(credential))

/** What a log entry is built from: the credential's id, issuer id, validFrom and digest. */
export interface LogEntryFields {
  readonly id: string
  readonly issuer: string
  readonly issued: string
  readonly digest: string
}

/**
 * The one builder of log entries (DESIGN.md §3): UTF-8 of the JCS of {credential, digest, issuer, issued}.
 * `ERR_INPUT_INVALID` when a field is empty.
 * @example const entry = logEntry({ id, issuer, issued: validFrom, digest: digestOfCanonicalText(storedJcs) })
 */
export function logEntry({ id, issuer, issued, digest }: LogEntryFields): Uint8Array {
  if (typeof id !== 'string' || id === '') throw invalid('the credential has no id')
  if (typeof issuer !== 'string' || issuer === '') throw invalid('the credential has no issuer id')
  if (typeof issued !== 'string' || issued === '') throw invalid('the credential has no validFrom')
  if (typeof digest !== 'string' || digest === '') throw invalid('the credential has no digest')
  const entry: LogEntry = { credential: id, digest, issuer, issued }
  return utf8.encode(jcs(entry))
}

/** The issuer id of a credential: `issuer` itself when a string, else `issuer.id`. */
export const issuerIdOf = (issuer: unknown): unknown => (typeof issuer === 'string' ? issuer : (issuer as { id?: unknown } | null | undefined)?.id)

/**
 * The log entry of a signed credential, its digest computed from the credential (see {@link logEntry}).
 * `ERR_INPUT_INVALID` when `id`, the issuer's id or `validFrom` is missing.
 * @see https://www.rfc-editor.org/rfc/rfc8785
 * @example
 * const leafHash = hashLeaf(logEntryFor(signedCredential))
 */
export function logEntryFor(credential: LoggableCredential): Uint8Array {
  const { id, issuer, validFrom } = credential
  const issuerId = issuerIdOf(issuer)
  if (typeof id !== 'string' || id === '') throw invalid('the credential has no id')
  if (typeof issuerId !== 'string' || issuerId === '') throw invalid('the credential has no issuer id')
  if (typeof validFrom !== 'string' || validFrom === '') throw invalid('the credential has no validFrom')
  return logEntry({ id, issuer: issuerId, issued: validFrom, digest: credentialDigest(credential) })
}

/**
 * Reads a log entry back, as a monitor does: exactly the four string fields, in JCS form.
 * `ERR_INPUT_INVALID` otherwise.
 */
export function parseLogEntry(bytes: Uint8Array): LogEntry {
  let value: unknown
  try {
    value = JSON.parse(utf8Strict.decode(bytes))
  } catch {
    throw invalid('not UTF-8 JSON')
  }
  const entry = value as Record<string, unknown>
  const keys = ['credential', 'digest', 'issuer', 'issued']
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalid('not a JSON object')
  if (Object.keys(entry).length !== keys.length || !keys.every((key) => typeof entry[key] === 'string')) {
    throw invalid('expected exactly the string fields credential, digest, issuer and issued')
  }
  if (Buffer.compare(Buffer.from(jcs(entry), 'utf8'), Buffer.from(bytes)) !== 0) throw invalid('not in canonical (JCS) form')
  return entry as unknown as LogEntry
}
