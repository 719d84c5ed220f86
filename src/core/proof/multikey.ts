import { generateKeyPairSync, timingSafeEqual, type KeyObject } from 'node:crypto'
import { decodeMultibase, encodeMultibase } from '../encoding/index.js'
import { PlatformError } from '../errors.js'
import { cachedPublicKeyObject, privateKeyObjectFromSeed, publicKeyObjectFromBytes, rawPublicKey, rawSeed } from './key-object.js'

/** Multicodec headers (varint): ed25519-pub 0xed and ed25519-priv 0x1300. */
const PUBLIC_HEADER = [0xed, 0x01] as const
const SECRET_HEADER = [0x80, 0x26] as const

/** An Ed25519 key pair as Multikey text plus node KeyObjects built once; `privateKey` is absent for a public key alone. */
export interface Ed25519KeyPair {
  readonly publicKeyMultibase: string
  readonly publicKey: KeyObject
  readonly privateKey?: KeyObject
  readonly id?: string
  readonly controller?: string
}

/** The JSON form of a Multikey key pair. Import also reads `privateKeyMultibase` (the W3C vectors' name). */
export interface KeyPairJson {
  publicKeyMultibase: string
  secretKeyMultibase?: string
  privateKeyMultibase?: string
  id?: string
  controller?: string
}

const withHeader = (header: readonly number[], key: Uint8Array) => Uint8Array.from([...header, ...key])
const hasHeader = (bytes: Uint8Array, header: readonly number[]) => bytes[0] === header[0] && bytes[1] === header[1]

/** Multikey text (`z6Mk…`) for a raw 32-byte Ed25519 public key. */
export function encodePublicKeyMultibase(publicKey: Uint8Array): string {
  if (publicKey.length !== 32) throw new TypeError('An Ed25519 public key is 32 bytes')
  return encodeMultibase(withHeader(PUBLIC_HEADER, publicKey))
}

/** The raw 32-byte public key in Ed25519 Multikey text; anything else is an `ERR_KEY_INVALID` error. */
export function decodePublicKeyMultibase(text: string): Uint8Array {
  const bytes = decodeKeyText(text, 'public')
  if (bytes.length !== 34 || !hasHeader(bytes, PUBLIC_HEADER))
    throw new PlatformError('ERR_KEY_INVALID', 'Public key is not an Ed25519 Multikey (0xed01 header and 32 bytes, text starting z6Mk)')
  return bytes.subarray(2)
}

/** Multikey text (`z3u2…`) for a 32-byte Ed25519 seed. */
export const encodeSecretKeyMultibase = (seed: Uint8Array): string => encodeMultibase(withHeader(SECRET_HEADER, seed))

/**
 * The 32-byte seed in Ed25519 secret Multikey text. A 64-byte secret (seed || public key) is accepted
 * when its second half is the seed's public key.
 */
export function decodeSecretKeyMultibase(text: string): Uint8Array {
  const bytes = decodeKeyText(text, 'secret')
  if ((bytes.length !== 34 && bytes.length !== 66) || !hasHeader(bytes, SECRET_HEADER))
    throw new PlatformError('ERR_KEY_INVALID', 'Secret key is not an Ed25519 Multikey (0x8026 header and a 32-byte seed, text starting z3u2)')
  const seed = bytes.slice(2, 34)
  if (bytes.length === 66 && !timingSafeEqual(rawPublicKey(privateKeyObjectFromSeed(seed)), bytes.subarray(34)))
    throw new PlatformError('ERR_KEY_INVALID', 'Secret key of 64 bytes does not end with the public key of its seed')
  return seed
}

/** A public KeyObject for Ed25519 Multikey text, cached by that text. */
export const publicKeyObjectFromMultibase = (publicKeyMultibase: string): KeyObject =>
  cachedPublicKeyObject(publicKeyMultibase, () => publicKeyObjectFromBytes(decodePublicKeyMultibase(publicKeyMultibase)))

/** A fresh Ed25519 key pair from node's CSPRNG. */
export function generateKeyPair(options: { id?: string; controller?: string } = {}): Ed25519KeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519')
  return freezeKeyPair({ publicKeyMultibase: encodePublicKeyMultibase(rawPublicKey(publicKey)), publicKey, privateKey, ...options })
}

/**
 * Reads a Multikey key pair from JSON, checking that the secret key belongs to the public key.
 * Malformed keys are `ERR_KEY_INVALID` errors.
 */
export function importKeyPair(json: unknown): Ed25519KeyPair {
  if (typeof json !== 'object' || json === null) throw new PlatformError('ERR_KEY_INVALID', 'Key pair must be a JSON object')
  const { publicKeyMultibase, secretKeyMultibase, privateKeyMultibase, id, controller } = json as Partial<Record<keyof KeyPairJson, unknown>>
  if (typeof publicKeyMultibase !== 'string') throw new PlatformError('ERR_KEY_INVALID', 'Key pair has no publicKeyMultibase string')
  const secret = secretKeyMultibase ?? privateKeyMultibase
  for (const [name, value] of Object.entries({ secret, id, controller }))
    if (value !== undefined && typeof value !== 'string') throw new PlatformError('ERR_KEY_INVALID', `Key pair ${name} must be a string`)
  const publicBytes = decodePublicKeyMultibase(publicKeyMultibase)
  const publicKey = publicKeyObjectFromMultibase(publicKeyMultibase)
  const names = { ...(id === undefined ? {} : { id: id as string }), ...(controller === undefined ? {} : { controller: controller as string }) }
  if (secret === undefined) return freezeKeyPair({ publicKeyMultibase, publicKey, ...names })
  const privateKey = privateKeyObjectFromSeed(decodeSecretKeyMultibase(secret as string))
  if (!timingSafeEqual(rawPublicKey(privateKey), publicBytes))
    throw new PlatformError('ERR_KEY_INVALID', 'Secret key does not belong to publicKeyMultibase')
  return freezeKeyPair({ publicKeyMultibase, publicKey, privateKey, ...names })
}

/** The JSON form of a key pair; the secret key is included only when asked for. */
export function exportKeyPair(keyPair: Ed25519KeyPair, { includeSecret = false }: { includeSecret?: boolean } = {}): KeyPairJson {
  if (includeSecret && !keyPair.privateKey) throw new TypeError('Key pair has no secret key to export')
  return {
    ...(keyPair.id === undefined ? {} : { id: keyPair.id }),
    ...(keyPair.controller === undefined ? {} : { controller: keyPair.controller }),
    publicKeyMultibase: keyPair.publicKeyMultibase,
    ...(includeSecret && keyPair.privateKey ? { secretKeyMultibase: encodeSecretKeyMultibase(rawSeed(keyPair.privateKey)) } : {}),
  }
}

function decodeKeyText(text: string, kind: string): Uint8Array {
  if (!text.startsWith('z')) throw new PlatformError('ERR_KEY_INVALID', `Ed25519 ${kind} Multikey must be base58btc text starting with "z"`)
  try {
    return decodeMultibase(text).bytes
  } catch (err) {
    throw new PlatformError('ERR_KEY_INVALID', `Ed25519 ${kind} Multikey is not valid base58btc`, { cause: err })
  }
}

const freezeKeyPair = (keyPair: Ed25519KeyPair): Ed25519KeyPair => Object.freeze(keyPair)
