// The slice of node:crypto that src/core's verification calls, for the browser bundle (see
// ../build.ts: esbuild resolves `node:crypto` here). Synchronous like Node's, because core calls it
// synchronously: SHA-256/512 by sha.js, Ed25519 verification by @noble/ed25519 (both pure JS,
// already installed as dependencies of the JSON-LD signature libraries). Signing and key generation
// are not part of verification: they throw.
// @ts-expect-error untyped CommonJS module
import shaJs from 'sha.js'
import * as ed from '@noble/ed25519'
import { Buffer } from 'buffer'
import { decodeBase64url, encodeBase64url } from '../../core/encoding/index.js'

interface Hasher {
  update(data: string | Uint8Array, encoding?: string): Hasher
  digest(encoding?: string): Uint8Array & { toString(encoding: string): string }
}
const sha = shaJs as (algorithm: string) => Hasher

/** The bytes to hash, copied into a fresh Buffer: sha.js reads a typed array's whole underlying buffer, ignoring a view's offset. */
const bytesOf = (data: string | Uint8Array): Uint8Array => Buffer.from(typeof data === 'string' ? new TextEncoder().encode(data) : Uint8Array.from(data))
const hex = (bytes: Uint8Array): string => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')

/** A hash as Node's createHash returns it: update (strings as UTF-8), then digest (bytes, or 'hex'/'base64'). */
export function createHash(algorithm: string) {
  const name = algorithm.toLowerCase().replace('-', '')
  if (name !== 'sha256' && name !== 'sha512') throw new Error(`Hash ${algorithm} is not available in the browser verifier`)
  const inner = sha(name)
  const hash = {
    update(data: string | Uint8Array) {
      inner.update(bytesOf(data))
      return hash
    },
    digest(encoding?: string): Uint8Array | string {
      // A Buffer, as Node's: core calls toString('hex') on a digest's subarray.
      const out = Buffer.from(inner.digest())
      if (encoding === 'hex') return hex(out)
      if (encoding === 'base64') return out.toString('base64')
      return out
    },
  }
  return hash
}

/** Node's one-shot hash(algorithm, data, outputEncoding = 'hex'). */
export function hash(algorithm: string, data: string | Uint8Array, encoding: string = 'hex'): Uint8Array | string {
  return createHash(algorithm).update(data).digest(encoding === 'buffer' ? undefined : encoding)
}

ed.utils.sha512Sync = (...messages: Uint8Array[]) => createHash('sha512').update(ed.utils.concatBytes(...messages)).digest() as Uint8Array

const SPKI_ED25519 = [0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00]

/**
 * A public key as core handles it: a plain object. An Ed25519 key carries its raw bytes (for
 * verify) and is also a JWK (kty, crv, x), which is how jose takes a key in the browser (VC-JWT: jose
 * accepts only plain objects as JWKs); other JWKs (RSA, EC) are passed to jose as they are.
 */
export interface KeyObject {
  readonly type: 'public'
  readonly asymmetricKeyType: string
  readonly kty: string
  export(): Record<string, unknown>
}
const RAW = new WeakMap<object, Uint8Array>()

function keyObject(asymmetricKeyType: string, jwk: Record<string, unknown>, raw?: Uint8Array): KeyObject {
  const key = { ...jwk, kty: String(jwk.kty), type: 'public' as const, asymmetricKeyType, export: () => ({ ...jwk }) }
  if (raw) RAW.set(key, raw)
  return key
}

const isKeyObject = (input: unknown): input is KeyObject => typeof input === 'object' && input !== null && 'asymmetricKeyType' in input && 'export' in input

type KeyInput = { key: Uint8Array | Record<string, unknown>; format?: string; type?: string } | KeyObject

/** Ed25519 public keys from SPKI DER (what core builds from raw bytes), and JWKs (VC-JWT keys). */
export function createPublicKey(input: KeyInput): KeyObject {
  if (isKeyObject(input)) return input
  const { key, format } = input
  if (format === 'der' && key instanceof Uint8Array) {
    if (key.length !== 44 || !SPKI_ED25519.every((b, i) => key[i] === b)) throw new Error('Only Ed25519 SPKI keys are supported in the browser')
    const raw = key.slice(12)
    return keyObject('ed25519', { kty: 'OKP', crv: 'Ed25519', x: encodeBase64url(raw) }, raw)
  }
  if (format === 'jwk' && !(key instanceof Uint8Array)) {
    if (key.kty === 'OKP' && key.crv === 'Ed25519' && typeof key.x === 'string') {
      const raw = decodeBase64url(key.x)
      if (raw.length !== 32) throw new Error('Invalid Ed25519 JWK')
      return keyObject('ed25519', { kty: 'OKP', crv: 'Ed25519', x: key.x }, raw)
    }
    if (key.kty === 'RSA') return keyObject('rsa', key)
    if (key.kty === 'EC') return keyObject('ec', key)
  }
  throw new Error('Unsupported public key')
}

/** Ed25519 verification (algorithm null, as Node takes it for Ed25519). False for a bad signature or key. */
export function verify(_algorithm: null, data: Uint8Array, key: KeyObject, signature: Uint8Array): boolean {
  const raw = RAW.get(key)
  if (!raw) throw new Error('Only Ed25519 signatures are verified this way in the browser')
  try {
    return ed.sync.verify(signature, data, raw) as boolean
  } catch {
    return false
  }
}

export function timingSafeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) throw new RangeError('Input buffers must have the same byte length')
  let diff = 0
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!
  return diff === 0
}

const unavailable = (name: string) => () => {
  throw new Error(`${name} is not available in the browser verifier`)
}
export const sign = unavailable('sign')
export const createPrivateKey = unavailable('createPrivateKey')
export const generateKeyPairSync = unavailable('generateKeyPairSync')
export const randomInt = unavailable('randomInt')
export default { createHash, hash, createPublicKey, verify, timingSafeEqual, sign, createPrivateKey, generateKeyPairSync, randomInt }
