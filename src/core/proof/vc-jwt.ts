import type { ProtectedHeaderParameters } from 'jose'
import { encodeBase64url } from '../encoding/index.js'
import { PlatformError, isPlatformError } from '../errors.js'
import type { ProofCode } from './data-integrity/types.js'
import { JWT_CLAIM_NAMES, jwtClaimsOf, mismatchedClaims } from './jwt-claims.js'
import type { Signer } from './signer.js'
import { isSameVerificationMethod, publicKeyOf, type ResolveVerificationMethod } from './verification-method.js'

/** The outcome of `verifyJwt`: the credential it carried when the signature and the claims check out. */
export interface JwtResult {
  verified: boolean
  credential?: Record<string, unknown>
  verificationMethod?: string
  controller?: string
  code?: ProofCode
  message?: string
}

const ALGORITHMS = ['EdDSA', 'Ed25519']
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
 * Verifies an OB 3.0 VC-JWT: EdDSA signature by the method `kid` names, then that `iss`, `jti`,
 * `nbf`, `sub` and `exp` match the credential. Does not judge validity dates (no clock here).
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
  if (!ALGORITHMS.includes(String(header.alg))) return fail('PROOF_UNSUPPORTED_SUITE', `JWS alg ${String(header.alg)} is not supported (EdDSA only)`)
  const kid = header.kid
  if (typeof kid !== 'string') return fail('PROOF_MALFORMED', 'JWS header has no kid naming the verification method')
  const named = { verificationMethod: kid }

  let key
  let controller: string
  try {
    const method = await options.resolveVerificationMethod(kid, { proofPurpose: 'assertionMethod' })
    if (typeof method?.id !== 'string' || !isSameVerificationMethod(kid, method.id))
      return fail('PROOF_VERIFICATION_METHOD_MISMATCH', `Resolving ${kid} returned the method ${String(method?.id)}`, named)
    if (typeof method.controller !== 'string') return fail('PROOF_KEY_INVALID', `Verification method ${kid} has no controller`, named)
    controller = method.controller
    key = publicKeyOf(method)
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err)
    if (isPlatformError(err, 'ERR_KEY_INVALID')) return fail('PROOF_KEY_INVALID', message, named)
    return fail('PROOF_KEY_UNRESOLVED', `Verification method ${kid} could not be resolved: ${message}`, named)
  }

  let payload: unknown
  try {
    const { payload: bytes } = await compactVerify(compact, key, { algorithms: ALGORITHMS })
    payload = JSON.parse(new TextDecoder().decode(bytes))
  } catch (err) {
    const code = (err as { code?: string }).code === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' ? 'PROOF_SIGNATURE_INVALID' : 'PROOF_MALFORMED'
    return fail(code, code === 'PROOF_SIGNATURE_INVALID' ? `Signature does not verify with ${kid}` : 'JWS payload is not valid JSON', named)
  }
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return fail('PROOF_MALFORMED', 'JWT payload is not a JSON object', named)
  return checkClaims(payload as Record<string, unknown>, { ...named, controller }, fail)
}

function checkClaims(
  payload: Record<string, unknown>,
  named: { verificationMethod: string; controller: string },
  fail: (code: ProofCode, message: string, extra?: Partial<JwtResult>) => JwtResult,
): JwtResult {
  const credential = Object.fromEntries(Object.entries(payload).filter(([name]) => !(JWT_CLAIM_NAMES as readonly string[]).includes(name)))
  try {
    const mismatched = mismatchedClaims(payload, jwtClaimsOf(credential))
    if (mismatched.length > 0) return fail('PROOF_CLAIMS_MISMATCH', `JWT claims ${mismatched.join(', ')} do not match the credential`, named)
  } catch (err) {
    if (!(err instanceof PlatformError)) throw err
    return fail('PROOF_CLAIMS_MISMATCH', `JWT claims cannot be checked: ${err.message}`, named)
  }
  return { verified: true, credential, ...named }
}
