// Formats seen in the wild (issue #14 item 3), each made by an independent library as the other
// party: Digital Bazaar's Ed25519Signature2020 suite and vc (VC 1.1 and 2.0), jose for VC-JWT
// (OB 3.0, VC-JOSE-COSE `typ: vc+jwt` without iss/jti, the VC 1.1 `vc` claim; EdDSA, RS256, ES256),
// StatusList2021 lists built here with zlib. Each verifies with verifyCredential, and a tampered copy
// fails with a named code, never a throw.
// @ts-expect-error untyped dev dependency
import * as vc from '@digitalbazaar/vc'
// @ts-expect-error untyped dev dependency
import { Ed25519Signature2020 } from '@digitalbazaar/ed25519-signature-2020'
// @ts-expect-error untyped dev dependency
import { Ed25519VerificationKey2020 } from '@digitalbazaar/ed25519-verification-key-2020'
import { generateKeyPairSync, type KeyObject } from 'node:crypto'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import { CompactSign } from 'jose'
import { describe, expect, it } from 'vitest'
import { buildIssuerProfile, buildRealisticCredential } from '../support/builders.js'
import { CONTEXT, createDocumentLoader, type DocumentLoader } from '../../src/core/canonical/index.js'
import { createSigner, didKeyOf, generateKeyPair, signCredential, type Ed25519KeyPair } from '../../src/core/proof/index.js'
import { verifyCredential, type VerificationReport } from '../../src/core/verification/index.js'

type Json = Record<string, any>
const NOW = new Date('2026-06-01T12:00:00Z')
const FIXTURES = path.resolve(process.cwd(), 'test/fixtures')
const fixture = (name: string): Json => JSON.parse(readFileSync(path.join(FIXTURES, name), 'utf8'))
const checkOf = (report: VerificationReport, id: string) => report.checks.find((c) => c.id === id)!
const failures = (report: VerificationReport) => report.checks.filter((c) => c.outcome === 'failed').map((c) => c.code)

/** One character changed in the achievement's name, wherever the credential keeps it. */
function tamper<T>(signed: T): T {
  const copy = structuredClone(signed) as Json
  const achievement = copy.credentialSubject.achievement
  achievement.name = `${achievement.name}x`
  return copy as T
}

/** The realistic OB 3.0 credential in the VC 2.0 form, issued by `issuer`, without status (status has its own tests below). */
function vc2Credential(issuer: string, extraContexts: string[] = []): Json {
  const credential = buildRealisticCredential({ issuer: buildIssuerProfile({ id: issuer }) }) as unknown as Json
  delete credential.credentialStatus
  credential['@context'] = [...credential['@context'], ...extraContexts]
  return credential
}

/** The VC 1.1-form fixture (issuanceDate, context 3.0.1), issued by `issuer`. */
function vc1Credential(issuer: string, extraContexts: string[] = []): Json {
  const credential = fixture('vc11-form.json')
  credential.issuer.id = issuer
  credential['@context'] = [...credential['@context'], ...extraContexts]
  return credential
}

describe('Ed25519Signature2020 made by @digitalbazaar/ed25519-signature-2020 and vc', () => {
  const documentLoader: DocumentLoader = createDocumentLoader()

  async function dbSign(make: (issuer: string) => Json): Promise<Json> {
    const key = await Ed25519VerificationKey2020.generate()
    const did = `did:key:${key.fingerprint()}`
    key.controller = did
    key.id = `${did}#${key.fingerprint()}`
    return vc.issue({ credential: make(did), suite: new Ed25519Signature2020({ key }), documentLoader })
  }

  it.each([
    ['VC 1.1', (did: string) => vc1Credential(did, [CONTEXT.ED25519_2020_V1])],
    ['VC 2.0', (did: string) => vc2Credential(did, [CONTEXT.ED25519_2020_V1])],
  ] as const)('verifies a %s OB 3.0 credential they sign, and fails it with one character changed', async (_form, make) => {
    const signed = await dbSign(make)
    expect(signed.proof.type).toBe('Ed25519Signature2020')
    const report = await verifyCredential(signed, { now: NOW })
    expect(failures(report)).toEqual([])
    expect(report.verified).toBe(true)
    expect(checkOf(report, 'proof').message).toMatch(/Ed25519Signature2020 proof by did:key:z6Mk/)
    expect(checkOf(report, 'issuer-binding').outcome).toBe('passed')
    const tampered = await verifyCredential(tamper(signed), { now: NOW })
    expect(tampered.verified).toBe(false)
    expect(checkOf(tampered, 'proof')).toMatchObject({ outcome: 'failed', code: 'PROOF_SIGNATURE_INVALID' })
  })

  it('reports the VC 1.1 form as a named schema outcome and skips log inclusion for an issuer with no known log', async () => {
    const signed = await dbSign((did) => vc1Credential(did, [CONTEXT.ED25519_2020_V1]))
    const log = { verifierKeys: [], local: { latestCheckpoint: async () => undefined, indexOfCredential: async () => undefined, nodes: async () => [] }, isLocalIssuer: () => false }
    const report = await verifyCredential(signed, { now: NOW, log })
    expect(checkOf(report, 'schema')).toMatchObject({ outcome: 'skipped', code: 'SCHEMA_VC1_FORM' })
    expect(checkOf(report, 'log-inclusion')).toMatchObject({ outcome: 'skipped' })
    expect(checkOf(report, 'log-inclusion').message).toMatch(/No transparency log known/)
    expect(report.verified).toBe(true)
  })
})

describe('VC-JWT made by jose', () => {
  const json = (value: unknown) => new TextEncoder().encode(JSON.stringify(value))
  const sign = (payload: unknown, header: Record<string, unknown>, key: KeyObject) => new CompactSign(json(payload)).setProtectedHeader(header as { alg: string }).sign(key)

  /** A did:web issuer whose DID document lists `publicKeyJwk` methods, as the documents map serves it. */
  function didWebIssuer(kind: 'rsa' | 'ec' | 'ed25519') {
    const pair = kind === 'rsa' ? generateKeyPairSync('rsa', { modulusLength: 2048 }) : kind === 'ec' ? generateKeyPairSync('ec', { namedCurve: 'P-256' }) : generateKeyPairSync('ed25519')
    const did = 'did:web:issuer.example'
    const kid = `${did}#key-${kind}`
    const document = {
      '@context': [CONTEXT.DID_V1, 'https://w3id.org/security/jws/v1'],
      id: did,
      verificationMethod: [{ id: kid, type: 'JsonWebKey2020', controller: did, publicKeyJwk: pair.publicKey.export({ format: 'jwk' }) }],
      assertionMethod: [kid],
    }
    return { did, kid, privateKey: pair.privateKey, documents: new Map([[did, document]]) }
  }

  const claimsOf = (credential: Json) => ({
    iss: credential.issuer.id,
    jti: credential.id,
    nbf: Math.floor(Date.parse(credential.validFrom ?? credential.issuanceDate) / 1000),
    sub: credential.credentialSubject.id,
    ...(credential.validUntil ? { exp: Math.floor(Date.parse(credential.validUntil) / 1000) } : {}),
  })

  /** The payload with one character changed in the achievement's name, re-encoded under the original signature. */
  const tamperJwt = (jwt: string) => {
    const [header, payload, signature] = jwt.split('.')
    const value = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Json
    const subject = (value.vc ?? value).credentialSubject
    subject.achievement.name += 'x'
    return `${header}.${Buffer.from(JSON.stringify(value)).toString('base64url')}.${signature}`
  }

  it.each([
    ['RS256', 'rsa'],
    ['ES256', 'ec'],
    ['EdDSA', 'ed25519'],
  ] as const)('verifies an OB 3.0 VC-JWT signed %s by a publicKeyJwk key of a did:web, and fails it tampered', async (alg, kind) => {
    const { did, kid, privateKey, documents } = didWebIssuer(kind)
    const credential = vc2Credential(did)
    const jwt = await sign({ ...credential, ...claimsOf(credential) }, { alg, typ: 'JWT', kid }, privateKey)
    const report = await verifyCredential(jwt, { now: NOW, documents })
    expect(failures(report)).toEqual([])
    expect(checkOf(report, 'proof').message).toBe(`Verified VC-JWT (${alg}) signed by ${kid}`)
    expect(report.credential).toEqual(credential)
    const tampered = await verifyCredential(tamperJwt(jwt), { now: NOW, documents })
    expect(checkOf(tampered, 'proof')).toMatchObject({ outcome: 'failed', code: 'PROOF_SIGNATURE_INVALID' })
  })

  it('verifies a VC-JOSE-COSE token (typ vc+jwt) whose payload is the credential with no iss, jti, nbf or sub', async () => {
    const keyPair: Ed25519KeyPair = generateKeyPair()
    const did = didKeyOf(keyPair.publicKeyMultibase)
    const credential = vc2Credential(did)
    const jwt = await sign(credential, { alg: 'EdDSA', typ: 'vc+jwt', cty: 'vc', kid: `${did}#${keyPair.publicKeyMultibase}` }, keyPair.privateKey!)
    const report = await verifyCredential(jwt, { now: NOW })
    expect(failures(report)).toEqual([])
    expect(checkOf(report, 'parse').message).toMatch(/VC-JOSE-COSE/)
    expect(report.credential).toEqual(credential)
    // The same payload as an OB 3.0 VC-JWT (typ JWT) lacks the claims OB 3.0 requires: a code of its own.
    const ob3 = await verifyCredential(await sign(credential, { alg: 'EdDSA', typ: 'JWT', kid: `${did}#${keyPair.publicKeyMultibase}` }, keyPair.privateKey!), { now: NOW })
    expect(checkOf(ob3, 'proof')).toMatchObject({ outcome: 'failed', code: 'JWT_CLAIM_ABSENT' })
    // A claim that is present must still match.
    const wrong = await verifyCredential(await sign({ ...credential, iss: 'did:example:other' }, { alg: 'EdDSA', typ: 'vc+jwt', kid: `${did}#${keyPair.publicKeyMultibase}` }, keyPair.privateKey!), { now: NOW })
    expect(checkOf(wrong, 'proof')).toMatchObject({ outcome: 'failed', code: 'PROOF_CLAIMS_MISMATCH' })
    const tampered = await verifyCredential(tamperJwt(jwt), { now: NOW })
    expect(checkOf(tampered, 'proof')).toMatchObject({ outcome: 'failed', code: 'PROOF_SIGNATURE_INVALID' })
  })

  it('verifies a VC 1.1 VC-JWT with the credential in the vc claim (RS256), reading issuer, id and dates from the claims', async () => {
    const { did, kid, privateKey, documents } = didWebIssuer('rsa')
    const full = vc1Credential(did)
    const { issuer: _issuer, id, issuanceDate, expirationDate, ...rest } = full
    const payload = {
      iss: did,
      jti: id,
      nbf: Date.parse(issuanceDate) / 1000,
      exp: Date.parse(expirationDate) / 1000,
      sub: full.credentialSubject.id,
      vc: { ...rest, issuer: full.issuer },
    }
    const jwt = await sign(payload, { alg: 'RS256', typ: 'JWT', kid }, privateKey)
    const report = await verifyCredential(jwt, { now: new Date(Date.parse(issuanceDate) + 86_400_000), documents })
    expect(failures(report)).toEqual([])
    expect(checkOf(report, 'parse').message).toMatch(/vc claim/)
    expect(report.credential).toMatchObject({ id, issuanceDate, expirationDate, issuer: full.issuer })
    const tampered = await verifyCredential(tamperJwt(jwt), { now: NOW, documents })
    expect(checkOf(tampered, 'proof')).toMatchObject({ outcome: 'failed', code: 'PROOF_SIGNATURE_INVALID' })
  })

  it('names what it cannot verify: an HMAC token, a jwk-only header, a key that does not fit the alg', async () => {
    const { did, kid, privateKey, documents } = didWebIssuer('ec')
    const credential = vc2Credential(did)
    const payload = { ...credential, ...claimsOf(credential) }
    const hmac = await new CompactSign(json(payload)).setProtectedHeader({ alg: 'HS256', kid }).sign(new Uint8Array(32))
    expect(checkOf(await verifyCredential(hmac, { now: NOW, documents }), 'proof')).toMatchObject({ code: 'PROOF_UNSUPPORTED_SUITE' })
    const jwkOnly = await sign(payload, { alg: 'ES256', jwk: { kty: 'EC' } }, privateKey)
    expect(checkOf(await verifyCredential(jwkOnly, { now: NOW, documents }), 'proof')).toMatchObject({ code: 'PROOF_MALFORMED' })
    const rsa = didWebIssuer('rsa')
    const misfit = await sign(payload, { alg: 'ES256', kid: rsa.kid }, privateKey)
    expect(checkOf(await verifyCredential(misfit, { now: NOW, documents: rsa.documents }), 'proof')).toMatchObject({ code: 'PROOF_KEY_INVALID' })
  })
})

/** An Emblem-signed StatusList2021Credential (VC 1.1) whose bits at `revoked` are set, encoded as StatusList2021 says: GZIP, base64url, no multibase prefix. */
async function statusList2021(keyPair: Ed25519KeyPair, url: string, revoked: number[]): Promise<Json> {
  const bits = new Uint8Array(16 * 1024)
  for (const index of revoked) bits[index >> 3]! |= 0x80 >> (index & 7)
  const did = didKeyOf(keyPair.publicKeyMultibase)
  const list = {
    '@context': [CONTEXT.VC_V1, CONTEXT.STATUS_LIST_2021_V1, CONTEXT.DATA_INTEGRITY_V2],
    id: url,
    type: ['VerifiableCredential', 'StatusList2021Credential'],
    issuer: did,
    issuanceDate: '2024-01-01T00:00:00Z',
    credentialSubject: { id: `${url}#list`, type: 'StatusList2021', statusPurpose: 'revocation', encodedList: gzipSync(bits).toString('base64url') },
  }
  return signCredential(list, createSigner(keyPair), { suite: 'eddsa-rdfc-2022', created: '2024-01-01T00:00:00Z' })
}

describe('StatusList2021 and the Displayer cases (valid, expired, revoked) in the VC 2.0 and VC 1.1 forms', () => {
  const LIST = 'https://issuer.example/status/2021/1'

  async function credentialWith(form: 'VC 2.0' | 'VC 1.1', keyPair: Ed25519KeyPair, index: number, dates: Json = {}): Promise<Json> {
    const did = didKeyOf(keyPair.publicKeyMultibase)
    const credential = form === 'VC 2.0' ? vc2Credential(did, [CONTEXT.STATUS_LIST_2021_V1]) : vc1Credential(did, [CONTEXT.STATUS_LIST_2021_V1, CONTEXT.DATA_INTEGRITY_V2])
    credential.credentialStatus = { id: `${LIST}#${index}`, type: 'StatusList2021Entry', statusPurpose: 'revocation', statusListIndex: String(index), statusListCredential: LIST }
    Object.assign(credential, dates)
    return signCredential(credential, createSigner(keyPair), { suite: 'eddsa-rdfc-2022', created: '2024-02-01T00:00:00Z' })
  }

  it.each(['VC 2.0', 'VC 1.1'] as const)('%s: valid, revoked and expired each get their outcome', async (form) => {
    const keyPair = generateKeyPair()
    const documents = new Map([[LIST, await statusList2021(keyPair, LIST, [5, 42])]])
    const valid = await verifyCredential(await credentialWith(form, keyPair, 7), { now: NOW, documents })
    expect(failures(valid)).toEqual([])
    expect(checkOf(valid, 'status')).toMatchObject({ outcome: 'passed' })
    expect(checkOf(valid, 'status').message).toMatch(/revocation status at index 7 is not set/)

    const revoked = await verifyCredential(await credentialWith(form, keyPair, 42), { now: NOW, documents })
    expect(revoked.verified).toBe(false)
    expect(checkOf(revoked, 'status')).toMatchObject({ outcome: 'failed', code: 'CREDENTIAL_REVOKED' })

    const past = form === 'VC 2.0' ? { validFrom: '2020-01-01T00:00:00Z', validUntil: '2021-01-01T00:00:00Z' } : { issuanceDate: '2020-01-01T00:00:00Z', expirationDate: '2021-01-01T00:00:00Z' }
    const expired = await verifyCredential(await credentialWith(form, keyPair, 7, past), { now: NOW, documents })
    expect(failures(expired)).toEqual(['CREDENTIAL_EXPIRED'])
  })

  it('fails with STATUS_VERIFICATION_ERROR when the list was changed after it was signed', async () => {
    const keyPair = generateKeyPair()
    const list = await statusList2021(keyPair, LIST, [])
    list.credentialSubject.encodedList = gzipSync(new Uint8Array(16 * 1024).fill(255)).toString('base64url')
    const report = await verifyCredential(await credentialWith('VC 2.0', keyPair, 7), { now: NOW, documents: new Map([[LIST, list]]) })
    expect(checkOf(report, 'status')).toMatchObject({ outcome: 'failed', code: 'STATUS_VERIFICATION_ERROR' })
  })
})

const SHARED = path.resolve(process.cwd(), '../shared/interop/examples/ob-v3p0')
let sharedFiles: string[] = []
try {
  sharedFiles = (await import('node:fs')).readdirSync(SHARED).filter((f) => f.startsWith('validator-')).sort()
} catch {
  sharedFiles = []
}

/**
 * The issuer documents the 1EdTech validator fixtures need, rebuilt from their proofs: each names a
 * key by a URL whose fragment is the key itself (…#z6Mk…), so a Profile or DID document listing that
 * key is what the issuer publishes. did:key needs none.
 */
function documentsFor(credential: Json): Map<string, unknown> {
  const documents = new Map<string, unknown>()
  for (const proof of [credential.proof ?? []].flat() as Json[]) {
    const method = String(proof.verificationMethod)
    const [base = '', key] = method.split('#')
    if (method.startsWith('did:key:') || !key) continue
    const type = proof.type === 'Ed25519Signature2020' ? 'Ed25519VerificationKey2020' : 'Multikey'
    documents.set(base, {
      '@context': [CONTEXT.DID_V1],
      id: base,
      ...(base.startsWith('https://') ? { type: 'Profile' } : {}),
      verificationMethod: [{ id: method, type, controller: base, publicKeyMultibase: key }],
      assertionMethod: [method],
    })
  }
  return documents
}

/** What each fixture's verification must end in: the codes of the failed checks. */
const EXPECTED: Record<string, string[]> = {
  'validator-complete.json': ['STATUS_TYPE_UNSUPPORTED'],
  'validator-credential-status-revoked.json': ['STATUS_TYPE_UNSUPPORTED'],
  'validator-endorsement-valid.json': [],
  'validator-simple-did-key-method.json': ['ISSUER_MISMATCH'],
  'validator-simple-did-web-method.json': [],
  'validator-simple-eddsa-2022.json': [],
  'validator-simple-multiple-proofs.json': [],
  'validator-simple-noproof.json': ['SCHEMA_INVALID', 'PROOF_MISSING'],
  'validator-simple.json': [],
}

describe.skipIf(sharedFiles.length === 0)('the 1EdTech validator fixtures (../shared/interop), signed by their software', () => {
  it('knows every fixture in the folder', () => {
    expect(sharedFiles).toEqual(Object.keys(EXPECTED).sort())
  })

  it.each(Object.entries(EXPECTED))('%s ends in %j, and a tampered copy fails its proof by name', async (file, codes) => {
    const credential = JSON.parse(readFileSync(path.join(SHARED, file), 'utf8')) as Json
    const documents = documentsFor(credential)
    const report = await verifyCredential(credential, { now: NOW, documents })
    expect(failures(report)).toEqual(codes)
    if (!credential.proof) return
    const tampered = structuredClone(credential)
    tampered.name = `${String(tampered.name)}x`
    const broken = await verifyCredential(tampered, { now: NOW, documents })
    expect(broken.verified).toBe(false)
    expect(checkOf(broken, 'proof')).toMatchObject({ outcome: 'failed', code: 'PROOF_SIGNATURE_INVALID' })
  })

  it('verifies the Ed25519Signature2020 proof of the revoked fixture, an EndorsementCredential like any credential, and reports refreshService', async () => {
    const revoked = JSON.parse(readFileSync(path.join(SHARED, 'validator-credential-status-revoked.json'), 'utf8')) as Json
    const report = await verifyCredential(revoked, { now: NOW, documents: documentsFor(revoked) })
    expect(checkOf(report, 'proof').message).toMatch(/^Verified Ed25519Signature2020 proof/)
    expect(checkOf(report, 'status').message).toMatch(/1EdTechRevocationList.*refreshService \(1EdTechCredentialRefresh at https:\/\/dc\.1edtech\.org/)
    const endorsement = JSON.parse(readFileSync(path.join(SHARED, 'validator-endorsement-valid.json'), 'utf8')) as Json
    expect(endorsement.type).toContain('EndorsementCredential')
    expect((await verifyCredential(endorsement, { now: NOW, documents: documentsFor(endorsement) })).verified).toBe(true)
  })
})
