// Issue #8 item 12: the dashboard's "Verifications" counted page views, the issuer's own included.
// Page views and verification reports are recorded apart, and members of the issuing organization
// are not counted at all.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readJson, type TestSession } from '../../support/platform.js'
import { startCredentialPlatform, type CredentialPlatform, type Issued } from './public-credential-fixture.js'

let p: CredentialPlatform
let issued: Issued
let member: TestSession
let outsider: TestSession
beforeAll(async () => {
  p = await startCredentialPlatform()
  issued = await p.issue({ email: 'looks@example.org' })
  member = await p.t.seedUser()
  await p.t.seedMember(p.org, member, 'viewer')
  outsider = await p.t.seedUser()
})
afterAll(() => p.close())

// Looks are written in batches: flush what is counted, then read the table.
// A row stands for `count` looks: one per look here.
const events = async () => {
  await p.t.platform.flush()
  const rows = await p.t.store.db.selectFrom('verification_events').select(['kind', 'org_id', 'count']).where('credential_id', '=', issued.id).orderBy('at').execute()
  return rows.flatMap((r) => Array.from({ length: r.count }, () => ({ kind: r.kind, org_id: r.org_id })))
}
const activity = async () => readJson(await p.t.request(`/api/v1/orgs/${p.org.slug}/activity?days=1`, { as: member }))

describe('views and verifications', () => {
  it('records the public page as a view and the verification API as a verification', async () => {
    await p.request(`/c/${issued.uuid}`)
    await p.request(`/api/v1/credentials/${issued.uuid}/verification`)
    await p.request('/api/v1/verify', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify((await (await p.request(`/c/${issued.uuid}/credential.json`)).json()) as unknown) })
    expect((await events()).map((e) => e.kind).sort()).toEqual(['verification', 'verification', 'view'])
  })

  it('does not count views or verifications by signed-in members of the issuing organization, or its API keys', async () => {
    const before = (await events()).length
    await p.request(`/c/${issued.uuid}`, { headers: { cookie: member.cookie } })
    await p.request(`/api/v1/credentials/${issued.uuid}/verification`, { headers: { cookie: member.cookie } })
    const key = await p.t.seedApiKey(p.org, 'viewer')
    await p.request(`/api/v1/credentials/${issued.uuid}/verification`, { headers: { authorization: `Bearer ${key}` } })
    expect((await events()).length).toBe(before)
    // A signed-in person from outside the organization counts.
    await p.request(`/c/${issued.uuid}`, { headers: { cookie: outsider.cookie } })
    expect((await events()).length).toBe(before + 1)
  })

  it('reports views and verifications as separate figures on the dashboard and in the API', async () => {
    const body = await activity()
    expect(body.totals).toMatchObject({ verified: 2, views: 2 })
    expect(body.days.at(-1)).toMatchObject({ verified: 2, viewed: 2 })
    const page = await (await p.t.request(`/orgs/${p.org.slug}/dashboard`, { as: member })).text()
    expect(page).toMatch(/<dt>Page views<\/dt><dd>2<\/dd>/)
    expect(page).toContain('Verifications by others')
    expect(page).toContain('Page views and verifications by members of your organization are not counted.')
  })
})
