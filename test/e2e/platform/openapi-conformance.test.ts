// The document tells the truth about answers: every /api/v1 operation is called at least once (and
// the public documents), and each answer's status is one the document lists for it, its media type
// one it names, and its JSON body fits the documented schema without undocumented fields.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { OpenApiJson } from '../../../src/http/openapi/document.js'
import { documentKeys, operationOf, schemaChecker } from '../../support/openapi.js'
import { readJson, type TestSession } from '../../support/platform.js'
import { startIssuancePlatform, type IssuancePlatform } from './issuance-fixture.js'

let p: IssuancePlatform
let doc: OpenApiJson
let checker: ReturnType<typeof schemaChecker>
const called = new Set<string>()
const TRUST_ADMIN = 'conformance-admin@example.edu'

beforeAll(async () => {
  p = await startIssuancePlatform({ config: { adminEmails: [TRUST_ADMIN] } })
  doc = await readJson(await p.t.app.request('/api/openapi.json'))
  checker = schemaChecker(doc)
})
afterAll(() => p.close())

type Init = RequestInit & { as?: TestSession | string; json?: unknown }

/** Makes a request and checks the answer against its documented operation; returns the response (body still readable). */
async function call(method: string, path: string, init: Init = {}): Promise<Response> {
  const res = await p.t.request(path, { ...init, method })
  const found = operationOf(doc, method, new URL(path, 'http://x').pathname)
  expect(found, `${method} ${path} is not documented`).toBeDefined()
  const where = `${method} ${found!.template} → ${res.status}`
  called.add(`${method} ${found!.template}`)
  const response = found!.operation.responses?.[String(res.status)]
  expect(response, `${where}: status not documented`).toBeDefined()
  const type = (res.headers.get('content-type') ?? '').split(';')[0]!.trim()
  const content = response.content as Record<string, { schema?: object }> | undefined
  if (!content) {
    expect(res.body === null || (await res.clone().text()) === '', `${where}: a body where none is documented`).toBe(true)
    return res
  }
  expect(Object.keys(content), `${where}: media type ${type} not documented`).toContain(type)
  const schema = content[type]?.schema
  if (schema && /json$/.test(type)) expect(checker.errorsOf(schema, await res.clone().json()), where).toEqual([])
  return res
}

const json = async (res: Promise<Response>) => readJson(await res)

describe('answers as the OpenAPI document says', () => {
  it('for the account and session operations', async () => {
    const user = await p.t.seedUser({ password: 'a long enough password' })
    await call('GET', '/api/v1/me', { as: user })
    await call('PATCH', '/api/v1/me', { as: user, json: { name: 'Renamed' } })
    await call('PATCH', '/api/v1/me', { as: user, json: { nickname: 'x' } })
    await call('GET', '/api/v1/me')
    const csrf = await call('GET', '/api/v1/sessions/csrf')
    const cookie = csrf.headers.getSetCookie()[0]!.split(';')[0]!
    const { csrfToken } = await readJson(csrf)
    const headers = { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' }
    const signedIn = await call('POST', '/api/v1/sessions', { headers, body: JSON.stringify({ email: user.email, password: user.password }) })
    expect(signedIn.status).toBe(201)
    await call('POST', '/api/v1/sessions', { headers, body: JSON.stringify({ email: user.email, password: 'wrong' }) })
    await call('DELETE', '/api/v1/sessions/current', { as: user })
  })

  it('for the holder and privacy operations', async () => {
    const user = await p.t.seedUser({ password: 'a long enough password' })
    await call('GET', '/api/v1/me/did', { as: user })
    await call('GET', '/api/v1/me/did')
    await call('POST', '/api/v1/wallet/presentations', { as: user, json: { credentials: ['w_missing'], challenge: 'c' } })
    await call('POST', '/api/v1/wallet/presentations', { as: user, json: { credentials: [] } })
    await call('POST', '/api/v1/presentations/verify', { json: { presentation: { type: 'VerifiablePresentation' }, challenge: 'c' } })
    await call('POST', '/api/v1/presentations/verify', { json: { challenge: 'c' } })
    await call('GET', '/api/v1/me/export', { as: user })
    await call('GET', '/api/v1/me/notifications', { as: user })
    await call('GET', '/api/v1/me/grants', { as: user })
    await call('GET', '/api/v1/me/grants')
    await call('DELETE', '/api/v1/me/grants/no-such-client', { as: user })
    await call('GET', '/api/v1/me/hosts', { as: user })
    await call('GET', '/api/v1/me/hosts')
    await call('POST', '/api/v1/me/hosts', { as: user, json: { baseUrl: 'not a host at all' } })
    await call('POST', '/api/v1/me/hosts', { as: user, json: {} })
    await call('DELETE', '/api/v1/me/hosts/00000000-0000-4000-8000-000000000000', { as: user })
    await call('POST', '/api/v1/me/hosts/00000000-0000-4000-8000-000000000000/import', { as: user })
    await call('POST', '/api/v1/me/hosts/00000000-0000-4000-8000-000000000000/push', { as: user, json: { credentialId: 'x' } })
    await call('PUT', '/api/v1/me/notifications', { as: user, json: { expiryReminders: false, productNews: true } })
    await call('PUT', '/api/v1/me/notifications', { as: user, json: { expiryReminders: 1 } })
    await call('DELETE', '/api/v1/me', { as: user, json: { password: 'wrong password' } })
    await call('DELETE', '/api/v1/me', { as: user, json: { password: 'a long enough password' } })
  })

  it('for the administration operations', async () => {
    const user = await p.t.seedUser()
    await call('GET', '/api/v1/admin/outbox')
    await call('GET', '/api/v1/admin/outbox', { as: user })
    await call('GET', '/api/v1/admin/outbox?limit=0', { as: user })
  })

  it('for the sharing operations', async () => {
    const { t } = p
    const learner = await t.seedUser({ name: 'Conformance Learner' })
    const now = t.clock.now().toISOString()
    const document = '{"name":"Conformance Badge"}'
    const item = 'w_conformance0001'
    await t.store.repos.walletItems.insert({ id: item, userId: learner.userId, digest: '0'.repeat(63) + '1', credentialId: null, issuedCredentialId: null, source: 'import', format: 'vc-json', document, verified: true, report: '{"verified":true,"checks":[]}', checkedAt: now, name: 'Conformance Badge', description: '', imageUrl: null, issuerId: null, issuerName: 'Elsewhere', issuedAt: null, expiresAt: null, skills: [{ label: 'Testing' }], addedAt: now })
    await call('GET', '/api/v1/wallet/profile')
    await call('GET', '/api/v1/wallet/profile', { as: learner })
    await call('PUT', '/api/v1/wallet/profile', { as: learner, json: { handle: 'conformance', displayName: 'Conformance Learner', public: true, publicCredentials: [item] } })
    await call('PUT', '/api/v1/wallet/profile', { as: learner, json: { handle: 'no', displayName: 'X' } })
    await call('PUT', '/api/v1/wallet/profile', { as: await t.seedUser(), json: { handle: 'conformance', displayName: 'Taken' } })
    await call('GET', '/api/v1/wallet/skills', { as: learner })
    const link = await json(call('POST', '/api/v1/wallet/share-links', { as: learner, json: { credential: item, expiresInDays: 7 } }))
    await call('POST', '/api/v1/wallet/share-links', { as: learner, json: {} })
    await call('GET', '/api/v1/wallet/share-links', { as: learner })
    await call('DELETE', `/api/v1/wallet/share-links/${link.id}`, { as: learner })
    await call('DELETE', `/api/v1/wallet/share-links/${link.id}`, { as: await t.seedUser() })
  })

  it('for the organization, member, invitation and key operations', async () => {
    const { t, owner, org } = p
    const admin = await t.seedApiKey(org, 'admin')
    await call('GET', '/api/v1/orgs', { as: owner })
    await call('GET', '/api/v1/orgs', { as: admin })
    const created = await json(call('POST', '/api/v1/orgs', { as: owner, json: { name: 'Conformance College', country: 'NL', url: 'https://college.example' } }))
    await call('POST', '/api/v1/orgs', { as: owner, json: { name: 'Again', slug: created.slug } })
    await call('POST', '/api/v1/orgs', { as: await t.seedUser({ verified: false }), json: { name: 'Unconfirmed Academy' } })
    await call('GET', `/api/v1/orgs/${org.slug}`, { as: admin })
    await call('GET', '/api/v1/orgs/no-such-org', { as: owner })
    await call('PATCH', `/api/v1/orgs/${org.slug}`, { as: admin, json: { description: 'Documented.' } })
    await call('PATCH', `/api/v1/orgs/${org.slug}`, { as: await t.seedApiKey(org, 'viewer'), json: { description: 'No.' } })
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256" viewBox="0 0 256 256"><rect width="256" height="256" fill="#1f4e79"/></svg>'
    await call('PUT', `/api/v1/orgs/${org.slug}/logo`, { as: admin, headers: { 'content-type': 'image/svg+xml' }, body: svg })
    await call('PUT', `/api/v1/orgs/${org.slug}/logo`, { as: admin, headers: { 'content-type': 'image/png' }, body: 'not a png' })
    await call('DELETE', `/api/v1/orgs/${org.slug}/logo`, { as: admin })

    const member = await t.seedUser()
    await t.seedMember(org, member, 'viewer')
    await call('GET', `/api/v1/orgs/${org.slug}/members`, { as: admin })
    await call('PATCH', `/api/v1/orgs/${org.slug}/members/${member.userId}`, { as: admin, json: { role: 'issuer' } })
    await call('DELETE', `/api/v1/orgs/${org.slug}/members/${member.userId}`, { as: admin })
    const invited = await json(call('POST', `/api/v1/orgs/${org.slug}/invitations`, { as: admin, json: { email: 'invitee@example.org', role: 'viewer' } }))
    await call('GET', `/api/v1/orgs/${org.slug}/invitations`, { as: admin })
    await call('DELETE', `/api/v1/orgs/${org.slug}/invitations/${invited.id}`, { as: admin })
    await call('POST', '/api/v1/invitations/not-a-token/accept', { as: member })

    await call('GET', `/api/v1/orgs/${org.slug}/keys`, { as: admin })
    const first = (await json(call('GET', `/api/v1/orgs/${org.slug}/keys`, { as: owner }))).items[0]
    await call('POST', `/api/v1/orgs/${org.slug}/keys/rotate`, { as: admin })
    await call('POST', `/api/v1/orgs/${org.slug}/keys/${first.id}/revoke`, { as: owner, json: { reason: 'Exposed in a backup' } })
    await call('GET', `/api/v1/orgs/${org.slug}/api-keys`, { as: admin })
    const key = await json(call('POST', `/api/v1/orgs/${org.slug}/api-keys`, { as: owner, json: { name: 'Registrar', role: 'issuer' } }))
    await call('POST', `/api/v1/orgs/${org.slug}/api-keys`, { as: admin, json: { name: 'By a key', role: 'issuer' } })
    await call('DELETE', `/api/v1/orgs/${org.slug}/api-keys/${key.id}`, { as: admin })
  })

  it('for the achievement, image and skills operations', async () => {
    const { t, owner, org } = p
    const admin = await t.seedApiKey(org, 'admin')
    const base = `/api/v1/orgs/${org.slug}/achievements`
    const image = await json(call('POST', `/api/v1/orgs/${org.slug}/images/design`, { as: admin, json: { title: 'Conformance', shape: 'shield', icon: 'code' } }))
    await call('POST', `/api/v1/orgs/${org.slug}/images/design`, { as: admin, json: { title: 'Conformance', shape: 'blob' } })
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64')
    await call('POST', `/api/v1/orgs/${org.slug}/images`, { as: admin, headers: { 'content-type': 'image/png' }, body: png })
    const created = await json(call('POST', base, { as: admin, json: { name: 'Documented Skills', description: 'Knows the API.', criteria: { narrative: 'Read the reference.' }, imageId: image.id, eqfLevel: 4 } }))
    await call('POST', base, { as: admin, json: { name: '', eqfLevel: 9 } })
    await call('GET', `${base}?state=draft&limit=5`, { as: owner })
    await call('GET', `${base}?limit=0`, { as: owner })
    await call('GET', `${base}/${created.id}`, { as: admin })
    await call('PATCH', `${base}/${created.id}`, { as: admin, json: { version: created.version, ects: 1, humanCode: null } })
    await call('PATCH', `${base}/${created.id}`, { as: admin, json: { version: 1, ects: 2 } })
    await call('POST', `${base}/${created.id}/publish`, { as: admin })
    await call('POST', `${base}/${created.id}/archive`, { as: admin })
    await call('POST', `${base}/${created.id}/unarchive`, { as: admin })
    await call('POST', `${base}/${created.id}/archive`, { as: await t.seedApiKey(org, 'issuer') })
    await call('GET', '/api/v1/skills?q=data&limit=3', { as: owner })
    await call('GET', '/api/v1/skills')
  })

  it('for the issuance, batch, activity and verification operations', async () => {
    const { t, owner, org, achievementId } = p
    const issuer = await t.seedApiKey(org, 'issuer')
    const issue = `/api/v1/orgs/${org.slug}/achievements/${achievementId}/credentials`
    const issued = await json(call('POST', issue, { as: issuer, headers: { 'idempotency-key': 'conformance-1' }, json: { recipient: { email: 'learner@example.org', name: 'Jamie Rivera' } } }))
    const replay = await call('POST', issue, { as: issuer, headers: { 'idempotency-key': 'conformance-1' }, json: { recipient: { email: 'learner@example.org', name: 'Jamie Rivera' } } })
    expect(replay.headers.get('idempotent-replayed')).toBe('true')
    await call('POST', issue, { as: issuer, headers: { 'idempotency-key': 'conformance-1' }, json: { recipient: { email: 'other@example.org', name: 'Other' } } })
    await call('POST', issue, { as: issuer, json: { recipient: { email: 'nobody', name: '' } } })
    const uuid = issued.id.replace('urn:uuid:', '')
    const credentials = `/api/v1/orgs/${org.slug}/credentials`
    await call('GET', `${credentials}?state=active&limit=10`, { as: issuer })
    await call('GET', `${credentials}?state=lost`, { as: issuer })
    await call('GET', `${credentials}/${uuid}`, { as: issuer })
    await call('GET', `${credentials}/${uuid}`)
    await call('POST', `${credentials}/${uuid}/suspend`, { as: issuer, json: { reason: 'Under review' } })
    await call('POST', `${credentials}/${uuid}/unsuspend`, { as: issuer })
    await call('POST', `${credentials}/${uuid}/unsuspend`, { as: issuer })
    expect((await call('POST', `${credentials}/${uuid}/claim-link`, { as: issuer })).status).toBe(202)
    await call('POST', `${credentials}/0b8f7c1e-1111-4222-8333-444455556666/claim-link`, { as: issuer })

    await call('GET', `/api/v1/credentials/${uuid}/verification`)
    await call('POST', '/api/v1/verify', { json: issued.credential })
    await call('POST', '/api/v1/verify', { headers: { 'content-type': 'application/json' }, body: '{"not json' })
    expect((await call('POST', `/api/v1/credentials/${uuid}/verifications`, { json: { verified: true } })).status).toBe(202)
    await call('POST', `/api/v1/credentials/${uuid}/verifications`, { json: { verified: 'yes' } })
    await call('GET', `/credentials/${uuid}`, { headers: { accept: 'application/vc' } })
    await call('GET', `/credentials/${uuid}`, { headers: { accept: 'text/html' } })
    await call('GET', `/c/${uuid}/credential.json`)
    await call('GET', `/c/${uuid}/credential.jwt`)
    await call('GET', `/c/${uuid}/certificate.pdf`)
    const status = issued.credential.credentialStatus
    const entry = Array.isArray(status) ? status[0] : status
    await call('GET', new URL(entry.statusListCredential).pathname, { headers: { accept: 'application/vc+ld+json' } })
    await call('GET', `/orgs/${org.slug}/did.json`)
    await call('GET', `/orgs/${org.slug}`, { headers: { accept: 'application/ld+json' } })
    await call('GET', '/images/0000000000000000000000000000000000000000000000000000000000000000')
    await call('GET', '/healthz')
    await call('GET', '/api/openapi.json')
    await call('POST', `${credentials}/${uuid}/revoke`, { as: issuer, json: { reason: 'Issued in error' } })
    await call('POST', `${credentials}/${uuid}/claim-link`, { as: issuer })

    const batches = `/api/v1/orgs/${org.slug}/batches`
    const upload = `/api/v1/orgs/${org.slug}/achievements/${achievementId}/batches?name=cohort.csv`
    const batch = await json(call('POST', upload, { as: issuer, headers: { 'content-type': 'text/csv' }, body: 'email,name\nada@example.org,Ada\nnot-an-address,Bad\n' }))
    await call('POST', upload, { as: issuer, headers: { 'content-type': 'text/csv' }, body: 'email,name\nada@example.org,Ada\nnot-an-address,Bad\n' })
    await call('POST', upload, { as: issuer, headers: { 'content-type': 'text/csv' }, body: 'no,header\n' })
    await call('GET', `${batches}?limit=5`, { as: issuer })
    await call('GET', `${batches}/${batch.id}`, { as: issuer })
    await call('GET', `${batches}/${batch.id}/errors.csv`, { as: issuer })
    await call('GET', `${batches}/00000000-0000-4000-8000-000000000000`, { as: issuer })
    await call('GET', `/api/v1/orgs/${org.slug}/activity?days=7`, { as: owner })
    await call('GET', `/api/v1/orgs/${org.slug}/activity?days=400`, { as: owner })
    await call('GET', '/log/checkpoint')
  })

  it('for the wallet operations', async () => {
    const learner = await p.t.seedUser()
    const other = await p.t.seedUser()
    const { item } = await p.t.platform.wallet.addImported(learner.userId, {
      format: 'vc-json',
      document: JSON.stringify({ id: 'urn:uuid:openapi-wallet', name: 'Imported' }),
      verified: false,
      report: { verified: false, checks: [{ id: 'parse', outcome: 'failed', code: 'INPUT_INVALID', message: 'test' }] },
      display: { name: 'Imported', issuer: { name: 'Elsewhere' }, skills: [{ label: 'Statistics', framework: 'ESCO' }] },
    })
    await call('GET', '/api/v1/wallet/credentials', { as: learner })
    await call('GET', '/api/v1/wallet/credentials?status=valid&sort=name&expiresWithin=none&hidden=include', { as: learner })
    await call('GET', '/api/v1/wallet/credentials?status=nope', { as: learner })
    await call('GET', '/api/v1/wallet/credentials?collection=col_missing', { as: learner })
    await call('GET', '/api/v1/wallet/credentials')
    await call('GET', `/api/v1/wallet/credentials/${item.id}`, { as: learner })
    await call('GET', `/api/v1/wallet/credentials/${item.id}`, { as: other })
    await call('PATCH', `/api/v1/wallet/credentials/${item.id}`, { as: learner, json: { hidden: true, public: true } })
    await call('PATCH', `/api/v1/wallet/credentials/${item.id}`, { as: learner, json: { shiny: true } })
    await call('POST', '/api/v1/wallet/claims', { as: learner })
    const foreign = { '@context': ['https://www.w3.org/ns/credentials/v2'], id: 'urn:uuid:conformance-import', type: ['VerifiableCredential'], issuer: 'did:example:elsewhere', credentialSubject: { id: 'did:example:me' } }
    await call('POST', '/api/v1/wallet/credentials', { as: learner, json: { credential: foreign } })
    await call('POST', '/api/v1/wallet/credentials', { as: learner, json: { credential: foreign } })
    await call('POST', '/api/v1/wallet/credentials', { as: learner, json: { credential: 'not a credential' } })
    const collection = await json(call('POST', '/api/v1/wallet/collections', { as: learner, json: { name: 'Mine' } }))
    await call('POST', '/api/v1/wallet/collections', { as: learner, json: { name: '' } })
    await call('GET', '/api/v1/wallet/collections', { as: learner })
    await call('GET', `/api/v1/wallet/collections/${collection.id}`, { as: learner })
    await call('GET', `/api/v1/wallet/collections/${collection.id}`, { as: other })
    await call('PATCH', `/api/v1/wallet/collections/${collection.id}`, { as: learner, json: { itemIds: [item.id] } })
    await call('DELETE', `/api/v1/wallet/collections/${collection.id}`, { as: learner })
    await call('DELETE', `/api/v1/wallet/credentials/${item.id}`, { as: learner })
    await call('DELETE', `/api/v1/wallet/credentials/${item.id}`, { as: learner })
    await call('GET', '/api/v1/me/emails', { as: learner })
    await call('POST', '/api/v1/me/emails', { as: learner, json: { email: 'second-openapi@example.org' } })
    await call('POST', '/api/v1/me/emails', { as: other, json: { email: 'second-openapi@example.org' } })
    await call('POST', '/api/v1/me/emails', { as: other, json: { email: 'nope' } })
    await call('DELETE', `/api/v1/me/emails/${encodeURIComponent(learner.email)}`, { as: learner })
    await call('DELETE', `/api/v1/me/emails/${encodeURIComponent('second-openapi@example.org')}`, { as: learner })
  })

  it('for the trust and endorsement operations', async () => {
    const { t, owner, org, achievementId } = p
    const admin = await t.seedUser({ email: TRUST_ADMIN })
    const stranger = await t.seedUser()
    await call('GET', '/api/v1/admin/trust/issuers', { as: stranger })
    const issuer = await json(call('POST', '/api/v1/admin/trust/issuers', { as: admin, json: { issuerId: 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK', name: 'Elsewhere', note: 'By phone' } }))
    await call('POST', '/api/v1/admin/trust/issuers', { as: admin, json: { issuerId: 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK', name: 'Again' } })
    await call('POST', '/api/v1/admin/trust/issuers', { as: admin, json: { issuerId: 'nope', name: '' } })
    await call('GET', '/api/v1/admin/trust/issuers', { as: admin })
    await call('DELETE', `/api/v1/admin/trust/issuers/${issuer.id}`, { as: admin })
    await call('DELETE', `/api/v1/admin/trust/issuers/${issuer.id}`, { as: admin })
    // The guarded fetcher refuses this address: the subscription stays, with its error.
    const registry = await json(call('POST', '/api/v1/admin/trust/registries', { as: admin, json: { name: 'Local', url: 'http://127.0.0.1:9/registry.json', format: 'dcc' } }))
    expect(registry.lastError).not.toBeNull()
    await call('POST', '/api/v1/admin/trust/registries', { as: admin, json: { name: 'Local', url: 'http://127.0.0.1:9/registry.json', format: 'dcc' } })
    await call('GET', '/api/v1/admin/trust/registries', { as: admin })
    await call('POST', `/api/v1/admin/trust/registries/${registry.id}/refresh`, { as: admin })
    await call('DELETE', `/api/v1/admin/trust/registries/${registry.id}`, { as: admin })
    await call('GET', `/api/v1/trust?issuer=${encodeURIComponent(org.did)}`)
    await call('GET', '/api/v1/trust')
    await call('POST', `/api/v1/admin/trust/registries/${registry.id}/refresh`, { as: admin })

    const otherOwner = await t.seedUser()
    const other = await t.seedOrg({ owner: otherOwner })
    const base = `/api/v1/orgs/${other.slug}/endorsements`
    const endorsement = await json(call('POST', base, { as: otherOwner, json: { subjectKind: 'achievement', organization: org.slug, achievementId, comment: 'Well designed.' } }))
    await call('POST', base, { as: otherOwner, json: { subjectKind: 'achievement', organization: org.slug, achievementId, comment: 'Twice.' } })
    await call('POST', base, { as: otherOwner, json: { subjectKind: 'x' } })
    await call('GET', base, { as: otherOwner })
    await call('GET', `/api/v1/orgs/${org.slug}/endorsements?direction=received`, { as: owner })
    await call('GET', `/endorsements/${endorsement.id}`)
    await call('DELETE', `${base}/${endorsement.id}`, { as: otherOwner })
    await call('DELETE', `${base}/${endorsement.id}`, { as: otherOwner })
    await call('GET', `/endorsements/${endorsement.id}`)
  })

  it('for the talent operations', async () => {
    const owner = await p.t.seedUser()
    const created = await call('POST', '/api/v1/employers', { as: owner, json: { name: 'Conformance Hiring' } })
    expect(created.status).toBe(201)
    await call('POST', '/api/v1/employers', { as: owner, json: { name: '' } })
    const org = (await readJson(created)).slug as string
    const learner = await p.t.seedUser()
    await p.t.request('/api/v1/wallet/profile', { as: learner, method: 'PUT', json: { handle: 'conf-learner', displayName: 'Conf Learner', public: true } })
    await call('PUT', '/api/v1/wallet/talent', { as: learner, json: { location: 'Lyon', country: 'FR' } })
    await call('PUT', '/api/v1/wallet/talent', { as: learner, json: { country: 'XX' } })
    await call('GET', '/api/v1/wallet/talent', { as: learner })
    await call('GET', `/api/v1/talent?org=${org}&skill=data+analysis&match=atLeast&atLeast=1`, { as: owner })
    await call('GET', `/api/v1/talent?org=${org}&eqfMin=9`, { as: owner })
    await call('GET', `/api/v1/talent?org=${p.org.slug}&skill=x`, { as: p.owner })
    const saved = await call('POST', `/api/v1/talent/searches?org=${org}`, { as: owner, json: { name: 'Analysts', search: { skills: ['data analysis'] } } })
    await call('POST', `/api/v1/talent/searches?org=${org}`, { as: owner, json: { name: '' } })
    const savedId = (await readJson(saved)).id as string
    await call('GET', `/api/v1/talent/searches?org=${org}`, { as: owner })
    await call('GET', `/api/v1/talent/searches/${savedId}?org=${org}`, { as: owner })
    await call('DELETE', `/api/v1/talent/searches/${savedId}?org=${org}`, { as: owner })
    await call('DELETE', `/api/v1/talent/searches/${savedId}?org=${org}`, { as: owner })
    await call('POST', `/api/v1/talent/learners/conf-learner/messages?org=${org}`, { as: owner, json: { body: 'Hello!' } })
    await call('POST', `/api/v1/talent/learners/nobody-here/messages?org=${org}`, { as: owner, json: { body: 'Hello?' } })
    await call('GET', `/api/v1/talent/learners/conf-learner/messages?org=${org}`, { as: owner })
    await call('GET', '/api/v1/wallet/messages', { as: learner })
    await call('POST', `/api/v1/wallet/messages/${org}`, { as: learner, json: { body: 'Thanks!' } })
    await call('POST', `/api/v1/wallet/messages/${org}`, { as: learner, json: { body: '' } })
    await call('PUT', `/api/v1/wallet/blocks/${org}`, { as: learner })
    await call('DELETE', `/api/v1/wallet/blocks/${org}`, { as: learner })
    await call('PUT', '/api/v1/wallet/blocks/no-such-org', { as: learner })
    await call('DELETE', '/api/v1/wallet/talent', { as: learner })
  })

  it('for the webhook operations', async () => {
    const { owner, org } = p
    const base = `/api/v1/orgs/${org.slug}/webhooks`
    const endpoint = await json(call('POST', base, { as: owner, json: { url: 'https://hooks.example.org/emblem', events: ['credential.issued'] } }))
    await call('POST', base, { as: owner, json: { url: 'ftp://x', events: [] } })
    await call('GET', base, { as: owner })
    await call('GET', `${base}/${endpoint.id}`, { as: owner })
    await call('GET', `${base}/nope`, { as: owner })
    await call('PATCH', `${base}/${endpoint.id}`, { as: owner, json: { description: 'CRM', events: ['credential.issued', 'batch.finished'] } })
    await call('PATCH', `${base}/${endpoint.id}`, { as: owner, json: { enabled: 'yes' } })
    await call('POST', `${base}/${endpoint.id}/rotate-secret`, { as: owner })
    const delivery = await json(call('POST', `${base}/${endpoint.id}/test`, { as: owner }))
    await call('GET', `${base}/${endpoint.id}/deliveries?limit=10`, { as: owner })
    await call('GET', `${base}/${endpoint.id}/deliveries?limit=0`, { as: owner })
    await call('GET', `${base}/${endpoint.id}/deliveries/${delivery.id}`, { as: owner })
    await call('POST', `${base}/${endpoint.id}/deliveries/${delivery.id}/redeliver`, { as: owner })
    await call('POST', `${base}/${endpoint.id}/deliveries/msg_nope/redeliver`, { as: owner })
    await call('PATCH', `${base}/${endpoint.id}`, { as: owner, json: { enabled: false } })
    await call('POST', `${base}/${endpoint.id}/test`, { as: owner })
    await call('DELETE', `${base}/${endpoint.id}`, { as: owner })
    await call('DELETE', `${base}/${endpoint.id}`, { as: owner })
  })

  it('for the LTI operations', async () => {
    const { owner, org } = p
    const base = `/api/v1/orgs/${org.slug}/lti`
    const platform = await json(
      call('POST', `${base}/platforms`, {
        as: owner,
        json: { name: 'Campus Canvas', issuer: 'https://canvas.example.edu', clientId: '10000000000042', authLoginUrl: 'https://canvas.example.edu/api/lti/authorize_redirect', tokenUrl: 'https://canvas.example.edu/login/oauth2/token', jwksUrl: 'https://canvas.example.edu/api/lti/security/jwks', deploymentIds: ['1:abc'] },
      }),
    )
    await call('POST', `${base}/platforms`, { as: owner, json: { issuer: 'nope', deploymentIds: 7 } })
    await call('POST', `${base}/platforms`, { as: owner, json: { issuer: 'https://canvas.example.edu', clientId: '10000000000042', authLoginUrl: 'https://a.example', tokenUrl: 'https://a.example/t', jwksUrl: 'https://a.example/k', deploymentIds: ['1'] } })
    await call('GET', `${base}/platforms`, { as: owner })
    await call('GET', `${base}/courses`, { as: owner })
    await call('POST', `${base}/courses/nope/sync`, { as: owner })
    await call('DELETE', `${base}/platforms/${platform.id}`, { as: owner })
    await call('DELETE', `${base}/platforms/${platform.id}`, { as: owner })
  })

  it('for the occupation and career operations', async () => {
    await p.t.platform.occupations.seedDemo()
    const learner = await p.t.seedUser()
    const steward = 'urn:emblem:occupation:research-data-steward'
    await call('GET', '/api/v1/occupations?q=data')
    await call('GET', '/api/v1/occupations?limit=0')
    await call('GET', `/api/v1/occupations/${encodeURIComponent(steward)}`)
    await call('GET', `/api/v1/occupations/${encodeURIComponent('urn:emblem:occupation:none')}`)
    await call('GET', '/api/v1/me/career', { as: learner })
    await call('PUT', '/api/v1/me/career/target', { as: learner, json: { occupations: [steward] } })
    await call('PUT', '/api/v1/me/career/target', { as: learner, json: { occupations: 'x' } })
    await call('GET', '/api/v1/me/career/target', { as: learner })
    await call('GET', '/api/v1/me/career', { as: learner })
    await call('GET', `/api/v1/me/career?occupation=${encodeURIComponent(steward)}`)
    await call('GET', '/api/v1/me/career/credentials/w_missing', { as: learner })
    await call('GET', '/api/v1/insights/skills', { as: learner })
    await call('GET', '/api/v1/insights/skills')
  })

  it('for the program operations', async () => {
    const { t, owner, org, achievementId } = p
    const learner = await t.seedUser()
    const base = `/api/v1/orgs/${org.slug}/programs`
    const input = { achievementId, title: 'Conformance Program', summary: 'Checks the document.', format: 'online', hours: 8, selfPaced: true, language: 'en', requirements: [{ kind: 'review', title: 'Project' }, { kind: 'score', title: 'Exam', threshold: 50 }] }
    const program = await json(call('POST', base, { as: owner, json: input }))
    await call('POST', base, { as: owner, json: { ...input, hours: 'many' } })
    await call('GET', base, { as: owner })
    await call('GET', `${base}/${program.id}`, { as: owner })
    await call('PUT', `${base}/${program.id}`, { as: owner, json: { ...input, requirements: program.requirements.map((r: { id: string; kind: string; title: string; config: object }) => ({ id: r.id, kind: r.kind, title: r.title, ...r.config })) } })
    await call('POST', `${base}/${program.id}/state`, { as: owner, json: { state: 'published' } })
    await call('GET', '/api/v1/catalog?q=conformance&free=true')
    await call('GET', '/api/v1/catalog?maxHours=x')
    const enrolment = await json(call('POST', `/api/v1/programs/${program.id}/enrolments`, { as: learner }))
    await call('POST', `/api/v1/programs/${program.id}/enrolments`, { as: learner })
    await call('GET', '/api/v1/me/enrolments', { as: learner })
    const [review, score] = program.requirements.map((r: { id: string }) => r.id)
    await call('POST', `/api/v1/me/enrolments/${enrolment.id}/requirements/${review}`, { as: learner, json: { text: 'My project' } })
    await call('POST', `/api/v1/me/enrolments/${enrolment.id}/requirements/${review}`, { as: learner, json: { url: 'ftp://x' } })
    await call('GET', `/api/v1/orgs/${org.slug}/reviews?status=submitted`, { as: owner })
    await call('POST', `/api/v1/orgs/${org.slug}/enrolments/${enrolment.id}/requirements/${review}`, { as: owner, json: { action: 'review', decision: 'accept', feedback: 'Good.', supervision: 'identity-verified' } })
    await call('POST', `/api/v1/orgs/${org.slug}/enrolments/${enrolment.id}/requirements/${review}`, { as: owner, json: { action: 'review', decision: 'accept', supervision: 'none' } })
    await call('POST', `${base}/${program.id}/scores`, { as: owner, json: { requirementId: score, scores: [{ enrolmentId: enrolment.id, score: 80 }] } })
    await call('POST', `/api/v1/orgs/${org.slug}/enrolments/${enrolment.id}`, { as: owner, json: { action: 'approve' } })
  })

  it('for the learner-record operations (CLR 2.0, Europass ELM 3)', async () => {
    const { t, owner, org, achievementId } = p
    const learner = await t.seedUser()
    await call('POST', '/api/v1/wallet/clr', { as: learner, json: { credentialIds: ['w_missing'] } })
    await call('POST', '/api/v1/wallet/clr', { as: learner, json: { credentialIds: [] } })
    const program = await t.platform.programs.create(org.id, { achievementId, title: 'Record Program', summary: 'A record.', format: 'online', hours: 1, selfPaced: true, language: 'en', requirements: [{ kind: 'attendance', title: 'Day 1' }] })
    await t.platform.programs.setState(org.id, program.id, 'published')
    const enrolment = await t.platform.programs.enrol(learner.userId, program.id)
    const record = `/api/v1/orgs/${org.slug}/programs/${program.id}/enrolments/${enrolment.id}/clr`
    await call('POST', record, { as: owner })
    await t.platform.programs.markAttendance(org.id, enrolment.id, program.requirements[0]!.id)
    await call('POST', record, { as: owner })
    await call('POST', `/api/v1/orgs/${org.slug}/programs/${program.id}/enrolments/nope/clr`, { as: owner })
    await call('GET', `/api/v1/orgs/${org.slug}/achievements/${achievementId}/elm`, { as: owner })
    await call('GET', `/api/v1/orgs/${org.slug}/achievements/nope/elm`, { as: owner })
    const credentialId = (await t.platform.programs.myEnrolment(learner.userId, enrolment.id)).enrolment.credentialId!
    await call('GET', `/api/v1/credentials/${credentialId.replace(/^urn:uuid:/, '')}/elm`)
    await call('GET', '/api/v1/credentials/00000000-0000-4000-8000-000000000000/elm')
    // A pathway's records: the list (nobody yet), a learner with no standing (404), an unknown pathway (404).
    const pathway = await t.platform.pathways.create(org.id, { achievementId, title: 'Record Pathway', parts: [{ achievementUrl: 'https://elsewhere.example/achievements/1', name: 'Elsewhere' }] })
    await call('GET', `/api/v1/orgs/${org.slug}/pathways/${pathway.id}/records`, { as: owner })
    await call('GET', `/api/v1/orgs/${org.slug}/pathways/nope/records`, { as: owner })
    await call('POST', `/api/v1/orgs/${org.slug}/pathways/${pathway.id}/records/${learner.userId}/clr`, { as: owner })
    // An issuer's push link for the learner's host: made (no host named), refused (not a host), listed.
    const uuid = credentialId.replace(/^urn:uuid:/, '')
    await call('POST', `/api/v1/orgs/${org.slug}/credentials/${uuid}/push`, { as: owner, json: {} })
    await call('POST', `/api/v1/orgs/${org.slug}/credentials/${uuid}/push`, { as: owner, json: { hostUrl: 'not a host at all' } })
    await call('POST', `/api/v1/orgs/${org.slug}/credentials/00000000-0000-4000-8000-000000000000/push`, { as: owner, json: {} })
    await call('GET', `/api/v1/orgs/${org.slug}/credentials/${uuid}/pushes`, { as: owner })
  })

  it('for the pathway operations', async () => {
    const { t, owner, org, achievementId } = p
    const learner = await t.seedUser()
    const base = `/api/v1/orgs/${org.slug}/pathways`
    const part = `${t.config.publicUrl}/orgs/${org.slug}/achievements/${achievementId}`
    const target = { id: await p.seedAchievement(org, { definition: { name: 'Conformance Pathway Target' } }) }
    const input = { achievementId: target.id, title: 'Conformance Pathway', rule: 'some', required: 1, parts: [{ achievementUrl: part }, { achievementUrl: 'https://elsewhere.example/achievements/x', name: 'Elsewhere X' }] }
    const pathway = await json(call('POST', base, { as: owner, json: input }))
    await call('POST', base, { as: owner, json: { ...input, parts: [] } })
    await call('GET', base, { as: owner })
    await call('GET', `${base}/${pathway.id}`, { as: owner })
    await call('PUT', `${base}/${pathway.id}`, { as: owner, json: { ...input, ordered: true, windowDays: 30 } })
    await call('PUT', `${base}/${pathway.id}`, { as: owner, json: { ...input, required: 9 } })
    await call('GET', `/api/v1/pathways/${pathway.id}`)
    await call('GET', '/api/v1/pathways/none')
    await call('POST', `/api/v1/orgs/${org.slug}/achievements/${achievementId}/credentials`, { as: owner, json: { recipient: { email: learner.email, name: 'Path Learner' } } })
    await call('GET', '/api/v1/me/pathways', { as: learner })
    await call('GET', '/api/v1/me/pathways')
    await call('DELETE', `${base}/${pathway.id}`, { as: owner })
    await call('DELETE', `${base}/${pathway.id}`, { as: owner })
  })

  it('and every /api/v1 operation was called above', () => {
    const api = [...documentKeys(doc)].filter((key) => key.includes(' /api/v1/'))
    expect(api.filter((key) => !called.has(key))).toEqual([])
  })
})
