import { createPublicKey, type JsonWebKey as NodeJwk, type KeyObject } from 'node:crypto'
import { decodeBase58btc, decodeBase64url } from '../encoding/index.js'
import { PlatformError, isPlatformError } from '../errors.js'
import { cachedPublicKeyObject, publicKeyObjectFromBytes } from './key-object.js'
import { publicKeyObjectFromMultibase } from './multikey.js'

/** A verification method from a controller document: the public key a proof cites. */
export interface VerificationMethod {
  id: string
  type: string
  controller: string
  publicKeyMultibase?: string
  publicKeyJwk?: { kty?: string; crv?: string; x?: string; [member: string]: unknown }
}

/**
 * Finds the verification method a proof cites. Implementations resolve only methods their controller
 * lists under `proofPurpose` (e.g. `assertionMethod`) and throw (any error) when they cannot.
 */
export type ResolveVerificationMethod = (url: string, options: { proofPurpose: string }) => Promise<VerificationMethod>

/**
 * The Ed25519 public KeyObject of a verification method: `Multikey` or `Ed25519VerificationKey2020`
 * with `publicKeyMultibase`, or `JsonWebKey`/`JsonWebKey2020` with an OKP Ed25519 `publicKeyJwk` (a
 * resolver wraps a bare JWK that a JWT `kid` dereferences to in such a method). Anything else is `ERR_KEY_INVALID`.
 */
export function publicKeyOf(method: VerificationMethod): KeyObject {
  const { type, publicKeyMultibase, publicKeyJwk } = method
  if (typeof publicKeyMultibase === 'string') {
    if (type !== 'Multikey' && type !== 'Ed25519VerificationKey2020')
      throw new PlatformError('ERR_KEY_INVALID', `Verification method type ${String(type)} is not Multikey`)
    // Early Ed25519VerificationKey2020 keys carry the raw 32 bytes without a multicodec header.
    if (type === 'Ed25519VerificationKey2020' && publicKeyMultibase.length < 47) return rawMultibaseKey(publicKeyMultibase)
    return publicKeyObjectFromMultibase(publicKeyMultibase)
  }
  if (publicKeyJwk !== undefined && publicKeyJwk !== null) {
    if (type !== 'JsonWebKey' && type !== 'JsonWebKey2020')
      throw new PlatformError('ERR_KEY_INVALID', `Verification method type ${String(type)} cannot carry publicKeyJwk`)
    if (publicKeyJwk.kty !== 'OKP' || publicKeyJwk.crv !== 'Ed25519' || typeof publicKeyJwk.x !== 'string')
      throw new PlatformError('ERR_KEY_INVALID', `Verification method ${String(method.id)} publicKeyJwk is not an OKP Ed25519 key`)
    const x = publicKeyJwk.x
    return cachedPublicKeyObject(`jwk:${x}`, () => publicKeyObjectFromBytes(checkLength(decodeOrInvalid(() => decodeBase64url(x)))))
  }
  throw new PlatformError('ERR_KEY_INVALID', `Verification method ${String(method.id)} has no Ed25519 publicKeyMultibase or publicKeyJwk`)
}

const JWK_TYPES = new Set(['JsonWebKey', 'JsonWebKey2020'])

/**
 * The public KeyObject a VC-JWT's `kid` dereferences to: any `publicKeyJwk` (RSA, EC P-256/P-384,
 * OKP Ed25519) of a JsonWebKey / JsonWebKey2020 method, or an Ed25519 Multikey. Whether the key
 * fits the JWS `alg` is jose's check. A JWK with private members (`d`, `p`, …) is `ERR_KEY_INVALID`.
 */
export function jwtPublicKeyOf(method: VerificationMethod): KeyObject {
  const { type, publicKeyJwk } = method
  if (publicKeyJwk === undefined || publicKeyJwk === null || publicKeyJwk.kty === 'OKP') return publicKeyOf(method)
  if (!JWK_TYPES.has(type)) throw new PlatformError('ERR_KEY_INVALID', `Verification method type ${String(type)} cannot carry publicKeyJwk`)
  if (typeof publicKeyJwk !== 'object' || ['d', 'p', 'q', 'dp', 'dq', 'qi', 'k'].some((member) => member in publicKeyJwk))
    throw new PlatformError('ERR_KEY_INVALID', `Verification method ${String(method.id)} publicKeyJwk is not a public key`)
  const { kty, crv, x, y, n, e } = publicKeyJwk as Record<string, unknown>
  const jwk = kty === 'RSA' ? { kty, n, e } : kty === 'EC' ? { kty, crv, x, y } : undefined
  if (jwk === undefined) throw new PlatformError('ERR_KEY_INVALID', `Verification method ${String(method.id)} publicKeyJwk has the unsupported kty ${String(kty)}`)
  try {
    return cachedPublicKeyObject(`jwk:${JSON.stringify(jwk)}`, () => createPublicKey({ key: jwk as NodeJwk, format: 'jwk' }))
  } catch (err) {
    throw new PlatformError('ERR_KEY_INVALID', `Verification method ${String(method.id)} publicKeyJwk is not a valid ${String(kty)} key`, { cause: err })
  }
}

/** True when the method `id` a resolver returned is the one a proof cited (a did:key may omit its fragment). */
export function isSameVerificationMethod(citedUrl: string, id: string): boolean {
  if (citedUrl === id) return true
  return citedUrl.startsWith('did:key:') && !citedUrl.includes('#') && id === `${citedUrl}#${citedUrl.slice('did:key:'.length)}`
}

function rawMultibaseKey(text: string): KeyObject {
  if (!text.startsWith('z')) throw new PlatformError('ERR_KEY_INVALID', 'publicKeyMultibase must start with "z"')
  return cachedPublicKeyObject(text, () => publicKeyObjectFromBytes(checkLength(decodeOrInvalid(() => decodeBase58btc(text.slice(1))))))
}

function checkLength(bytes: Uint8Array): Uint8Array {
  if (bytes.length !== 32) throw new PlatformError('ERR_KEY_INVALID', `An Ed25519 public key is 32 bytes, not ${bytes.length}`)
  return bytes
}

function decodeOrInvalid(decode: () => Uint8Array): Uint8Array {
  try {
    return decode()
  } catch (err) {
    if (!isPlatformError(err)) throw err
    throw new PlatformError('ERR_KEY_INVALID', `Public key encoding is invalid: ${err.message}`, { cause: err })
  }
}
