import { createHash } from 'node:crypto'
import type { IdentityObject } from './types.js'

const HASH = /^(sha256|md5)\$([0-9a-fA-F]+)$/
const HEX_LENGTH = { sha256: 64, md5: 32 } as const

/**
 * Emblem's e-mail policy, applied alike when issuing and when checking a recipient: trim surrounding
 * whitespace and lower-case (locale-independent). No Unicode normalization and no provider rules
 * (dots, `+tags`): OB 3.0 specifies no normalization (STANDARDS 1.4), so we do the least that helps.
 */
export const normalizeEmail = (email: string): string => email.trim().toLowerCase()

/**
 * The OB 3.0 IdentityHash of `identity` salted with `salt`: `sha256$` + hex SHA-256 of UTF-8(identity + salt).
 * Does not normalize; callers pass `normalizeEmail(email)` for e-mail addresses.
 * @example hashIdentity('a@example.com', 'Kosher') // 'sha256$b5809d8a…ef399'
 * @see https://www.imsglobal.org/spec/ob/v3p0/#identityhash
 */
export const hashIdentity = (identity: string, salt = ''): string =>
  `sha256$${createHash('sha256').update(identity + salt, 'utf8').digest('hex')}`

/** True when `value` is a well-formed IdentityHash (`sha256$` + 64 hex or legacy `md5$` + 32 hex, either case). */
export function isIdentityHash(value: string): boolean {
  const match = HASH.exec(value)
  return match !== null && match[2]!.length === HEX_LENGTH[match[1] as keyof typeof HEX_LENGTH]
}

/** A salted, hashed `emailAddress` IdentityObject for `email` under Emblem's normalization policy. */
export const emailIdentity = (email: string, salt: string): IdentityObject => ({
  type: 'IdentityObject',
  identityHash: hashIdentity(normalizeEmail(email), salt),
  identityType: 'emailAddress',
  hashed: true,
  salt,
})

/**
 * True when `identity` names the e-mail address `email`. Other identity types never match. Hashed
 * identities are compared for the normalized address and, for issuers that did not normalize, the
 * address as given; legacy md5 hashes are accepted on read. Plain identities compare normalized.
 * @see https://www.imsglobal.org/spec/ob/v3p0/#verify-the-recipient-using-an-identifier
 */
export function matchesIdentity(identity: IdentityObject, email: string): boolean {
  if (identity.identityType !== 'emailAddress') return false
  if (!identity.hashed) return normalizeEmail(identity.identityHash) === normalizeEmail(email)
  const match = HASH.exec(identity.identityHash)
  if (!match || !isIdentityHash(identity.identityHash)) return false
  const algorithm = match[1] as 'sha256' | 'md5'
  const expected = match[2]!.toLowerCase()
  const salt = identity.salt ?? ''
  const candidates = new Set([normalizeEmail(email), email])
  for (const candidate of candidates) {
    if (createHash(algorithm).update(candidate + salt, 'utf8').digest('hex') === expected) return true
  }
  return false
}
