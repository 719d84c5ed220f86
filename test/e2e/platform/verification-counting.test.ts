// Verifications by others count for the issuer (issue #14 item 9): POST /api/v1/verify of this
// instance's credential counts like GET …/verification, per credential and per achievement on the
// issuing organization's dashboard; its own members' verifications do not count; nothing about the
// verifier (no address) is stored with the count.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readJson } from '../../support/platform.js'
import { startIssuancePlatform, type IssuancePlatform } from './issuance-fixture.js'

describe('verification counting', () => {
  let p: IssuancePlatform
  let credential: Record<string, unknown>
  beforeAll(async () => {
    p = await startIssuancePlatform()
    const key = await p.t.seedApiKey(p.org, 'issuer')
    const issued = await readJson(await p.t.request(`/api/v1/orgs/${p.org.slug}/achievements/${p.achievementId}/credentials`, { as: key, method: 'POST', json: { recipient: { email: 'learner@example.org', name: 'Jamie Rivera' } } }))
    credential = issued.credential
  })
  afterAll(() => p?.close())

  it('counts POST /api/v1/verify of its credential for the issuer, per achievement, and not its own members’', async () => {
    const before = await p.t.platform.dashboard.looksByAchievement(p.org.id)
    expect(before).toEqual([])
    expect((await p.t.request('/api/v1/verify', { method: 'POST', json: credential, headers: { 'x-forwarded-for': '203.0.113.7' } })).status).toBe(200)
    expect((await p.t.request('/api/v1/verify', { method: 'POST', json: credential })).status).toBe(200)
    expect((await p.t.request('/api/v1/verify', { method: 'POST', json: credential, as: p.owner })).status).toBe(200)
    const uuid = String(credential.id).replace('urn:uuid:', '')
    expect((await p.t.request(`/api/v1/credentials/${uuid}/verification`)).status).toBe(200)
    const looks = await p.t.platform.dashboard.looksByAchievement(p.org.id)
    expect(looks).toEqual([{ achievementId: p.achievementId, name: 'Open Science Basics', verified: 3, viewed: 0 }])
    const activity = await p.t.platform.dashboard.activity(p.org.id, 1)
    expect(activity.totals.verified).toBe(3)

    const rows = await p.t.store.db.selectFrom('verification_events').selectAll().execute()
    expect(rows).toHaveLength(3)
    for (const row of rows) expect(Object.keys(row).sort()).toEqual(['at', 'credential_id', 'kind', 'org_id', 'verified'])
    expect(JSON.stringify(rows)).not.toContain('203.0.113.7')
  })

  it('shows verifications per achievement on the organization’s dashboard', async () => {
    const html = await (await p.t.request(`/orgs/${p.org.slug}/dashboard`, { as: p.owner })).text()
    expect(html).toContain('Verifications per achievement')
    expect(html).toMatch(/Open Science Basics<\/a><\/th>\s*<td class="num">3<\/td>/)
  })
})
