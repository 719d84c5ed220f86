import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { changeMemberRole } from '../../../src/app/orgs/index.js'
import { API_KEY_PATTERN } from '../../../src/http/auth/tokens.js'
import { hasPostgres, readJson, startTestPlatform, type TestPlatform } from '../../support/platform.js'

// The organizations feature on PostgreSQL: creation, members and the last owner rule (also under
// concurrent demotions), invitations, API keys and the DID document.
describe.skipIf(!hasPostgres)('organizations on PostgreSQL', () => {
  let t: TestPlatform
  beforeAll(async () => {
    t = await startTestPlatform({ dialect: 'postgres' })
  })
  afterAll(() => t?.close())

  it('creates an organization with its owner and key, refuses a taken slug without breaking the next request', async () => {
    const alice = await t.seedUser()
    const created = await t.request('/api/v1/orgs', { as: alice, method: 'POST', json: { name: 'Postgres Polytechnic', country: 'ee' } })
    expect(created.status).toBe(201)
    expect(await readJson(created)).toMatchObject({ slug: 'postgres-polytechnic', country: 'EE', role: 'owner' })
    const taken = await t.request('/api/v1/orgs', { as: alice, method: 'POST', json: { name: 'Again', slug: 'postgres-polytechnic' } })
    expect(taken.status).toBe(409)
    expect((await readJson(await t.request('/api/v1/orgs', { as: alice }))).items).toHaveLength(1)
    const doc = await readJson(await t.request('/orgs/postgres-polytechnic/did.json'))
    expect(doc.id).toBe('did:web:localhost%3A3000:orgs:postgres-polytechnic')
    expect(doc.assertionMethod).toHaveLength(2)
  })

  it('manages members and keeps the last owner, even when two owners demote each other at once', async () => {
    const a = await t.seedUser()
    const b = await t.seedUser()
    const org = await t.seedOrg({ owner: a })
    await t.seedMember(org, b, 'owner')
    const members = (await readJson(await t.request(`/api/v1/orgs/${org.slug}/members`, { as: a }))).items
    expect(members.map((m: any) => m.role)).toEqual(['owner', 'owner'])
    const outcomes = await Promise.allSettled([
      changeMemberRole(t.ports, { orgId: org.id, actor: { role: 'owner', userId: a.userId }, userId: b.userId, input: { role: 'admin' } }),
      changeMemberRole(t.ports, { orgId: org.id, actor: { role: 'owner', userId: b.userId }, userId: a.userId, input: { role: 'admin' } }),
    ])
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1)
    expect(outcomes.find((o) => o.status === 'rejected')).toMatchObject({ reason: { code: 'ERR_STATE_INVALID' } })
    expect(await t.store.repos.members.countOwners(org.id)).toBe(1)
  })

  it('sends and accepts an invitation once', async () => {
    const owner = await t.seedUser()
    const org = await t.seedOrg({ owner })
    expect((await t.request(`/api/v1/orgs/${org.slug}/invitations`, { as: owner, method: 'POST', json: { email: 'pg.invitee@example.org', role: 'issuer' } })).status).toBe(201)
    const [message] = await t.store.repos.outbox.listForOrg(org.id, { limit: 1 })
    const token = /\/invitations\/([A-Za-z0-9_-]{43})/.exec(message!.text)![1]
    const invitee = await t.seedUser({ email: 'pg.invitee@example.org' })
    expect(await readJson(await t.request(`/api/v1/invitations/${token}/accept`, { as: invitee, method: 'POST' }))).toMatchObject({ role: 'issuer' })
    expect((await t.request(`/api/v1/invitations/${token}/accept`, { as: invitee, method: 'POST' })).status).toBe(400)
  })

  it('creates an API key that works as a Bearer token until it is revoked', async () => {
    const owner = await t.seedUser()
    const org = await t.seedOrg({ owner })
    const key = await readJson(await t.request(`/api/v1/orgs/${org.slug}/api-keys`, { as: owner, method: 'POST', json: { name: 'CI', role: 'viewer' } }))
    expect(key.secret).toMatch(API_KEY_PATTERN)
    expect((await t.request(`/api/v1/orgs/${org.slug}/members`, { as: key.secret })).status).toBe(200)
    expect((await t.request(`/api/v1/orgs/${org.slug}/api-keys/${key.id}`, { as: owner, method: 'DELETE' })).status).toBe(204)
    expect((await t.request(`/api/v1/orgs/${org.slug}/members`, { as: key.secret })).status).toBe(401)
  })
})
