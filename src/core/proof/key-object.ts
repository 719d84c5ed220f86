import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto'
import { decodeBase64url } from '../encoding/index.js'
import { BoundedMap } from '../bounded-map.js'

/** DER prefixes that wrap a raw Ed25519 key (RFC 8410): PKCS#8 before the 32-byte seed, SPKI before the public key. */
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex')
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex')
const CACHE_LIMIT = 1024
const publicKeys = new BoundedMap<string, KeyObject>(CACHE_LIMIT)

/** A node private KeyObject for a 32-byte Ed25519 seed. */
export const privateKeyObjectFromSeed = (seed: Uint8Array): KeyObject =>
  createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' })

/** A node public KeyObject for a raw 32-byte Ed25519 public key. */
export const publicKeyObjectFromBytes = (publicKey: Uint8Array): KeyObject =>
  createPublicKey({ key: Buffer.concat([SPKI_PREFIX, publicKey]), format: 'der', type: 'spki' })

/**
 * The public KeyObject for `cacheKey`, built by `build` once and kept in a bounded cache, so
 * verifying many credentials from one issuer parses its key once.
 */
export const cachedPublicKeyObject = (cacheKey: string, build: () => KeyObject): KeyObject => publicKeys.obtain(cacheKey, build)

/** The raw 32-byte public key of an Ed25519 KeyObject (public or private). */
export function rawPublicKey(key: KeyObject): Uint8Array {
  const jwk = (key.type === 'private' ? createPublicKey(key) : key).export({ format: 'jwk' })
  return decodeBase64url(jwk.x ?? '')
}

/** The raw 32-byte seed of an Ed25519 private KeyObject. */
export const rawSeed = (privateKey: KeyObject): Uint8Array => decodeBase64url(privateKey.export({ format: 'jwk' }).d ?? '')
