import type { ProtectedHeaderParameters } from 'jose'
import { encodeBase64url } from '../encoding/index.js'
import { isPlatformError } from '../errors.js'
import type { ProofCode } from './data-integrity/types.js'
import { compareClaims, credentialOfJwt, jwtClaimsOf, type JwtForm } from './jwt-claims.js'
import type { Signer } from './signer.js'
import { isSameVerificationMethod, jwtPublicKeyOf, type ResolveVerificationMethod } from './verification-method.js'

/** The outcome of `verifyJwt`: the credential it carried when the signature and the claims check out. */
export interface JwtResult {
  verified: boolean
  credential?: Record<string, unknown>
  verificationMethod?: string
  controller?: string
  /** The JWS algorithm and the shape of the payload, once the header and payload were read. */
  alg?: string
  form?: JwtForm
  code?: ProofCode
  message?: string
}

/** EdDSA (Emblem's), RS256 (OB 3.0's minimum) and the ECDSA algorithms issuers use. */
const ALGORITHMS = ['EdDSA', 'Ed25519', 'RS256', 'PS256', 'ES256', 'ES384']
/** Claims OB 3.0 §8.2 requires of a VC-JWT in its form, when the credential has what they stand for. */
const OB3_REQUIRED = ['iss', 'jti', 'nbf', 'sub', 'exp']
const encodeJson = (value: unknown) => encodeBase64url(new TextEncoder().encode(JSON.stringify(value)))

/**
 * An OB 3.0 VC-JWT: compact JWS (EdDSA) whose payload is the credential plus `iss`, `jti`, `nbf`,
 * `sub`, `exp`. `kid` defaults to the signer's verification method. Signs through `signer.sign`, so
 * any Signer works; the bytes are those jose's CompactSign produces for the same header and payload.
 * @example const jwt = signJwt(credential, createSigner(keyPair, 'did:web:example.org#key-1'))
 * @see https://www.imsglobal.org/spec/ob/v3p0/#jwt-proof
 */
export function signJwt(credential: Record<string, unknown>, signer: Signer, options: { kid?: string } = {}): string {
  if (typeof credential !== 'object' || credential === null || Array.isArray(credential)) throw new TypeError('Credential must be a JSON object')
  const header = { alg: 'EdDSA', typ: 'JWT', kid: options.kid ?? signer.verificationMethod }
  const signingInput = `${encodeJson(header)}.${encodeJson({ ...credential, ...jwtClaimsOf(credential) })}`
  return `${signingInput}.${encodeBase64url(signer.sign(new TextEncoder().encode(signingInput)))}`
}

/**
 * Verifies a VC-JWT: the signature (EdDSA, RS256, PS256, ES256, ES384) by the method `kid` names
 * (a relative `#kid` is read against `iss`), then the registered claims against the credential.
 * Three forms (see JwtForm): OB 3.0 (claims required: a missing one is JWT_CLAIM_ABSENT), VC-JOSE-COSE
 * `typ: vc+jwt` (claims optional, checked when present) and the VC 1.1 `vc` claim. A claim that
 * differs is PROOF_CLAIMS_MISMATCH. Does not judge validity dates (no clock here).
 * Never throws for a bad JWT; a missing resolver is a TypeError.
 */
export async function verifyJwt(compact: unknown, options: { resolveVerificationMethod: ResolveVerificationMethod }): Promise<JwtResult> {
  if (typeof options?.resolveVerificationMethod !== 'function') throw new TypeError('verifyJwt needs a resolveVerificationMethod function')
  const fail = (code: ProofCode, message: string, extra: Partial<JwtResult> = {}): JwtResult => ({ verified: false, ...extra, code, message })
  if (typeof compact !== 'string' || compact.split('.').length !== 3) return fail('PROOF_MALFORMED', 'Not a compact JWS')
  // Loaded on first use: signing, and the command line's start, do not need it.
  const { compactVerify, decodeProtectedHeader } = await import('jose')
  let header: ProtectedHeaderParameters
  try {
    header = decodeProtectedHeader(compact)
  } catch {
    return fail('PROOF_MALFORMED', 'JWS header is not base64url JSON')
  }
  const alg = String(header.alg)
  if (!ALGORITHMS.includes(alg)) return fail('PROOF_UNSUPPORTED_SUITE', `JWS alg ${alg} is not supported (${ALGORITHMS.join(', ')})`)
  if (typeof header.kid !== 'string' || header.kid === '')
    return fail('PROOF_MALFORMED', header.jwk ? 'JWS header carries a jwk but no kid: a key in the token itself is bound to no issuer' : 'JWS header has no kid naming the verification method')
  const kid = header.kid.startsWith('#') ? `${issOf(compact) ?? ''}${header.kid}` : header.kid
  const named = { verificationMethod: kid, alg }

  let key
  let controller: string
  try {
    const method = await options.resolveVerificationMethod(kid, { proofPurpose: 'assertionMethod' })
    if (typeof method?.id !== 'string' || !isSameVerificationMethod(kid, method.id))
      return fail('PROOF_VERIFICATION_METHOD_MISMATCH', `Resolving ${kid} returned the method ${String(method?.id)}`, named)
    if (typeof method.controller !== 'string') return fail('PROOF_KEY_INVALID', `Verification method ${kid} has no controller`, named)
    controller = method.controller
    key = jwtPublicKeyOf(method)
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err)
    if (isPlatformError(err, 'ERR_KEY_INVALID')) return fail('PROOF_KEY_INVALID', message, named)
    return fail('PROOF_KEY_UNRESOLVED', `Verification method ${kid} could not be resolved: ${message}`, named)
  }

  let payload: unknown
  try {
    const { payload: bytes } = await compactVerify(compact, key, { algorithms: [alg] })
    payload = JSON.parse(new TextDecoder().decode(bytes))
  } catch (err) {
    const code = (err as { code?: string }).code
    if (code === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED') return fail('PROOF_SIGNATURE_INVALID', `Signature does not verify with ${kid}`, named)
    if (err instanceof TypeError || code === 'ERR_JOSE_NOT_SUPPORTED' || code === 'ERR_JWS_INVALID')
      return fail('PROOF_KEY_INVALID', `The key of ${kid} does not fit alg ${alg}: ${err instanceof Error ? err.message : String(err)}`, named)
    return fail('PROOF_MALFORMED', 'JWS payload is not valid JSON', named)
  }
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return fail('PROOF_MALFORMED', 'JWT payload is not a JSON object', named)
  return checkClaims(payload as Record<string, unknown>, header, { ...named, controller }, fail)
}

/** The `iss` of a compact JWS's payload, unverified: the base a relative `kid` is read against. */
function issOf(compact: string): string | undefined {
  try {
    const payload = JSON.parse(new TextDecoder().decode(Buffer.from(compact.split('.')[1] ?? '', 'base64url'))) as Record<string, unknown>
    const issuer = payload.iss ?? (payload.issuer as { id?: unknown } | undefined)?.id ?? payload.issuer
    return typeof issuer === 'string' ? issuer : undefined
  } catch {
    return undefined
  }
}

function checkClaims(
  payload: Record<string, unknown>,
  header: ProtectedHeaderParameters,
  named: { verificationMethod: string; controller: string; alg: string },
  fail: (code: ProofCode, message: string, extra?: Partial<JwtResult>) => JwtResult,
): JwtResult {
  const { form, credential } = credentialOfJwt(payload, header)
  const withForm = { ...named, form }
  const { mismatched, absent } = compareClaims(payload, credential)
  if (mismatched.length > 0) return fail('PROOF_CLAIMS_MISMATCH', `JWT claims ${mismatched.join(', ')} do not match the credential`, withForm)
  const required = form === 'ob3' ? absent.filter((name) => OB3_REQUIRED.includes(name)) : []
  if (required.length > 0)
    return fail('JWT_CLAIM_ABSENT', `JWT claims ${required.join(', ')} are absent; an OB 3.0 VC-JWT carries them (a VC-JOSE-COSE token says typ "vc+jwt")`, withForm)
  return { verified: true, credential, ...withForm }
}
