import { describe, expect, it, vi } from 'vitest'
import { createSigner, didKeyOf, generateKeyPair, signCredential, signJwt, type Cryptosuite, type Signer } from '../proof/index.js'
import { StatusList, buildStatusListCredential } from '../status-list/index.js'
import { buildIssuerProfile, buildRealisticCredential } from '../../../test/support/builders.js'
import type { CheckId, VerificationReport } from './types.js'
import { verifyCredential } from './verify-credential.js'

const now = new Date('2026-06-01T12:00:00Z')
const CREATED = '2025-03-01T09:00:00Z'
const LIST_URL = 'https://example.edu/status/1'

function issuer(): { signer: Signer; did: string } {
  const keyPair = generateKeyPair()
  return { signer: createSigner(keyPair), did: didKeyOf(keyPair.publicKeyMultibase) }
}

/** A realistic credential by `did`, without its status entry unless asked. */
const credentialBy = (did: string, overrides: Record<string, unknown> = {}) => {
  const { credentialStatus: _status, ...credential } = buildRealisticCredential({ issuer: buildIssuerProfile({ id: did }) })
  return { ...credential, ...overrides }
}

async function statusListBy(signer: Signer, did: string, revokedIndex?: number) {
  const list = new StatusList()
  if (revokedIndex !== undefined) list.set(revokedIndex, 1)
  const draft = buildStatusListCredential({ id: LIST_URL, issuer: did, statusPurpose: 'revocation', list, validFrom: CREATED })
  return signCredential(draft, signer, { suite: 'eddsa-rdfc-2022', created: CREATED })
}

const outcomes = (report: VerificationReport) => Object.fromEntries(report.checks.map((c) => [c.id, c.code ?? c.outcome]))
const check = (report: VerificationReport, id: CheckId) => report.checks.find((c) => c.id === id)!

describe('verifyCredential', () => {
  it.each(['eddsa-rdfc-2022', 'eddsa-jcs-2022'] as Cryptosuite[])('verifies a realistic credential signed with %s, every check in order', async (suite) => {
    const { signer, did } = issuer()
    const signed = await signCredential(credentialBy(did), signer, { suite, created: CREATED })
    const report = await verifyCredential(JSON.stringify(signed), { now })
    expect(report.checks.map((c) => c.id)).toEqual(['parse', 'schema', 'proof', 'issuer-binding', 'validity-period', 'status', 'log-inclusion'])
    expect(outcomes(report)).toEqual({
      parse: 'passed',
      schema: 'passed',
      proof: 'passed',
      'issuer-binding': 'passed',
      'validity-period': 'passed',
      status: 'skipped',
      'log-inclusion': 'skipped',
    })
    expect(check(report, 'log-inclusion').message).toBe('transparency log not yet available')
    expect(report).toMatchObject({ verified: true, credential: { id: signed.id } })
  })

  it('verifies a compact VC-JWT and reports the credential in its payload', async () => {
    const { signer, did } = issuer()
    const report = await verifyCredential(signJwt(credentialBy(did), signer), { now })
    expect(report.verified).toBe(true)
    expect(check(report, 'parse').message).toBe('Compact VC-JWT (OB 3.0)')
    expect(report.credential).toMatchObject({ issuer: { id: did } })
    expect(report.credential).not.toHaveProperty('iss')
  })

  it('accepts the same credential as bytes, as text and as an object', async () => {
    const { signer, did } = issuer()
    const signed = await signCredential(credentialBy(did), signer, { suite: 'eddsa-rdfc-2022', created: CREATED })
    for (const input of [signed, JSON.stringify(signed), new TextEncoder().encode(JSON.stringify(signed))])
      expect((await verifyCredential(input, { now })).verified).toBe(true)
  })

  it('rejects a credential signed by a key that is not the issuer’s, with ISSUER_MISMATCH', async () => {
    const { did } = issuer()
    const other = issuer()
    const signed = await signCredential(credentialBy(did), other.signer, { suite: 'eddsa-rdfc-2022', created: CREATED })
    const report = await verifyCredential(signed, { now })
    expect(outcomes(report)).toMatchObject({ proof: 'passed', 'issuer-binding': 'ISSUER_MISMATCH' })
    expect(report.verified).toBe(false)
  })

  it('still judges the validity period after the proof failed, but does not trust the status entries', async () => {
    const { signer, did } = issuer()
    const signed = await signCredential(credentialBy(did, { validUntil: '2026-01-01T00:00:00Z' }), signer, {
      suite: 'eddsa-rdfc-2022',
      created: CREATED,
    })
    const fetcher = vi.fn()
    const credentialStatus = {
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: '1',
      statusListCredential: 'https://attacker.example/list',
    }
    const tampered = { ...signed, name: 'Something else', credentialStatus }
    const report = await verifyCredential(tampered, { now, fetcher })
    expect(outcomes(report)).toMatchObject({
      proof: 'PROOF_SIGNATURE_INVALID',
      'issuer-binding': 'skipped',
      'validity-period': 'CREDENTIAL_EXPIRED',
      status: 'skipped',
    })
    expect(fetcher).not.toHaveBeenCalled()
  })

  it('skips every later check when the input cannot be parsed, and never throws', async () => {
    const report = await verifyCredential('{"@context": [', { now })
    expect(report.verified).toBe(false)
    expect(report.checks.map((c) => c.outcome)).toEqual(['failed', 'skipped', 'skipped', 'skipped', 'skipped', 'skipped', 'skipped'])
    expect(check(report, 'parse').code).toBe('JSON_PARSE')
    for (const input of [null, 42, [], 'not json', new Uint8Array([0xff, 0xfe])])
      expect((await verifyCredential(input, { now })).verified).toBe(false)
  })

  it('reads a status list from the documents map, verifies it, and reports a set bit as CREDENTIAL_REVOKED', async () => {
    const { signer, did } = issuer()
    const credential = buildRealisticCredential({ issuer: buildIssuerProfile({ id: did }) })
    const signed = await signCredential(credential, signer, { suite: 'eddsa-rdfc-2022', created: CREATED })
    const index = Number((credential.credentialStatus as unknown as { statusListIndex: string }).statusListIndex)

    const clear = await verifyCredential(signed, { now, documents: new Map([[LIST_URL, await statusListBy(signer, did)]]) })
    expect(outcomes(clear)).toMatchObject({ status: 'passed' })
    expect(clear.verified).toBe(true)

    const revoked = await verifyCredential(signed, { now, documents: new Map([[LIST_URL, await statusListBy(signer, did, index)]]) })
    expect(outcomes(revoked)).toMatchObject({ proof: 'passed', status: 'CREDENTIAL_REVOKED' })
    expect(revoked.verified).toBe(false)
  })

  it('refuses a status list signed by someone other than the issuer', async () => {
    const { signer, did } = issuer()
    const other = issuer()
    const signed = await signCredential(buildRealisticCredential({ issuer: buildIssuerProfile({ id: did }) }), signer, {
      suite: 'eddsa-rdfc-2022',
      created: CREATED,
    })
    const forgedList = await statusListBy(other.signer, other.did)
    const report = await verifyCredential(signed, { now, documents: new Map([[LIST_URL, forgedList]]) })
    expect(check(report, 'status')).toMatchObject({ outcome: 'failed', code: 'STATUS_VERIFICATION_ERROR' })
  })

  it('reports a status list that cannot be had as STATUS_RETRIEVAL_ERROR', async () => {
    const { signer, did } = issuer()
    const signed = await signCredential(buildRealisticCredential({ issuer: buildIssuerProfile({ id: did }) }), signer, {
      suite: 'eddsa-rdfc-2022',
      created: CREATED,
    })
    const fetcher = vi.fn(async () => {
      throw new Error('HTTP 404')
    })
    const report = await verifyCredential(signed, { now, fetcher })
    expect(check(report, 'status')).toMatchObject({ outcome: 'failed', code: 'STATUS_RETRIEVAL_ERROR' })
    expect(fetcher).toHaveBeenCalledWith(LIST_URL)
  })

  it('verifies a key published in a did:web document, fetched once through the injected fetcher', async () => {
    const keyPair = generateKeyPair()
    const did = 'did:web:example.edu%3A8443:orgs:demo'
    const signer = createSigner(keyPair, `${did}#key-1`)
    const didDocument = {
      '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
      id: did,
      verificationMethod: [{ id: `${did}#key-1`, type: 'Multikey', controller: did, publicKeyMultibase: keyPair.publicKeyMultibase }],
      assertionMethod: [`${did}#key-1`],
    }
    const fetcher = vi.fn(async (url: string) => (url === 'https://example.edu:8443/orgs/demo/did.json' ? didDocument : undefined))
    const signed = await signCredential(credentialBy(did), signer, { suite: 'eddsa-rdfc-2022', created: CREATED })
    const report = await verifyCredential(signed, { now, fetcher })
    expect(outcomes(report)).toMatchObject({ proof: 'passed', 'issuer-binding': 'passed' })
    expect(fetcher).toHaveBeenCalledTimes(1)
  })

  it('verifies an https verification method found in the issuer Profile', async () => {
    const keyPair = generateKeyPair()
    const profileId = 'https://example.edu/issuers/876543'
    const methodId = `${profileId}#${keyPair.publicKeyMultibase}`
    const method = { id: methodId, type: 'Multikey', publicKeyMultibase: keyPair.publicKeyMultibase }
    const profile = { ...buildIssuerProfile({ id: profileId }), verificationMethod: [method] }
    const signed = await signCredential(credentialBy(profileId), createSigner(keyPair, methodId), { suite: 'eddsa-rdfc-2022', created: CREATED })
    const report = await verifyCredential(signed, { now, documents: new Map([[profileId, profile]]) })
    expect(outcomes(report)).toMatchObject({ proof: 'passed', 'issuer-binding': 'passed' })
  })

  it('accepts the VC 1.1 form and judges issuanceDate and expirationDate', async () => {
    const { signer, did } = issuer()
    // credentialSchema's 1EdTech type is a VC 2.0 context term; this VC 1.1 credential goes without it.
    const { validFrom: _from, validUntil: _until, credentialSchema: _schema, ...rest } = credentialBy(did)
    const v11 = {
      ...rest,
      // VC 1.1 documents need the Data Integrity context for the proof's terms.
      '@context': [
        'https://www.w3.org/2018/credentials/v1',
        'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
        'https://w3id.org/security/data-integrity/v2',
      ],
      issuanceDate: '2025-03-01T09:00:00Z',
      expirationDate: '2026-03-01T09:00:00Z',
    }
    const signed = await signCredential(v11, signer, { suite: 'eddsa-rdfc-2022', created: CREATED })
    expect(outcomes(await verifyCredential(signed, { now: new Date('2025-06-01T00:00:00Z') }))).toMatchObject({
      proof: 'passed',
      'validity-period': 'passed',
    })
    const later = await verifyCredential(signed, { now })
    expect(check(later, 'validity-period').code).toBe('CREDENTIAL_EXPIRED')
  })

  it('fails the issuer-binding check for an issuer outside trustedIssuers', async () => {
    const { signer, did } = issuer()
    const signed = await signCredential(credentialBy(did), signer, { suite: 'eddsa-rdfc-2022', created: CREATED })
    const report = await verifyCredential(signed, { now, trustedIssuers: ['did:web:example.edu'] })
    expect(check(report, 'issuer-binding').code).toBe('ISSUER_NOT_TRUSTED')
  })
})
