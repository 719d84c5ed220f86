import { verify } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { isPlatformError } from '../errors.js'
import { generateKeyPair, importKeyPair } from './multikey.js'
import { createSigner } from './signer.js'

describe('createSigner', () => {
  it('signs with Ed25519 so that the public key verifies the 64-byte signature', () => {
    const keyPair = generateKeyPair()
    const data = new TextEncoder().encode('hello')
    const signature = createSigner(keyPair).sign(data)
    expect(signature).toHaveLength(64)
    expect(verify(null, data, keyPair.publicKey, signature)).toBe(true)
  })

  it('names a bare key by its did:key verification method', () => {
    const keyPair = generateKeyPair()
    const { publicKeyMultibase } = keyPair
    expect(createSigner(keyPair).verificationMethod).toBe(`did:key:${publicKeyMultibase}#${publicKeyMultibase}`)
  })

  it('prefers an explicit verification method, then the key pair id', () => {
    const keyPair = generateKeyPair({ id: 'did:web:example.org#key-1' })
    expect(createSigner(keyPair).verificationMethod).toBe('did:web:example.org#key-1')
    expect(createSigner(keyPair, 'https://example.org/issuer#key-2').verificationMethod).toBe('https://example.org/issuer#key-2')
  })

  it('refuses a key pair without a secret key', () => {
    const publicOnly = importKeyPair({ publicKeyMultibase: generateKeyPair().publicKeyMultibase })
    expect(() => createSigner(publicOnly)).toThrow(/no secret key/)
    try {
      createSigner(publicOnly)
    } catch (err) {
      expect(isPlatformError(err, 'ERR_KEY_UNAVAILABLE')).toBe(true)
    }
  })
})
