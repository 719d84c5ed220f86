import { describe, expect, it } from 'vitest'
import { encodeMultibase } from '../encoding/index.js'
import { isPlatformError } from '../errors.js'
import { decodePublicKeyMultibase, encodeSecretKeyMultibase, decodeSecretKeyMultibase, exportKeyPair, generateKeyPair, importKeyPair } from './multikey.js'

// keyPair.json of the W3C vc-di-eddsa test vectors.
const W3C = {
  publicKeyMultibase: 'z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2',
  privateKeyMultibase: 'z3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjxq',
}

const keyError = (fn: () => unknown): string => {
  try {
    fn()
  } catch (err) {
    expect(isPlatformError(err, 'ERR_KEY_INVALID')).toBe(true)
    return (err as Error).message
  }
  throw new Error('expected ERR_KEY_INVALID')
}

describe('Ed25519 Multikey', () => {
  it('generates keys whose public text starts z6Mk and secret text starts z3u2', () => {
    const keyPair = generateKeyPair()
    const json = exportKeyPair(keyPair, { includeSecret: true })
    expect(json.publicKeyMultibase).toMatch(/^z6Mk/)
    expect(json.secretKeyMultibase).toMatch(/^z3u2/)
  })

  it('round-trips a key pair through its JSON form', () => {
    const json = exportKeyPair(generateKeyPair({ id: 'did:web:example.org#key-1', controller: 'did:web:example.org' }), { includeSecret: true })
    expect(exportKeyPair(importKeyPair(json), { includeSecret: true })).toEqual(json)
  })

  it('reads the W3C keyPair.json privateKeyMultibase and writes it back as secretKeyMultibase', () => {
    const json = exportKeyPair(importKeyPair(W3C), { includeSecret: true })
    expect(json).toEqual({ publicKeyMultibase: W3C.publicKeyMultibase, secretKeyMultibase: W3C.privateKeyMultibase })
  })

  it('accepts a secret key holding the seed followed by the public key', () => {
    const seed = decodeSecretKeyMultibase(W3C.privateKeyMultibase)
    const long = encodeMultibase(Uint8Array.from([0x80, 0x26, ...seed, ...decodePublicKeyMultibase(W3C.publicKeyMultibase)]))
    expect(importKeyPair({ publicKeyMultibase: W3C.publicKeyMultibase, secretKeyMultibase: long }).privateKey).toBeDefined()
    const otherPublic = decodePublicKeyMultibase(generateKeyPair().publicKeyMultibase)
    const mismatched = encodeMultibase(Uint8Array.from([0x80, 0x26, ...seed, ...otherPublic]))
    expect(keyError(() => importKeyPair({ publicKeyMultibase: W3C.publicKeyMultibase, secretKeyMultibase: mismatched }))).toMatch(/does not end with/)
  })

  it('leaves the secret out of the export unless asked and never shows it in JSON.stringify', () => {
    const keyPair = importKeyPair(W3C)
    expect(exportKeyPair(keyPair)).toEqual({ publicKeyMultibase: W3C.publicKeyMultibase })
    expect(JSON.stringify(keyPair)).not.toContain('z3u2')
  })

  it('imports a public key alone, which cannot export a secret', () => {
    const keyPair = importKeyPair({ publicKeyMultibase: W3C.publicKeyMultibase })
    expect(keyPair.privateKey).toBeUndefined()
    expect(() => exportKeyPair(keyPair, { includeSecret: true })).toThrow(TypeError)
  })

  it('rejects a secret key that belongs to another public key', () => {
    const other = exportKeyPair(generateKeyPair(), { includeSecret: true })
    expect(keyError(() => importKeyPair({ ...W3C, privateKeyMultibase: other.secretKeyMultibase }))).toMatch(/does not belong/)
  })

  it('rejects malformed keys with a message naming the problem', () => {
    expect(keyError(() => importKeyPair(null))).toMatch(/JSON object/)
    expect(keyError(() => importKeyPair({}))).toMatch(/no publicKeyMultibase/)
    expect(keyError(() => importKeyPair({ publicKeyMultibase: 'u' + W3C.publicKeyMultibase }))).toMatch(/starting with "z"/)
    expect(keyError(() => importKeyPair({ publicKeyMultibase: 'z6Mk0OIl' }))).toMatch(/not valid base58btc/)
    expect(keyError(() => importKeyPair({ publicKeyMultibase: W3C.privateKeyMultibase }))).toMatch(/0xed01 header/)
    expect(keyError(() => importKeyPair({ publicKeyMultibase: W3C.publicKeyMultibase.slice(0, -2) }))).toMatch(/0xed01 header/)
    expect(keyError(() => importKeyPair({ ...W3C, privateKeyMultibase: W3C.publicKeyMultibase }))).toMatch(/0x8026 header/)
    expect(keyError(() => importKeyPair({ ...W3C, privateKeyMultibase: 42 }))).toMatch(/secret must be a string/)
  })

  it('encodes a seed as secret Multikey text that decodes back to it', () => {
    const seed = new Uint8Array(32).fill(7)
    expect(decodeSecretKeyMultibase(encodeSecretKeyMultibase(seed))).toEqual(seed)
  })
})
