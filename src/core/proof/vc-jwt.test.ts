import { CompactSign, compactVerify, decodeJwt, decodeProtectedHeader } from 'jose'
import { describe, expect, it } from 'vitest'
import { isPlatformError } from '../errors.js'
import { resolveDidKey } from './did-key.js'
import { generateKeyPair } from './multikey.js'
import { createSigner } from './signer.js'
import { signJwt, verifyJwt } from './vc-jwt.js'

const keyPair = generateKeyPair()
const signer = createSigner(keyPair)
const did = `did:key:${keyPair.publicKeyMultibase}`
const options = { resolveVerificationMethod: async (url: string) => resolveDidKey(url) }
const credential = {
  '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
  id: 'urn:uuid:91a0a3c2-6f0e-4f7e-9a38-3b1e4f1c2d10',
  type: ['VerifiableCredential', 'OpenBadgeCredential'],
  issuer: { id: did, type: ['Profile'], name: 'Example College' },
  validFrom: '2024-05-01T12:00:00Z',
  validUntil: '2029-05-01T12:00:00Z',
  credentialSubject: { id: 'did:example:learner', type: ['AchievementSubject'] },
}
const json = (value: unknown) => new TextEncoder().encode(JSON.stringify(value))
/** Signs an arbitrary payload with jose, as another issuer's software would. */
const joseSign = (payload: unknown, header: Record<string, unknown> = { alg: 'EdDSA', typ: 'JWT', kid: signer.verificationMethod }) =>
  new CompactSign(json(payload)).setProtectedHeader(header as { alg: string }).sign(keyPair.privateKey!)

describe('VC-JWT', () => {
  it('puts the OB 3.0 claims beside the credential and names the key in an EdDSA header', () => {
    const jwt = signJwt(credential, signer)
    expect(decodeProtectedHeader(jwt)).toEqual({ alg: 'EdDSA', typ: 'JWT', kid: signer.verificationMethod })
    expect(decodeJwt(jwt)).toEqual({
      ...credential,
      iss: did,
      jti: credential.id,
      nbf: Date.UTC(2024, 4, 1, 12) / 1000,
      sub: 'did:example:learner',
      exp: Date.UTC(2029, 4, 1, 12) / 1000,
    })
    expect(decodeProtectedHeader(signJwt(credential, signer, { kid: 'https://example.org/keys/1' })).kid).toBe('https://example.org/keys/1')
  })

  it('produces exactly what jose signs for the same header and payload, and jose verifies it', async () => {
    const jwt = signJwt(credential, signer)
    const [header, payload] = jwt.split('.').slice(0, 2).map((part) => JSON.parse(Buffer.from(part, 'base64url').toString()))
    expect(await joseSign(payload, header)).toBe(jwt)
    await expect(compactVerify(jwt, keyPair.publicKey)).resolves.toBeDefined()
  })

  it('round-trips: verifying returns the credential and the controller of the key', async () => {
    const result = await verifyJwt(signJwt(credential, signer), options)
    expect(result).toEqual({ verified: true, credential, verificationMethod: signer.verificationMethod, controller: did, alg: 'EdDSA', form: 'ob3' })
  })

  it('verifies a JWT jose signed with a credential that has no validUntil or subject id', async () => {
    const { validUntil: _v, credentialSubject: _s, ...plain } = credential
    const payload = { ...plain, credentialSubject: { type: ['AchievementSubject'] }, iss: did, jti: plain.id, nbf: 1714564800 }
    expect(await verifyJwt(await joseSign(payload), options)).toMatchObject({ verified: true })
  })

  it('rejects claims that do not match the credential, naming them', async () => {
    const claims = { iss: did, jti: credential.id, nbf: 1714564800, sub: 'did:example:learner', exp: 1872331200 }
    expect(await verifyJwt(await joseSign({ ...credential, ...claims }), options)).toMatchObject({ verified: true })
    const wrong = { ...claims, nbf: claims.nbf + 1, iss: 'did:example:someone-else' }
    const result = await verifyJwt(await joseSign({ ...credential, ...wrong }), options)
    expect(result).toMatchObject({ verified: false, code: 'PROOF_CLAIMS_MISMATCH' })
    expect(result.message).toMatch(/iss, nbf/)
    const { exp: _exp, ...withoutExp } = claims
    const absent = await verifyJwt(await joseSign({ ...credential, ...withoutExp }), options)
    expect(absent).toMatchObject({ verified: false, code: 'JWT_CLAIM_ABSENT' })
    expect(absent.message).toMatch(/exp are absent/)
  })

  it('rejects a changed payload, a signature from another key and a tampered signature', async () => {
    const jwt = signJwt(credential, signer)
    const [header, , signature] = jwt.split('.')
    const changed = Buffer.from(JSON.stringify({ ...decodeJwt(jwt), name: 'x' })).toString('base64url')
    expect(await verifyJwt(`${header}.${changed}.${signature}`, options)).toMatchObject({ code: 'PROOF_SIGNATURE_INVALID' })
    const impostor = signJwt(credential, createSigner(generateKeyPair(), signer.verificationMethod))
    expect(await verifyJwt(impostor, options)).toMatchObject({ code: 'PROOF_SIGNATURE_INVALID' })
    // A character inside the signature (all six bits data): the last two carry padding bits, and
    // replacing them with 'BA' left the signature unchanged whenever it already ended so (1 run in 32).
    const at = jwt.length - 10
    const flipped = jwt.slice(0, at) + (jwt[at] === 'A' ? 'B' : 'A') + jwt.slice(at + 1)
    expect((await verifyJwt(flipped, options)).verified).toBe(false)
  })

  it('reports malformed tokens, other algorithms, a missing kid and unresolvable keys', async () => {
    expect(await verifyJwt('not.a.jwt', options)).toMatchObject({ code: 'PROOF_MALFORMED' })
    expect(await verifyJwt(42, options)).toMatchObject({ code: 'PROOF_MALFORMED' })
    const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')
    expect(await verifyJwt(`${encode({ alg: 'HS256', kid: 'x' })}.${encode({})}.sig`, options)).toMatchObject({ code: 'PROOF_UNSUPPORTED_SUITE' })
    expect(await verifyJwt(`${encode({ alg: 'none' })}.${encode({})}.`, options)).toMatchObject({ code: 'PROOF_UNSUPPORTED_SUITE' })
    expect(await verifyJwt(await joseSign(credential, { alg: 'EdDSA' }), options)).toMatchObject({ code: 'PROOF_MALFORMED' })
    const jwt = signJwt(credential, signer, { kid: 'did:web:example.org#key-1' })
    expect(await verifyJwt(jwt, options)).toMatchObject({ code: 'PROOF_KEY_UNRESOLVED', verificationMethod: 'did:web:example.org#key-1' })
  })

  it('refuses to sign a credential without validFrom or issuer', () => {
    const { validFrom: _f, ...undated } = credential
    expect(() => signJwt(undated, signer)).toThrow(/validFrom/)
    try {
      signJwt({ ...credential, issuer: undefined }, signer)
    } catch (err) {
      expect(isPlatformError(err, 'ERR_INPUT_INVALID')).toBe(true)
    }
  })

  it('reads a relative kid against iss, and refuses a verification method whose JWK carries private members', async () => {
    const relative = await joseSign({ ...credential, iss: did, jti: credential.id, nbf: 1714564800, sub: 'did:example:learner', exp: 1872331200 }, { alg: 'EdDSA', kid: `#${keyPair.publicKeyMultibase}` })
    expect(await verifyJwt(relative, options)).toMatchObject({ verified: true, verificationMethod: signer.verificationMethod })
    const privateJwk = keyPair.privateKey!.export({ format: 'jwk' })
    const resolver = { resolveVerificationMethod: async (id: string) => ({ id, type: 'JsonWebKey2020', controller: did, publicKeyJwk: { ...privateJwk, kty: 'EC' } }) }
    expect(await verifyJwt(signJwt(credential, signer), resolver)).toMatchObject({ verified: false, code: 'PROOF_KEY_INVALID' })
  })
})
