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

const CLAIMS = ['iss', 'jti', 'nbf', 'sub', 'exp'] as const

/** The names of the claims in `payload` that differ from those `expected` (absent on one side counts as different). */
export function mismatchedClaims(payload: Record<string, unknown>, expected: CredentialJwtClaims): string[] {
  return CLAIMS.filter((name) => payload[name] !== expected[name])
}

/**
 * How the claims of a VC-JWT were compared with its credential: the names present in the payload
 * that differ, and the names the credential calls for that the payload lacks.
 */
export interface ClaimComparison {
  mismatched: string[]
  absent: string[]
}

/**
 * Compares a VC-JWT's registered claims with what its credential says (`jwtClaimsOf`'s mapping,
 * computed leniently: a credential without issuer or dates just has no expected claim for them).
 * A claim on one side only is `absent` when the payload lacks it, `mismatched` when the credential does.
 */
export function compareClaims(payload: Record<string, unknown>, credential: Record<string, unknown>): ClaimComparison {
  const expected = lenientClaims(credential)
  const mismatched: string[] = []
  const absent: string[] = []
  for (const name of CLAIMS) {
    const want = expected[name]
    const got = payload[name]
    if (got === undefined && want === undefined) continue
    if (got === undefined) absent.push(name)
    else if (got !== want) mismatched.push(name)
  }
  return { mismatched, absent }
}

function lenientClaims(credential: Record<string, unknown>): Partial<Record<(typeof CLAIMS)[number], unknown>> {
  const issuer = credential.issuer
  const iss = typeof issuer === 'string' ? issuer : (issuer as { id?: unknown } | undefined)?.id
  const subject = credential.credentialSubject
  const sub = typeof subject === 'object' && subject !== null && !Array.isArray(subject) ? (subject as { id?: unknown }).id : undefined
  const time = (value: unknown): number | undefined => {
    if (typeof value !== 'string' || !XSD_DATE_TIME.test(value)) return undefined
    return Math.floor(Date.parse(value) / 1000)
  }
  return {
    iss: typeof iss === 'string' ? iss : undefined,
    jti: typeof credential.id === 'string' ? credential.id : undefined,
    nbf: time(credential.validFrom ?? credential.issuanceDate),
    sub: typeof sub === 'string' ? sub : undefined,
    exp: time(credential.validUntil ?? credential.expirationDate),
  }
}

/** The shapes of VC-JWT Emblem reads. */
export type JwtForm =
  /** OB 3.0 §8.2: the credential's properties plus iss, jti, nbf, sub, exp; typ "JWT" or none. Required claims must be present. */
  | 'ob3'
  /** VC-JOSE-COSE (`typ: vc+jwt`): the payload is the credential; registered claims may be left out, and must match when present. */
  | 'vc-jose-cose'
  /** VC-JWT 1.1: the credential in the `vc` claim; iss, jti, nbf, sub and exp stand for the properties the `vc` object leaves out. */
  | 'vc-claim'

/**
 * The credential a VC-JWT payload carries and the form it is in. For the `vc` claim form the
 * credential is `vc` with issuer, id, issuanceDate, expirationDate and the subject's id taken from
 * iss, jti, nbf, exp and sub where `vc` lacks them (VC Data Model 1.1 §6.3.1).
 * @see https://www.w3.org/TR/vc-jose-cose/#securing-with-jose
 */
export function credentialOfJwt(payload: Record<string, unknown>, header: { typ?: unknown; cty?: unknown }): { form: JwtForm; credential: Record<string, unknown> } {
  const vc = payload.vc
  if (typeof vc === 'object' && vc !== null && !Array.isArray(vc) && payload['@context'] === undefined)
    return { form: 'vc-claim', credential: fromVcClaim(payload, vc as Record<string, unknown>) }
  const credential = Object.fromEntries(Object.entries(payload).filter(([name]) => !(JWT_CLAIM_NAMES as readonly string[]).includes(name)))
  const typ = typeof header.typ === 'string' ? header.typ.toLowerCase() : ''
  const form = typ === 'vc+jwt' || typ === 'application/vc+jwt' || typ === 'vc+ld+jwt' ? 'vc-jose-cose' : 'ob3'
  return { form, credential }
}

function fromVcClaim(payload: Record<string, unknown>, vc: Record<string, unknown>): Record<string, unknown> {
  const credential: Record<string, unknown> = { ...vc }
  const iso = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? new Date(value * 1000).toISOString().replace('.000Z', 'Z') : undefined)
  if (credential.issuer === undefined && typeof payload.iss === 'string') credential.issuer = payload.iss
  if (credential.id === undefined && typeof payload.jti === 'string') credential.id = payload.jti
  if (credential.issuanceDate === undefined && credential.validFrom === undefined && iso(payload.nbf)) credential.issuanceDate = iso(payload.nbf)
  if (credential.expirationDate === undefined && credential.validUntil === undefined && iso(payload.exp)) credential.expirationDate = iso(payload.exp)
  const subject = credential.credentialSubject
  if (typeof payload.sub === 'string' && typeof subject === 'object' && subject !== null && !Array.isArray(subject) && (subject as { id?: unknown }).id === undefined)
    credential.credentialSubject = { id: payload.sub, ...subject }
  return credential
}

function seconds(value: unknown, name: string): number | undefined {
  if (value === undefined) return undefined
  if (typeof value !== 'string' || !XSD_DATE_TIME.test(value)) throw new PlatformError('ERR_INPUT_INVALID', `Credential ${name} is not a dateTime`)
  return Math.floor(Date.parse(value) / 1000)
}
