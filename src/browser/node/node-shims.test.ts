// The browser's stand-ins for node:crypto, node:zlib and Buffer answer exactly as Node's do for what
// core calls: hashes (chained updates, subarray views, hex and bytes), Ed25519 verification of good,
// tampered and wrongly keyed signatures, JWK and SPKI keys, gzip, and base64url. (Under Node,
// 'buffer' is Node's own module, which buffer.ts patches the same way as the npm package it
// resolves to in the bundle.)
import { createHash as nodeCreateHash, generateKeyPairSync, hash as nodeHash, sign } from 'node:crypto'
import { gzipSync as nodeGzip } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { Buffer as ShimBuffer } from './buffer.js'
import { createHash, createPublicKey, hash, verify } from './crypto.js'
import { gunzipSync } from './zlib.js'

describe('browser node:crypto', () => {
  it('hashes like Node: chained updates, views with an offset, hex and bytes', () => {
    const view = new Uint8Array(64).map((_, i) => i * 5).subarray(7, 40)
    for (const algorithm of ['sha256', 'sha512']) {
      const expected = nodeCreateHash(algorithm).update('name/log', 'utf8').update(Uint8Array.of(0x0a, 1)).update(view).digest('hex')
      expect(createHash(algorithm).update('name/log').update(Uint8Array.of(0x0a, 1)).update(view).digest('hex')).toBe(expected)
      const bytes = createHash(algorithm).update('é✓').digest() as Uint8Array
      expect(Buffer.from(bytes).equals(nodeCreateHash(algorithm).update('é✓').digest())).toBe(true)
      // A digest is a Buffer, as Node's: core reads `digest.subarray(0, 4).toString('hex')`.
      expect((bytes as Buffer).subarray(0, 4).toString('hex')).toBe(nodeCreateHash(algorithm).update('é✓').digest('hex').slice(0, 8))
    }
    expect(hash('sha256', 'abc')).toBe(nodeHash('sha256', 'abc'))
    expect(Buffer.from(hash('sha256', view, 'buffer') as Uint8Array).equals(nodeHash('sha256', view, 'buffer'))).toBe(true)
  })

  it('verifies Ed25519 like Node: a good signature, a tampered message, another key', () => {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519')
    const other = generateKeyPairSync('ed25519').publicKey
    const message = new TextEncoder().encode('a signed checkpoint')
    const signature = sign(null, message, privateKey)
    const spki = (key: typeof publicKey) => new Uint8Array(key.export({ format: 'der', type: 'spki' }))
    const key = createPublicKey({ key: spki(publicKey), format: 'der', type: 'spki' })
    expect(verify(null, message, key, signature)).toBe(true)
    expect(verify(null, new TextEncoder().encode('a signed checkpoinT'), key, signature)).toBe(false)
    expect(verify(null, message, createPublicKey({ key: spki(other), format: 'der', type: 'spki' }), signature)).toBe(false)
    const jwk = publicKey.export({ format: 'jwk' }) as Record<string, unknown>
    const fromJwk = createPublicKey({ key: jwk, format: 'jwk' })
    expect(verify(null, message, fromJwk, signature)).toBe(true)
    // A plain object that is also the JWK: how jose takes a key in the browser.
    expect(Object.getPrototypeOf(fromJwk)).toBe(Object.prototype)
    expect(fromJwk).toMatchObject({ kty: 'OKP', crv: 'Ed25519', x: jwk.x })
    expect(() => createPublicKey({ key: new Uint8Array(10), format: 'der', type: 'spki' })).toThrow()
  })
})

describe('browser node:zlib and Buffer', () => {
  it('gunzips what Node gzipped, within a size limit', () => {
    const bits = new Uint8Array(16_384).map((_, i) => (i % 97 === 0 ? 1 : 0))
    expect(Buffer.from(gunzipSync(nodeGzip(bits))).equals(Buffer.from(bits))).toBe(true)
    expect(() => gunzipSync(nodeGzip(bits), { maxOutputLength: 100 })).toThrow(RangeError)
  })

  it('reads and writes base64url like Node', () => {
    const bytes = Uint8Array.from([251, 255, 191, 0, 62, 63])
    const text = Buffer.from(bytes).toString('base64url')
    expect(ShimBuffer.from(bytes).toString('base64url')).toBe(text)
    expect(Buffer.from(ShimBuffer.from(text, 'base64url')).equals(Buffer.from(bytes))).toBe(true)
  })
})
