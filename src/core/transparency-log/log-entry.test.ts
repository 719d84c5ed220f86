import { describe, expect, it } from 'vitest'
import { credentialDigest, logEntryFor, parseLogEntry } from './log-entry.js'

const credential = {
  '@context': ['https://www.w3.org/ns/credentials/v2'],
  id: 'urn:uuid:6a1c6d0e-7c43-4d7e-9f5e-4f1c2f0c9a11',
  type: ['VerifiableCredential', 'OpenBadgeCredential'],
  issuer: { id: 'did:web:emblem.example:orgs:acme', type: ['Profile'], name: 'Acme' },
  validFrom: '2025-01-02T03:04:05Z',
  proof: [{ type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022', proofValue: 'z3abc' }],
}

describe('logEntryFor', () => {
  it('is the JCS of credential, digest, issuer and issued, keys sorted', () => {
    const text = new TextDecoder().decode(logEntryFor(credential))
    expect(text).toBe(
      `{"credential":"${credential.id}","digest":"${credentialDigest(credential)}","issued":"2025-01-02T03:04:05Z","issuer":"did:web:emblem.example:orgs:acme"}`,
    )
    expect(credentialDigest(credential)).toMatch(/^[A-Za-z0-9_-]{43}$/)
  })

  it('digests the signed credential canonically, so key order does not matter but the proof does', () => {
    const reordered = Object.fromEntries(Object.entries(credential).reverse())
    expect(credentialDigest(reordered)).toBe(credentialDigest(credential))
    expect(credentialDigest({ ...credential, proof: [{ ...credential.proof[0]!, proofValue: 'z3abd' }] })).not.toBe(credentialDigest(credential))
  })

  it('takes the issuer as a string id too', () => {
    expect(parseLogEntry(logEntryFor({ ...credential, issuer: 'did:web:x' })).issuer).toBe('did:web:x')
  })

  it('refuses a credential without id, issuer id or validFrom', () => {
    for (const broken of [{ ...credential, id: undefined }, { ...credential, issuer: { name: 'x' } }, { ...credential, validFrom: 5 }]) {
      expect(() => logEntryFor(broken)).toThrow(expect.objectContaining({ code: 'ERR_INPUT_INVALID' }))
    }
  })
})

describe('parseLogEntry', () => {
  it('reads back the entry it was given and refuses other shapes or non-canonical bytes', () => {
    const bytes = logEntryFor(credential)
    expect(parseLogEntry(bytes)).toMatchObject({ credential: credential.id, issuer: credential.issuer.id })
    const enc = (s: string) => new TextEncoder().encode(s)
    for (const bad of ['[]', '{"credential":"a","digest":"b","issued":"c"}', '{"issuer":"d","credential":"a","digest":"b","issued":"c"}', '{"credential":"a","digest":"b","issued":"c","issuer":1}', 'nope']) {
      expect(() => parseLogEntry(enc(bad)), bad).toThrow(expect.objectContaining({ code: 'ERR_INPUT_INVALID' }))
    }
  })
})
