// The Displayer cases (issue #14, Tests): valid, expired and revoked credentials in the VC 2.0 and
// VC 1.1 forms, through POST /api/v1/verify and the /verify page as it works without JavaScript
// (the form posts, the server verifies: data-checked-in="server"); and credentials signed by
// independent libraries (Digital Bazaar's vc with eddsa-rdfc-2022 and eddsa-jcs-2022, the Digital
// Credentials Consortium's vc with Ed25519Signature2020, jose for a VC-JWT) verify through the API,
// while a tampered copy of each fails by name. The issuer is a did:key another system controls,
// trusted here by an administrator; its status lists live on a local "issuer elsewhere" server
// (the instance may fetch http and loopback addresses here, as a development instance would).
// @ts-expect-error untyped dev dependency
import * as dbVc from '@digitalbazaar/vc'
// @ts-expect-error untyped dev dependency
import { DataIntegrityProof } from '@digitalbazaar/data-integrity'
// @ts-expect-error untyped dev dependency
import { cryptosuite as rdfcCryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite'
// @ts-expect-error untyped dev dependency
import { createSignCryptosuite as jcsSignCryptosuite } from '@digitalbazaar/eddsa-jcs-2022-cryptosuite'
// @ts-expect-error untyped dev dependency
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey'
// @ts-expect-error untyped dev dependency
import * as dccVc from '@digitalcredentials/vc'
// @ts-expect-error untyped dev dependency
import { Ed25519Signature2020 } from '@digitalcredentials/ed25519-signature-2020'
// @ts-expect-error untyped dev dependency
import { Ed25519VerificationKey2020 } from '@digitalcredentials/ed25519-verification-key-2020'
import { securityLoader } from '@digitalcredentials/security-document-loader'
import { generateKeyPairSync } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import { CompactSign } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CONTEXT, createDocumentLoader } from '../../../src/core/canonical/index.js'
import { createSigner, didKeyDocument, didKeyOf, encodePublicKeyMultibase, generateKeyPair, resolveDidKey, signCredential } from '../../../src/core/proof/index.js'
import { StatusList, buildStatusListCredential } from '../../../src/core/status-list/index.js'
import { buildIssuerProfile, buildRealisticCredential } from '../../support/builders.js'
import { readJson, startTestPlatform, type TestPlatform, type TestSession } from '../../support/platform.js'

type Json = Record<string, any>
const ADMIN = 'displayer-admin@example.edu'
const REVOKED_INDEX = 42
const VALID_INDEX = 7

const keyPair = generateKeyPair()
const DID = didKeyOf(keyPair.publicKeyMultibase)
const signer = createSigner(keyPair)

let server: Server
let base = ''
const served = new Map<string, Json>()
let t: TestPlatform
let admin: TestSession

const fixture = (name: string): Json => JSON.parse(readFileSync(path.resolve(process.cwd(), 'test/fixtures', name), 'utf8'))

/** The realistic OB 3.0 credential, VC 2.0 form, of `issuer`, without status. */
function vc2(issuer = DID, contexts: string[] = []): Json {
  const credential = buildRealisticCredential({ issuer: buildIssuerProfile({ id: issuer }) }) as unknown as Json
  delete credential.credentialStatus
  credential['@context'] = [...credential['@context'], ...contexts]
  return credential
}
/** The VC 1.1-form fixture (issuanceDate, OB context 3.0.1) of `issuer`. */
function vc1(issuer = DID, contexts: string[] = []): Json {
  const credential = fixture('vc11-form.json')
  credential.issuer.id = issuer
  credential['@context'] = [...credential['@context'], ...contexts]
  return credential
}

const FORMS = {
  'VC 2.0': {
    make: (index: number) => {
      const credential = vc2()
      credential.credentialStatus = { id: `${base}/status/bitstring#${index}`, type: 'BitstringStatusListEntry', statusPurpose: 'revocation', statusListIndex: String(index), statusListCredential: `${base}/status/bitstring` }
      return credential
    },
    expired: { validFrom: '2020-01-01T00:00:00Z', validUntil: '2021-01-01T00:00:00Z' },
  },
  'VC 1.1': {
    make: (index: number) => {
      const credential = vc1(DID, [CONTEXT.STATUS_LIST_2021_V1, CONTEXT.DATA_INTEGRITY_V2])
      credential.credentialStatus = { id: `${base}/status/2021#${index}`, type: 'StatusList2021Entry', statusPurpose: 'revocation', statusListIndex: String(index), statusListCredential: `${base}/status/2021` }
      return credential
    },
    expired: { issuanceDate: '2020-01-01T00:00:00Z', expirationDate: '2021-01-01T00:00:00Z' },
  },
} as const

async function publishStatusLists(): Promise<void> {
  const list = new StatusList()
  list.set(REVOKED_INDEX)
  const bitstring = buildStatusListCredential({ id: `${base}/status/bitstring`, issuer: DID, statusPurpose: 'revocation', list, validFrom: '2024-01-01T00:00:00Z' })
  served.set('/status/bitstring', await signCredential(bitstring, signer, { suite: 'eddsa-rdfc-2022', created: '2024-01-01T00:00:00Z' }))
  const bits = new Uint8Array(16 * 1024)
  bits[REVOKED_INDEX >> 3]! |= 0x80 >> (REVOKED_INDEX & 7)
  const list2021 = {
    '@context': [CONTEXT.VC_V1, CONTEXT.STATUS_LIST_2021_V1, CONTEXT.DATA_INTEGRITY_V2],
    id: `${base}/status/2021`,
    type: ['VerifiableCredential', 'StatusList2021Credential'],
    issuer: DID,
    issuanceDate: '2024-01-01T00:00:00Z',
    credentialSubject: { id: `${base}/status/2021#list`, type: 'StatusList2021', statusPurpose: 'revocation', encodedList: gzipSync(bits).toString('base64url') },
  }
  served.set('/status/2021', await signCredential(list2021, signer, { suite: 'eddsa-rdfc-2022', created: '2024-01-01T00:00:00Z' }))
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const body = served.get(req.url ?? '')
    res.writeHead(body ? 200 : 404, { 'content-type': 'application/json' })
    res.end(JSON.stringify(body ?? {}))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  await publishStatusLists()
  t = await startTestPlatform({ config: { adminEmails: [ADMIN], fetch: { allowHttp: true, allowPrivateAddresses: true, timeoutMs: 5000, maxBytes: 1_000_000 } } })
  admin = await t.seedUser({ email: ADMIN })
  const trusted = await t.request('/api/v1/admin/trust/issuers', { as: admin, method: 'POST', json: { issuerId: DID, name: 'Elsewhere Academy' } })
  expect(trusted.status).toBe(201)
}, 60_000)
afterAll(async () => {
  await t?.close()
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()))
})

/** POST /api/v1/verify of a credential (JSON) or a compact JWT (text); a second apart, under the per-client limit. */
async function apiVerify(credential: Json | string): Promise<Json> {
  t.clock.advance(1_000)
  const res = typeof credential === 'string' ? await t.request('/api/v1/verify', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: credential }) : await t.request('/api/v1/verify', { method: 'POST', json: { credential } })
  expect(res.status).toBe(200)
  return readJson(res)
}
const failed = (report: Json) => (report.checks as Json[]).filter((c) => c.outcome === 'failed').map((c) => c.code as string)

/** POST /verify as a browser without JavaScript sends the pasted credential; the verdict hooks of the page. */
async function pageVerdict(credential: Json): Promise<{ verdict: string | undefined; checkedIn: string | undefined }> {
  t.clock.advance(1_000)
  const res = await t.submitForm('/verify', { credential: JSON.stringify(credential) })
  expect(res.status).toBe(200)
  const html = await res.text()
  const tag = /<[^>]*data-verdict="[^"]*"[^>]*>/.exec(html)?.[0] ?? ''
  return { verdict: /data-verdict="([^"]*)"/.exec(tag)?.[1], checkedIn: /data-checked-in="([^"]*)"/.exec(tag)?.[1] }
}

const tamper = (credential: Json): Json => {
  const copy = structuredClone(credential)
  copy.credentialSubject.achievement.name += 'x'
  return copy
}

describe.each(['VC 2.0', 'VC 1.1'] as const)('the Displayer cases, %s form', (form) => {
  const sign = (credential: Json) => signCredential(credential, signer, { suite: 'eddsa-rdfc-2022', created: '2024-02-01T00:00:00Z' }) as Promise<Json>

  it('valid: verified by the API, and "verified" on the page, checked on the server', async () => {
    const credential = await sign(FORMS[form].make(VALID_INDEX))
    const report = await apiVerify(credential)
    expect(failed(report)).toEqual([])
    expect(report).toMatchObject({ verified: true, trust: { trusted: true } })
    expect(await pageVerdict(credential)).toEqual({ verdict: 'verified', checkedIn: 'server' })
  })

  it('revoked: CREDENTIAL_REVOKED from the API, "revoked" on the page', async () => {
    const credential = await sign(FORMS[form].make(REVOKED_INDEX))
    const report = await apiVerify(credential)
    expect(failed(report)).toEqual(['CREDENTIAL_REVOKED'])
    expect(report.verified).toBe(false)
    expect(await pageVerdict(credential)).toEqual({ verdict: 'revoked', checkedIn: 'server' })
  })

  it('expired: CREDENTIAL_EXPIRED from the API, "expired" on the page', async () => {
    const credential = await sign({ ...FORMS[form].make(VALID_INDEX), ...FORMS[form].expired })
    const report = await apiVerify(credential)
    expect(failed(report)).toEqual(['CREDENTIAL_EXPIRED'])
    expect(await pageVerdict(credential)).toEqual({ verdict: 'expired', checkedIn: 'server' })
  })

  it('tampered: PROOF_SIGNATURE_INVALID from the API, "not-verified" on the page', async () => {
    const credential = tamper(await sign(FORMS[form].make(VALID_INDEX)))
    expect(failed(await apiVerify(credential))).toContain('PROOF_SIGNATURE_INVALID')
    expect(await pageVerdict(credential)).toEqual({ verdict: 'not-verified', checkedIn: 'server' })
  })
})

describe('credentials signed by independent libraries, through POST /api/v1/verify', () => {
  /** A did:key document loader for Digital Bazaar's libraries: bundled contexts, the DID document and its method. */
  const dbLoader = (publicKeyMultibase: string) => {
    const did = didKeyOf(publicKeyMultibase)
    const method = resolveDidKey(did)
    return createDocumentLoader(new Map<string, unknown>([[did, didKeyDocument(did)], [method.id, { '@context': CONTEXT.MULTIKEY_V1, ...method }]]))
  }

  it.each([
    ['eddsa-rdfc-2022', () => rdfcCryptosuite],
    ['eddsa-jcs-2022', () => jcsSignCryptosuite()],
  ] as const)("Digital Bazaar's vc with %s: verified (trust aside), and a tampered copy fails", async (suite, cryptosuite) => {
    const key = await Ed25519Multikey.generate()
    const did = didKeyOf(key.publicKeyMultibase)
    key.controller = did
    key.id = `${did}#${key.publicKeyMultibase}`
    const proof = new DataIntegrityProof({ signer: key.signer(), date: '2024-03-01T09:00:00Z', cryptosuite: cryptosuite() })
    const signed = (await dbVc.issue({ credential: vc2(did), suite: proof, documentLoader: dbLoader(key.publicKeyMultibase) })) as Json
    const report = await apiVerify(signed)
    expect(failed(report)).toEqual(['ISSUER_NOT_TRUSTED']) // signature, dates, schema all good; nobody here trusts this did:key
    expect(report.verified).toBe(true)
    expect((report.checks as Json[]).find((c) => c.id === 'proof')!.message).toContain(suite)
    expect(failed(await apiVerify(tamper(signed)))).toContain('PROOF_SIGNATURE_INVALID')
  })

  it.each(['VC 1.1', 'VC 2.0'] as const)("the DCC's vc with Ed25519Signature2020 (%s form): verified, and a tampered copy fails", async (form) => {
    const key = await Ed25519VerificationKey2020.generate()
    const did = `did:key:${key.fingerprint()}`
    key.controller = did
    key.id = `${did}#${key.fingerprint()}`
    const credential = form === 'VC 1.1' ? vc1(did, [CONTEXT.ED25519_2020_V1]) : vc2(did, [CONTEXT.ED25519_2020_V1])
    const documentLoader = securityLoader({ fetchRemoteContexts: false }).build()
    const signed = (await dccVc.issue({ credential, suite: new Ed25519Signature2020({ key }), documentLoader })) as Json
    expect(signed.proof.type).toBe('Ed25519Signature2020')
    const report = await apiVerify(signed)
    expect(failed(report)).toEqual(['ISSUER_NOT_TRUSTED'])
    expect(report.verified).toBe(true)
    expect(failed(await apiVerify(tamper(signed)))).toContain('PROOF_SIGNATURE_INVALID')
  })

  it('jose: a VC-JOSE-COSE token (typ vc+jwt, EdDSA, kid a did:key method) verifies, and a tampered payload fails', async () => {
    const pair = generateKeyPairSync('ed25519')
    const publicKeyMultibase = encodePublicKeyMultibase(Buffer.from(pair.publicKey.export({ format: 'jwk' }).x!, 'base64url'))
    const did = didKeyOf(publicKeyMultibase)
    const credential = vc2(did)
    delete credential.proof
    const jwt = await new CompactSign(new TextEncoder().encode(JSON.stringify(credential)))
      .setProtectedHeader({ alg: 'EdDSA', typ: 'vc+jwt', kid: `${did}#${publicKeyMultibase}` })
      .sign(pair.privateKey)
    const report = await apiVerify(jwt)
    expect(failed(report)).toEqual(['ISSUER_NOT_TRUSTED'])
    expect(report.verified).toBe(true)
    const [header, payload, signature] = jwt.split('.')
    const changed = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Json
    changed.credentialSubject.achievement.name += 'x'
    const tampered = `${header}.${Buffer.from(JSON.stringify(changed)).toString('base64url')}.${signature}`
    expect(failed(await apiVerify(tampered))).toContain('PROOF_SIGNATURE_INVALID')
  })
})
