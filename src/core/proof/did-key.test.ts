import { describe, expect, it } from 'vitest'
import { isPlatformError } from '../errors.js'
import { didKeyDocument, resolveDidKey } from './did-key.js'
import { isSameVerificationMethod, publicKeyOf } from './verification-method.js'

const KEY = 'z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2'
const DID = `did:key:${KEY}`
const VM = { id: `${DID}#${KEY}`, type: 'Multikey', controller: DID, publicKeyMultibase: KEY }

const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn()
  } catch (err) {
    return isPlatformError(err) ? err.code : 'not a PlatformError'
  }
  return undefined
}

describe('did:key', () => {
  it('resolves a did:key URL with or without its fragment to the Multikey method', () => {
    expect(resolveDidKey(VM.id)).toEqual(VM)
    expect(resolveDidKey(DID)).toEqual(VM)
  })

  it('builds a DID document whose every relationship lists the one method', () => {
    const document = didKeyDocument(DID)
    expect(document.verificationMethod).toEqual([VM])
    for (const name of ['authentication', 'assertionMethod', 'capabilityInvocation', 'capabilityDelegation'] as const)
      expect(document[name]).toEqual([VM.id])
  })

  it('rejects other DID methods, other fragments and keys that are not Ed25519', () => {
    expect(codeOf(() => resolveDidKey('did:web:example.org'))).toBe('ERR_DID_UNSUPPORTED')
    expect(codeOf(() => resolveDidKey(`${DID}#key-1`))).toBe('ERR_DID_RESOLUTION')
    expect(codeOf(() => resolveDidKey('did:key:zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme'))).toBe('ERR_DID_UNSUPPORTED')
    expect(codeOf(() => resolveDidKey(`${DID.slice(0, -3)}`))).toBe('ERR_DID_RESOLUTION')
    expect(codeOf(() => didKeyDocument(VM.id))).toBe('ERR_DID_RESOLUTION')
  })
})

describe('verification methods', () => {
  it('treats a did:key URL without fragment as naming its one method', () => {
    expect(isSameVerificationMethod(DID, VM.id)).toBe(true)
    expect(isSameVerificationMethod(VM.id, VM.id)).toBe(true)
    expect(isSameVerificationMethod('https://example.org/issuer', 'https://example.org/issuer#key-1')).toBe(false)
  })

  it('reads Multikey, Ed25519VerificationKey2020 and OKP JWK public keys as the same key', () => {
    const expected = publicKeyOf(VM).export({ format: 'jwk' })
    expect(publicKeyOf({ ...VM, type: 'Ed25519VerificationKey2020' }).export({ format: 'jwk' })).toEqual(expected)
    const jwk = { kty: 'OKP', crv: 'Ed25519', x: expected.x }
    expect(publicKeyOf({ id: VM.id, type: 'JsonWebKey2020', controller: DID, publicKeyJwk: jwk }).export({ format: 'jwk' })).toEqual(expected)
  })

  it('rejects methods of other types or without a usable key', () => {
    expect(codeOf(() => publicKeyOf({ ...VM, type: 'EcdsaSecp256k1VerificationKey2019' }))).toBe('ERR_KEY_INVALID')
    expect(codeOf(() => publicKeyOf({ id: VM.id, type: 'Multikey', controller: DID }))).toBe('ERR_KEY_INVALID')
    expect(codeOf(() => publicKeyOf({ ...VM, publicKeyMultibase: 'z6Mk' }))).toBe('ERR_KEY_INVALID')
    const jwk = { kty: 'OKP', crv: 'Ed25519', x: 'AAAA' }
    expect(codeOf(() => publicKeyOf({ id: VM.id, type: 'JsonWebKey2020', controller: DID, publicKeyJwk: jwk }))).toBe('ERR_KEY_INVALID')
    const p256 = { kty: 'EC', crv: 'P-256', x: 'AAAA', y: 'AAAA' }
    expect(codeOf(() => publicKeyOf({ id: VM.id, type: 'JsonWebKey', controller: DID, publicKeyJwk: p256 }))).toBe('ERR_KEY_INVALID')
    const okp = publicKeyOf(VM).export({ format: 'jwk' })
    expect(codeOf(() => publicKeyOf({ id: VM.id, type: 'Multikey', controller: DID, publicKeyJwk: okp }))).toBe('ERR_KEY_INVALID')
  })
})
