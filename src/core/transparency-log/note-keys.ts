import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto'
import { PlatformError } from '../errors.js'
import { privateKeyObjectFromSeed, publicKeyObjectFromBytes, rawPublicKey, rawSeed } from '../proof/key-object.js'
import { decodeBase64, encodeBase64 } from './base64.js'

/** C2SP signed-note: the signature type byte of Ed25519 keys. */
const ED25519 = 0x01

/** Signs note text as key `name`; `keyId` is the key's 4-byte ID as 8 lowercase hex digits. */
export interface NoteSigner {
  readonly name: string
  readonly keyId: string
  sign(message: Uint8Array): Uint8Array
}

/** Checks signatures of key `name` with ID `keyId` (8 lowercase hex digits). */
export interface NoteVerifier {
  readonly name: string
  readonly keyId: string
  verify(message: Uint8Array, signature: Uint8Array): boolean
}

// Go's unicode.IsSpace, which is what sumdb/note's isValidName rejects.
const SPACE = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/

/** True when a string holds a lone UTF-16 surrogate, so it has no UTF-8 form. */
export const hasLoneSurrogate = (text: string): boolean => LONE_SURROGATE.test(text)

/** C2SP signed-note: a key name is non-empty, valid Unicode, with no whitespace and no `+`. */
export const isValidKeyName = (name: string): boolean =>
  name !== '' && !SPACE.test(name) && !name.includes('+') && !hasLoneSurrogate(name)

/**
 * C2SP signed-note: the key ID, the first 4 bytes of SHA-256(name || 0x0A || 0x01 || public key), in hex.
 * @see https://c2sp.org/signed-note
 */
export function noteKeyId(name: string, publicKey: Uint8Array): string {
  const digest = createHash('sha256').update(name, 'utf8').update(Uint8Array.of(0x0a, ED25519)).update(publicKey).digest()
  return digest.subarray(0, 4).toString('hex')
}

const invalidKey = (why: string) => new PlatformError('ERR_KEY_INVALID', `Note key: ${why}`)

function assertName(name: string): void {
  if (!isValidKeyName(name)) throw invalidKey(`invalid key name ${JSON.stringify(name)}`)
}

/**
 * C2SP signed-note: the verifier key string `<name>+<key ID hex>+<base64(0x01 || public key)>`.
 * @see https://c2sp.org/signed-note
 */
export function formatVerifierKey(name: string, publicKey: Uint8Array): string {
  assertName(name)
  if (publicKey.length !== 32) throw new TypeError('an Ed25519 public key is 32 bytes')
  return `${name}+${noteKeyId(name, publicKey)}+${encodeBase64(Uint8Array.of(ED25519, ...publicKey))}`
}

/** Splits at the first `count - 1` plus signs, as Go's chop does: base64 keys contain `+` too. */
function splitKey(text: string, count: number): string[] {
  const parts = text.split('+')
  return [...parts.slice(0, count - 1), parts.slice(count - 1).join('+')]
}

/** Splits `<name>+<hex id>+<base64 key>` and checks the ID; `ERR_KEY_INVALID` on any mismatch. */
function parseKey(name: string, keyId: string, key64: string, isPrivate: boolean): { name: string; keyId: string; key: Uint8Array } {
  assertName(name)
  const key = decodeBase64(key64)
  if (!/^[0-9a-f]{8}$/.test(keyId) || !key) throw invalidKey('expected <name>+<8 hex digits>+<base64 key>')
  if (key[0] !== ED25519) throw invalidKey(`unsupported signature type ${key[0]}`)
  if (key.length !== 33) throw invalidKey('an Ed25519 key is 32 bytes')
  const raw = key.subarray(1)
  const publicKey = isPrivate ? rawPublicKey(privateKeyObjectFromSeed(raw)) : raw
  if (noteKeyId(name, publicKey) !== keyId) throw invalidKey(`key ID ${keyId} does not match the key of ${name}`)
  return { name, keyId, key: raw }
}

/**
 * C2SP signed-note: a verifier from its key string, `ERR_KEY_INVALID` when malformed or when the
 * key ID does not match the key.
 * @see https://c2sp.org/signed-note
 */
export function parseVerifierKey(verifierKey: string): NoteVerifier {
  const [name = '', keyId = '', key64 = ''] = splitKey(verifierKey, 3)
  const parsed = parseKey(name, keyId, key64, false)
  const publicKey = publicKeyObjectFromBytes(parsed.key)
  return {
    name,
    keyId,
    verify: (message, signature) => signature.length === 64 && verify(null, message, publicKey, signature),
  }
}

/**
 * A note signer for an Ed25519 private key, given as a KeyObject or a 32-byte seed.
 * @see https://c2sp.org/signed-note
 */
export function createNoteSigner(name: string, privateKey: KeyObject | Uint8Array): NoteSigner {
  assertName(name)
  const key = privateKey instanceof Uint8Array ? privateKeyObjectFromSeed(privateKey) : privateKey
  if (key.type !== 'private' || key.asymmetricKeyType !== 'ed25519') throw invalidKey('expected an Ed25519 private key')
  const keyId = noteKeyId(name, rawPublicKey(key))
  return { name, keyId, sign: (message) => new Uint8Array(sign(null, message, key)) }
}

/**
 * The verifier key string of a signer's key (what a log publishes at `/log/key`).
 * @see https://c2sp.org/signed-note
 */
export const verifierKeyOf = (name: string, privateKey: KeyObject): string =>
  formatVerifierKey(name, rawPublicKey(createPublicKey(privateKey)))

/**
 * Go sumdb/note's signer key string, `PRIVATE+KEY+<name>+<key ID>+<base64(0x01 || seed)>`, as a
 * signer. Secret: for test vectors and key files, never for logs or responses.
 * @see https://pkg.go.dev/golang.org/x/mod/sumdb/note#NewSigner
 */
export function parseSignerKey(signerKey: string): NoteSigner {
  const [p, k, name = '', keyId = '', key64 = ''] = splitKey(signerKey, 5)
  if (p !== 'PRIVATE' || k !== 'KEY') throw invalidKey('expected PRIVATE+KEY+<name>+<key ID>+<key>')
  return createNoteSigner(name, parseKey(name, keyId, key64, true).key)
}

/** Go sumdb/note's signer key string for an Ed25519 private key (secret: store it like the key). */
export function formatSignerKey(name: string, privateKey: KeyObject): string {
  assertName(name)
  const seed = rawSeed(privateKey)
  return `PRIVATE+KEY+${name}+${noteKeyId(name, rawPublicKey(privateKey))}+${encodeBase64(Uint8Array.of(ED25519, ...seed))}`
}
