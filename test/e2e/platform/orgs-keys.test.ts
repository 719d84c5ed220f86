import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { issuerProfile } from '../../../src/app/orgs/issuer-profile.js'
import { signCredential } from '../../../src/core/proof/index.js'
import { verifyCredential, type DocumentFetcher } from '../../../src/core/verification/index.js'
import { API_KEY_PATTERN } from '../../../src/http/auth/tokens.js'
import { buildRealisticCredential } from '../../support/builders.js'
import { readJson, startTestPlatform, type TestOrg, type TestPlatform, type TestSession } from '../../support/platform.js'

// Signing keys behind the did:web document, and API keys.
let t: TestPlatform
beforeAll(async () => {
  t = await startTestPlatform()
})
afterAll(() => t.close())

/** Resolves this instance's https URLs (as did:web maps them) through the app itself, nothing else. */
const fetcher: DocumentFetcher = async (url) => {
  const target = new URL(url)
  if (target.origin !== 'https://localhost:3000') throw new Error(`refusing to fetch ${url} in a test`)
  const res = await t.app.request(target.pathname)
  if (!res.ok) throw new Error(`${url}: ${res.status}`)
  return res.json()
}

async function signedBy(org: TestOrg) {
  const record = (await t.store.repos.orgs.get(org.id))!
  const credential = buildRealisticCredential({ issuer: issuerProfile(record, t.config.publicUrl), credentialStatus: undefined })
  const signer = await t.ports.keys.signerFor({ id: org.id, did: org.did })
  return signCredential(credential, signer, { suite: 'eddsa-rdfc-2022', created: t.clock.now().toISOString() })
}

const verify = (credential: unknown) => verifyCredential(credential, { now: t.clock.now(), fetcher })
const check = (report: Awaited<ReturnType<typeof verify>>, id: string) => report.checks.find((c) => c.id === id)

describe('the did:web document', () => {
  let owner: TestSession
  let org: TestOrg
  beforeAll(async () => {
    owner = await t.seedUser()
    org = await t.seedOrg({ owner, slug: 'physics' })
  })

  it('is served at /orgs/:slug/did.json for the port %3A-encoded DID, as application/did+json, to any origin', async () => {
    expect(org.did).toBe('did:web:localhost%3A3000:orgs:physics')
    const res = await t.request('/orgs/physics/did.json')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/did+json')
    expect(res.headers.get('access-control-allow-origin')).toBe('*')
    expect(res.headers.get('cache-control')).toBe('public, max-age=300')
    const doc = await readJson(res)
    const [key] = await t.store.repos.orgKeys.keysOf(org.id)
    expect(doc).toEqual({
      '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1', 'https://w3id.org/security/suites/jws-2020/v1'],
      id: org.did,
      verificationMethod: [
        { id: `${org.did}#${key!.id}`, type: 'Multikey', controller: org.did, publicKeyMultibase: key!.publicKeyMultibase },
        // The same key as a JWK, for the kid of VC-JWTs (OB 3.0 §8.2).
        { id: `${org.did}#${key!.id}-jwk`, type: 'JsonWebKey2020', controller: org.did, publicKeyJwk: { kty: 'OKP', crv: 'Ed25519', x: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) } },
      ],
      assertionMethod: [`${org.did}#${key!.id}`, `${org.did}#${key!.id}-jwk`],
    })
    expect((await t.request('/orgs/nobody/did.json')).status).toBe(404)
  })

  it('verifies a credential signed with the organization key, resolved over did:web', async () => {
    const report = await verify(await signedBy(org))
    expect(check(report, 'proof')?.outcome).toBe('passed')
    expect(check(report, 'issuer-binding')?.outcome).toBe('passed')
    expect(report.verified).toBe(true)
  })

  it('keeps the old key after a rotation so old credentials verify, signs new ones with the new key, and drops a revoked key', async () => {
    const before = await signedBy(org)
    const rotated = await t.request('/api/v1/orgs/physics/keys/rotate', { as: owner, method: 'POST' })
    expect(rotated.status).toBe(201)
    const newKey = await readJson(rotated)
    const after = await signedBy(org)
    expect((after.proof as any).verificationMethod).toBe(`${org.did}#${newKey.id}`)
    expect((before.proof as any).verificationMethod).not.toBe((after.proof as any).verificationMethod)
    expect((await verify(before)).verified).toBe(true)
    expect((await verify(after)).verified).toBe(true)

    const keys = (await readJson(await t.request('/api/v1/orgs/physics/keys', { as: owner }))).items
    expect(keys.map((k: any) => k.state)).toEqual(['active', 'retired'])
    const old = keys[1]
    expect(old.retiredAt).toBe(t.clock.now().toISOString())

    const revoked = await t.request(`/api/v1/orgs/physics/keys/${old.id}/revoke`, { as: owner, method: 'POST', json: { reason: 'Laptop with a backup was stolen' } })
    expect(revoked.status).toBe(200)
    expect(await readJson(revoked)).toMatchObject({ id: old.id, state: 'revoked', revocationReason: 'Laptop with a backup was stolen' })
    const doc = await readJson(await t.request('/orgs/physics/did.json'))
    expect(doc.assertionMethod).toEqual([`${org.did}#${newKey.id}`, `${org.did}#${newKey.id}-jwk`])

    const oldReport = await verify(before)
    expect(oldReport.verified).toBe(false)
    expect(check(oldReport, 'proof')?.outcome).toBe('failed')
    expect((await verify(after)).verified).toBe(true)
  })

  it('refuses to revoke the active key, an already revoked one, or without a reason', async () => {
    const keys = (await readJson(await t.request('/api/v1/orgs/physics/keys', { as: owner }))).items
    const active = keys.find((k: any) => k.state === 'active')
    const gone = keys.find((k: any) => k.state === 'revoked')
    const activeRes = await t.request(`/api/v1/orgs/physics/keys/${active.id}/revoke`, { as: owner, method: 'POST', json: { reason: 'test' } })
    expect(activeRes.status).toBe(409)
    expect(await readJson(activeRes)).toMatchObject({ code: 'ERR_STATE_INVALID', detail: expect.stringMatching(/rotate to a new key first/) })
    expect((await t.request(`/api/v1/orgs/physics/keys/${gone.id}/revoke`, { as: owner, method: 'POST', json: { reason: 'again' } })).status).toBe(409)
    const noReason = await t.request(`/api/v1/orgs/physics/keys/${gone.id}/revoke`, { as: owner, method: 'POST', json: {} })
    expect(noReason.status).toBe(400)
    expect((await readJson(noReason)).detail).toMatch(/^reason:/)
    expect((await t.request('/api/v1/orgs/physics/keys/key-unknown/revoke', { as: owner, method: 'POST', json: { reason: 'x' } })).status).toBe(404)
  })
})

describe('API keys', () => {
  it('shows the secret once, lists the key by prefix, works as a Bearer token, and stops working when revoked', async () => {
    const owner = await t.seedUser()
    const org = await t.seedOrg({ owner })
    const created = await t.request(`/api/v1/orgs/${org.slug}/api-keys`, { as: owner, method: 'POST', json: { name: 'LMS integration', role: 'issuer' } })
    expect(created.status).toBe(201)
    expect(created.headers.get('cache-control')).toBe('no-store')
    const key = await readJson(created)
    expect(key.secret).toMatch(API_KEY_PATTERN)
    expect(key.secret).toMatch(/^emb_[A-Za-z0-9]{8}_[A-Za-z0-9_-]{43}$/)
    expect(key.secret.startsWith(key.prefix)).toBe(true)

    const listed = (await readJson(await t.request(`/api/v1/orgs/${org.slug}/api-keys`, { as: owner }))).items
    expect(listed).toEqual([{ id: key.id, name: 'LMS integration', role: 'issuer', prefix: key.prefix, createdAt: key.createdAt, lastUsedAt: null, revokedAt: null }])
    expect(JSON.stringify(listed)).not.toContain(key.secret.slice(13))
    const stored = await t.store.db.selectFrom('api_keys').selectAll().where('id', '=', key.id).executeTakeFirstOrThrow()
    expect(stored.secret_hash).toMatch(/^[0-9a-f]{64}$/)
    expect(JSON.stringify(stored)).not.toContain(key.secret.slice(13))

    t.clock.advance(60_000)
    const asKey = await t.request(`/api/v1/orgs/${org.slug}`, { as: key.secret })
    expect(asKey.status).toBe(200)
    expect((await readJson(asKey)).role).toBe('issuer')
    const used = (await readJson(await t.request(`/api/v1/orgs/${org.slug}/api-keys`, { as: owner }))).items[0]
    expect(used.lastUsedAt).toBe(t.clock.now().toISOString())

    expect((await t.request(`/api/v1/orgs/${org.slug}/api-keys/${key.id}`, { as: owner, method: 'DELETE' })).status).toBe(204)
    const refused = await t.request(`/api/v1/orgs/${org.slug}`, { as: key.secret })
    expect(refused.status).toBe(401)
    expect((await readJson(refused)).code).toBe('ERR_UNAUTHENTICATED')
    const after = (await readJson(await t.request(`/api/v1/orgs/${org.slug}/api-keys`, { as: owner }))).items[0]
    expect(after.revokedAt).toBe(t.clock.now().toISOString())
  })

  it('refuses an owner role for a key and names the invalid fields', async () => {
    const owner = await t.seedUser()
    const org = await t.seedOrg({ owner })
    const res = await t.request(`/api/v1/orgs/${org.slug}/api-keys`, { as: owner, method: 'POST', json: { name: '', role: 'owner' } })
    expect(res.status).toBe(400)
    const { detail } = await readJson(res)
    expect(detail).toMatch(/name: enter a name for the key/)
    expect(detail).toMatch(/role: choose one of admin, issuer, viewer/)
  })

  it('cannot create organizations or API keys: those need a person', async () => {
    const owner = await t.seedUser()
    const org = await t.seedOrg({ owner })
    const admin = await t.seedApiKey(org, 'admin')
    for (const [path, json] of [
      ['/api/v1/orgs', { name: 'By a robot' }],
      [`/api/v1/orgs/${org.slug}/api-keys`, { name: 'Another', role: 'viewer' }],
    ] as const) {
      const res = await t.request(path, { as: admin, method: 'POST', json })
      expect(res.status).toBe(403)
      expect(await readJson(res)).toMatchObject({ code: 'ERR_FORBIDDEN', detail: expect.stringMatching(/needs a person/) })
    }
  })
})
