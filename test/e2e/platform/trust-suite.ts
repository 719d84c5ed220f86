// Trust, as a verifier and an administrator see it, on either dialect (trust.test.ts, trust-postgres.test.ts):
// a credential Digital Bazaar's vc signs with a did:key issuer verifies but its issuer is not
// trusted; trusted after an administrator adds it by hand (naming that list), and after a
// subscribed registry in the Digital Credentials Consortium's format lists it (naming the registry,
// served by a local HTTP server and fetched through the guarded fetcher, which may reach it here).
// @ts-expect-error untyped dev dependency
import * as vc from '@digitalbazaar/vc'
// @ts-expect-error untyped dev dependency
import { DataIntegrityProof } from '@digitalbazaar/data-integrity'
// @ts-expect-error untyped dev dependency
import { cryptosuite as rdfcCryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite'
// @ts-expect-error untyped dev dependency
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createDocumentLoader, CONTEXT } from '../../../src/core/canonical/index.js'
import { didKeyDocument, didKeyOf, resolveDidKey } from '../../../src/core/proof/index.js'
import { verdictOf } from '../../../src/app/credentials/verdict.js'
import { buildIssuerProfile, buildRealisticCredential } from '../../support/builders.js'
import { readJson, startTestPlatform, type TestPlatform, type TestSession } from '../../support/platform.js'

const ADMIN = 'trust-admin@example.edu'

/** A credential signed by Digital Bazaar's vc (eddsa-rdfc-2022) with a fresh did:key as issuer, no status entry. */
async function foreignCredential(): Promise<{ did: string; credential: Record<string, unknown> }> {
  const key = await Ed25519Multikey.generate()
  const did = didKeyOf(key.publicKeyMultibase)
  key.controller = did
  key.id = `${did}#${key.publicKeyMultibase}`
  const method = resolveDidKey(did)
  const documentLoader = createDocumentLoader(new Map<string, unknown>([[did, didKeyDocument(did)], [method.id, { '@context': CONTEXT.MULTIKEY_V1, ...method }]]))
  const unsigned = buildRealisticCredential({ issuer: buildIssuerProfile({ id: did, name: 'Elsewhere Academy' }) }) as unknown as Record<string, unknown>
  delete unsigned.credentialStatus
  const suite = new DataIntegrityProof({ signer: key.signer(), date: '2025-03-01T09:00:00Z', cryptosuite: rdfcCryptosuite })
  return { did, credential: (await vc.issue({ credential: unsigned, suite, documentLoader })) as Record<string, unknown> }
}

export function trustSuite(dialect: 'sqlite' | 'postgres'): void {
  let t: TestPlatform
  let admin: TestSession
  let server: Server
  let registryBody = '{}'
  let registryUrl = ''

  beforeAll(async () => {
    server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(registryBody)
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    registryUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/registry.json`
    t = await startTestPlatform({
      dialect,
      config: { adminEmails: [ADMIN], fetch: { allowHttp: true, allowPrivateAddresses: true, timeoutMs: 5000, maxBytes: 1_000_000 } },
    })
    admin = await t.seedUser({ email: ADMIN })
  })
  afterAll(async () => {
    await t?.close()
    await new Promise((resolve) => server?.close(resolve))
  })

  const verify = async (credential: unknown) => {
    const res = await t.request('/api/v1/verify', { method: 'POST', json: credential })
    expect(res.status).toBe(200)
    return readJson(res)
  }
  const trustCheck = (report: { checks: { id: string }[] }) => report.checks.find((c) => c.id === 'trust')

  it('verifies a foreign did:key credential but says its issuer is in no trusted list, then trusts it once an administrator adds it, naming that list', async () => {
    const { did, credential } = await foreignCredential()
    const before = await verify(credential)
    expect(before.verified).toBe(true)
    expect(before.trust).toEqual({ trusted: false })
    expect(trustCheck(before)).toMatchObject({ outcome: 'failed', code: 'ISSUER_NOT_TRUSTED', message: expect.stringContaining('Signature valid, issuer not in any trusted list') })
    expect(verdictOf(before)).toBe('issuer-untrusted')

    const added = await t.request('/api/v1/admin/trust/issuers', { as: admin, method: 'POST', json: { issuerId: did, name: 'Elsewhere Academy', note: 'Checked by phone' } })
    expect(added.status).toBe(201)
    const issuer = await readJson(added)
    expect(issuer).toMatchObject({ issuerId: did, name: 'Elsewhere Academy', note: 'Checked by phone', source: 'manual' })
    expect((await t.request('/api/v1/admin/trust/issuers', { as: admin, method: 'POST', json: { issuerId: did, name: 'Again' } })).status).toBe(409)

    const after = await verify(credential)
    expect(after.verified).toBe(true)
    expect(after.trust).toEqual({ trusted: true, list: 'Added by an administrator of this instance' })
    const lookup = await t.request(`/api/v1/trust?issuer=${encodeURIComponent(did)}`)
    expect(lookup.headers.get('access-control-allow-origin')).toBe('*')
    expect(await readJson(lookup)).toEqual({ trusted: true, list: 'Added by an administrator of this instance' })
    expect(trustCheck(after)).toMatchObject({ outcome: 'passed', message: 'Issuer trusted: Added by an administrator of this instance' })
    expect(verdictOf(after)).toBe('verified')

    expect((await readJson(await t.request('/api/v1/admin/trust/issuers', { as: admin }))).items.map((i: { issuerId: string }) => i.issuerId)).toContain(did)
    expect((await t.request(`/api/v1/admin/trust/issuers/${issuer.id}`, { as: admin, method: 'DELETE' })).status).toBe(204)
    expect((await verify(credential)).trust).toEqual({ trusted: false })
  })

  it('trusts the issuers of a subscribed Digital Credentials Consortium registry after it is fetched, naming the registry, and keeps them when a refresh fails', async () => {
    const { did, credential } = await foreignCredential()
    registryBody = JSON.stringify({ meta: { created: '2026-01-01T00:00:00Z' }, registry: { [did]: { name: 'Elsewhere Academy', location: 'Tallinn', url: 'https://elsewhere.example' } } })
    const res = await t.request('/api/v1/admin/trust/registries', { as: admin, method: 'POST', json: { name: 'Test DCC Registry', url: registryUrl, format: 'dcc' } })
    expect(res.status).toBe(201)
    const registry = await readJson(res)
    expect(registry).toMatchObject({ name: 'Test DCC Registry', format: 'dcc', issuerCount: 1, lastError: null, refreshedAt: t.clock.now().toISOString() })
    expect((await verify(credential)).trust).toEqual({ trusted: true, list: 'Test DCC Registry' })

    registryBody = 'not json'
    t.clock.advance(60_000)
    const failed = await readJson(await t.request(`/api/v1/admin/trust/registries/${registry.id}/refresh`, { as: admin, method: 'POST' }))
    expect(failed.lastError).toContain('did not return JSON')
    expect(failed.issuerCount).toBe(1)
    expect((await verify(credential)).trust).toEqual({ trusted: true, list: 'Test DCC Registry' })

    // A refresh replaces the entries: the issuer gone from the registry is no longer trusted.
    registryBody = JSON.stringify({ meta: {}, registry: {} })
    const emptied = await readJson(await t.request(`/api/v1/admin/trust/registries/${registry.id}/refresh`, { as: admin, method: 'POST' }))
    expect(emptied).toMatchObject({ lastError: null, issuerCount: 0 })
    expect((await verify(credential)).trust).toEqual({ trusted: false })
    expect((await t.request(`/api/v1/admin/trust/registries/${registry.id}`, { as: admin, method: 'DELETE' })).status).toBe(204)
  })

  it('reads a plain JSON list and refreshes due registries on schedule', async () => {
    const { did, credential } = await foreignCredential()
    registryBody = JSON.stringify({ issuers: [{ id: did, name: 'Listed Academy' }, { id: 'not an id', name: 'skipped' }] })
    const registry = await readJson(await t.request('/api/v1/admin/trust/registries', { as: admin, method: 'POST', json: { name: 'Plain list', url: registryUrl, format: 'list' } }))
    expect(registry.issuerCount).toBe(1)
    registryBody = JSON.stringify([])
    expect(await t.platform.trust.refreshDue()).toEqual({ refreshed: 0, failed: 0 })
    expect((await verify(credential)).trust).toEqual({ trusted: true, list: 'Plain list' })
    t.clock.advance(6 * 60 * 60 * 1000 + 1000)
    expect(await t.platform.trust.refreshDue()).toEqual({ refreshed: 1, failed: 0 })
    expect((await verify(credential)).trust).toEqual({ trusted: false })
    expect((await t.request(`/api/v1/admin/trust/registries/${registry.id}`, { as: admin, method: 'DELETE' })).status).toBe(204)
  })

  it('lets only administrators whose address is confirmed manage trust; bad input is a 400 naming the field', async () => {
    const stranger = await t.seedUser()
    const unconfirmed = await t.seedUser({ email: 'Other-Admin@example.edu', verified: false })
    expect((await t.request('/api/v1/admin/trust/issuers')).status).toBe(401)
    expect((await t.request('/api/v1/admin/trust/issuers', { as: stranger })).status).toBe(403)
    expect((await t.request('/api/v1/admin/trust/registries', { as: stranger, method: 'POST', json: { name: 'x', url: registryUrl, format: 'dcc' } })).status).toBe(403)
    expect((await t.request('/api/v1/admin/trust/issuers', { as: unconfirmed })).status).toBe(403)
    const org = await t.seedOrg({ owner: stranger })
    const key = await t.seedApiKey(org, 'admin')
    expect((await t.request('/api/v1/admin/trust/issuers', { as: key })).status).toBe(401)
    const bad = await t.request('/api/v1/admin/trust/issuers', { as: admin, method: 'POST', json: { issuerId: 'not a did', name: '' } })
    expect(bad.status).toBe(400)
    expect((await readJson(bad)).errors.map((e: { path: string }) => e.path).sort()).toEqual(['issuerId', 'name'])
    expect((await t.request('/api/v1/admin/trust/registries', { as: admin, method: 'POST', json: { name: 'x', url: 'ftp://x', format: 'other' } })).status).toBe(400)
    expect((await t.request('/api/v1/admin/trust/registries/nope/refresh', { as: admin, method: 'POST' })).status).toBe(404)
  })

  it('trusts this instance’s own organizations, naming this instance', async () => {
    const owner = await t.seedUser()
    const org = await t.seedOrg({ owner })
    expect(await t.platform.trust.trustOf(org.did)).toEqual({ trusted: true, list: 'This instance (localhost:3000)' })
    expect(await t.platform.trust.trustOf('did:web:elsewhere.example:orgs:x')).toEqual({ trusted: false })
  })
}
