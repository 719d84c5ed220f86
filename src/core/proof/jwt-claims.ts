import { PlatformError } from '../errors.js'
import { XSD_DATE_TIME } from './data-integrity/sign-credential.js'

/** The registered JWT claims OB 3.0 derives from a credential. */
export interface CredentialJwtClaims {
  iss: string
  jti?: string
  nbf: number
  sub?: string
  exp?: number
}

/** Claim names a VC-JWT adds beside the credential's own properties. */
export const JWT_CLAIM_NAMES = ['iss', 'jti', 'nbf', 'sub', 'exp', 'iat'] as const

/**
 * OB 3.0 VC-JWT claims for `credential`: `iss` = issuer id, `jti` = id, `nbf` = validFrom and `exp` =
 * validUntil in seconds, `sub` = credentialSubject.id. VC 1.1 issuanceDate/expirationDate stand in
 * for validFrom/validUntil. A credential without issuer or valid dates is an `ERR_INPUT_INVALID` error.
 * @see https://www.imsglobal.org/spec/ob/v3p0/#jwt-proof
 */
export function jwtClaimsOf(credential: Record<string, unknown>): CredentialJwtClaims {
  const issuer = credential.issuer
  const iss = typeof issuer === 'string' ? issuer : (issuer as { id?: unknown } | undefined)?.id
  if (typeof iss !== 'string') throw new PlatformError('ERR_INPUT_INVALID', 'Credential has no issuer id')
  const nbf = seconds(credential.validFrom ?? credential.issuanceDate, 'validFrom')
  if (nbf === undefined) throw new PlatformError('ERR_INPUT_INVALID', 'Credential has no validFrom')
  const exp = seconds(credential.validUntil ?? credential.expirationDate, 'validUntil')
  const subject = credential.credentialSubject
  const sub = typeof subject === 'object' && subject !== null && !Array.isArray(subject) ? (subject as { id?: unknown }).id : undefined
  return {
    iss,
    ...(typeof credential.id === 'string' ? { jti: credential.id } : {}),
    nbf,
    ...(typeof sub === 'string' ? { sub } : {}),
    ...(exp === undefined ? {} : { exp }),
  }
}

/** The names of the claims in `payload` that differ from those `expected` (absent on one side counts as different). */
export function mismatchedClaims(payload: Record<string, unknown>, expected: CredentialJwtClaims): string[] {
  const names = ['iss', 'jti', 'nbf', 'sub', 'exp'] as const
  return names.filter((name) => payload[name] !== expected[name])
}

function seconds(value: unknown, name: string): number | undefined {
  if (value === undefined) return undefined
  if (typeof value !== 'string' || !XSD_DATE_TIME.test(value)) throw new PlatformError('ERR_INPUT_INVALID', `Credential ${name} is not a dateTime`)
  return Math.floor(Date.parse(value) / 1000)
}
