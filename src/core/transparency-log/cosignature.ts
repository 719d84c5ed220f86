import { createHash, sign, verify } from 'node:crypto'
import { PlatformError } from '../errors.js'
import { privateKeyObjectFromSeed, publicKeyObjectFromBytes, rawPublicKey } from '../proof/key-object.js'
import { decodeBase64, encodeBase64 } from './base64.js'
import { isValidKeyName } from './note-keys.js'

/** C2SP tlog-cosignature: the signature type byte of Ed25519 cosignature/v1 keys. */
const COSIGNATURE_V1 = 0x04
const SIGNATURE_PREFIX = '\u2014 '
const utf8 = new TextEncoder()

/** A witness's public key: its name, key ID (8 hex digits) and Ed25519 public key. */
export interface CosignerKey {
  readonly name: string
  readonly keyId: string
  readonly publicKey: Uint8Array
  /** `<name>+<key ID>+<base64(0x04 || public key)>`. */
  readonly verifierKey: string
}

/** A witness that cosigns checkpoints. */
export interface Cosigner extends CosignerKey {
  /** The signature line `— <name> <base64(key ID || timestamp || signature)>\n` over checkpoint `text` at `timestamp` (seconds). */
  cosign(text: string, timestamp: number): string
}

const invalid = (why: string) => new PlatformError('ERR_KEY_INVALID', `Witness key: ${why}`)

/** C2SP tlog-cosignature: the key ID, SHA-256(name || 0x0A || 0x04 || public key)[:4], in hex. */
export function cosignerKeyId(name: string, publicKey: Uint8Array): string {
  return createHash('sha256').update(name, 'utf8').update(Uint8Array.of(0x0a, COSIGNATURE_V1)).update(publicKey).digest().subarray(0, 4).toString('hex')
}

/** What a cosignature/v1 signs: the header lines, then the checkpoint's text. */
export function cosignedMessage(text: string, timestamp: number): Uint8Array {
  return utf8.encode(`cosignature/v1\ntime ${timestamp}\n${text}`)
}

function keyOf(name: string, publicKey: Uint8Array): CosignerKey {
  if (!isValidKeyName(name)) throw invalid(`invalid key name ${JSON.stringify(name)}`)
  const keyId = cosignerKeyId(name, publicKey)
  return { name, keyId, publicKey, verifierKey: `${name}+${keyId}+${encodeBase64(Uint8Array.of(COSIGNATURE_V1, ...publicKey))}` }
}

function splitKey(text: string, count: number): string[] {
  const parts = text.trim().split('+')
  return [...parts.slice(0, count - 1), parts.slice(count - 1).join('+')]
}

function decodeKey(name: string, keyId: string, key64: string): Uint8Array {
  const key = decodeBase64(key64)
  if (!isValidKeyName(name) || !/^[0-9a-f]{8}$/.test(keyId) || !key || key.length !== 33) throw invalid('expected <name>+<8 hex digits>+<base64(0x04 || 32-byte key)>')
  if (key[0] !== COSIGNATURE_V1) throw invalid(`signature type ${key[0]} is not cosignature/v1 (4)`)
  return key.subarray(1)
}

/** A witness's verifier key `<name>+<key ID>+<base64(0x04 || public key)>`; ERR_KEY_INVALID when malformed or its ID does not match. */
export function parseCosignerKey(verifierKey: string): CosignerKey {
  const [name = '', keyId = '', key64 = ''] = splitKey(verifierKey, 3)
  const key = keyOf(name, decodeKey(name, keyId, key64))
  if (key.keyId !== keyId) throw invalid(`key ID ${keyId} does not match the key of ${name}`)
  return key
}

/** A cosigner from its private key file text `PRIVATE+KEY+<name>+<key ID>+<base64(0x04 || seed)>`. */
export function parseCosignerPrivateKey(text: string): Cosigner {
  const [p, k, name = '', keyId = '', key64 = ''] = splitKey(text, 5)
  if (p !== 'PRIVATE' || k !== 'KEY') throw invalid('expected PRIVATE+KEY+<name>+<key ID>+<base64(0x04 || seed)>')
  const cosigner = createCosigner(name, decodeKey(name, keyId, key64))
  if (cosigner.keyId !== keyId) throw invalid(`key ID ${keyId} does not match the key of ${name}`)
  return cosigner
}

/** A cosigner for a 32-byte Ed25519 seed. */
export function createCosigner(name: string, seed: Uint8Array): Cosigner {
  const privateKey = privateKeyObjectFromSeed(seed)
  const key = keyOf(name, rawPublicKey(privateKey))
  return {
    ...key,
    cosign(text, timestamp) {
      const signature = sign(null, cosignedMessage(text, timestamp), privateKey)
      const time = new Uint8Array(8)
      new DataView(time.buffer).setBigUint64(0, BigInt(timestamp))
      return `${SIGNATURE_PREFIX}${name} ${encodeBase64(Uint8Array.from([...Buffer.from(key.keyId, 'hex'), ...time, ...signature]))}\n`
    },
  }
}

/** The private key file text of a cosigner's seed (secret). */
export function formatCosignerPrivateKey(name: string, seed: Uint8Array): string {
  const { keyId } = createCosigner(name, seed)
  return `PRIVATE+KEY+${name}+${keyId}+${encodeBase64(Uint8Array.of(COSIGNATURE_V1, ...seed))}`
}

/**
 * Checks a cosignature line of `key` over checkpoint `text`; returns its timestamp. ERR_NOTE_INVALID
 * when it is not a line of that key or does not verify.
 * @see https://c2sp.org/tlog-cosignature
 */
export function verifyCosignature(key: CosignerKey, text: string, line: string): { timestamp: number } {
  const bad = (why: string) => new PlatformError('ERR_NOTE_INVALID', `The cosignature of ${key.name}: ${why}`)
  const trimmed = line.replace(/\n$/, '')
  if (!trimmed.startsWith(SIGNATURE_PREFIX)) throw bad('not a signature line (— <name> <base64>)')
  const [name, b64, ...rest] = trimmed.slice(SIGNATURE_PREFIX.length).split(' ')
  if (name !== key.name || b64 === undefined || rest.length > 0) throw bad('not a line of this witness')
  const bytes = decodeBase64(b64)
  if (!bytes || bytes.length !== 4 + 8 + 64) throw bad('not key ID, timestamp and Ed25519 signature')
  if (Buffer.from(bytes.subarray(0, 4)).toString('hex') !== key.keyId) throw bad('another key ID')
  const timestamp = Number(new DataView(bytes.buffer, bytes.byteOffset + 4, 8).getBigUint64(0))
  if (!verify(null, cosignedMessage(text, timestamp), publicKeyObjectFromBytes(key.publicKey), bytes.subarray(12))) throw bad('the signature does not verify')
  return { timestamp }
}
