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
    expect(looks).toEqual([{ achievementId: p.achievementId, name: 'Open Science Basics', verified: 3, inBrowser: 0, viewed: 0 }])
    const activity = await p.t.platform.dashboard.activity(p.org.id, 1)
    expect(activity.totals.verified).toBe(3)

    // Three verifications between two writes of the look recorder: one row that counts three.
    const rows = await p.t.store.db.selectFrom('verification_events').selectAll().execute()
    expect(rows.map((r) => [r.kind, r.count])).toEqual([['verification', 3]])
    for (const row of rows) expect(Object.keys(row).sort()).toEqual(['at', 'channel', 'count', 'credential_id', 'kind', 'org_id', 'verified'])
    expect(JSON.stringify(rows)).not.toContain('203.0.113.7')
  })

  it('shows verifications per achievement on the organization’s dashboard', async () => {
    const html = await (await p.t.request(`/orgs/${p.org.slug}/dashboard`, { as: p.owner })).text()
    expect(html).toContain('Verifications per achievement')
    expect(html).toMatch(/Open Science Basics<\/a><\/th>\s*<td class="num">3<\/td>/)
  })

  it('counts a verification made in a browser (POST …/verifications), channel browser, without the address, not its own members’', async () => {
    const uuid = String(credential.id).replace('urn:uuid:', '')
    const url = `/api/v1/credentials/${uuid}/verifications`
    const before = (await p.t.platform.dashboard.activity(p.org.id, 1)).totals
    const sent = await p.t.request(url, { method: 'POST', json: { verified: true }, headers: { 'x-forwarded-for': '198.51.100.23' } })
    expect(sent.status).toBe(202)
    expect(await sent.json()).toEqual({ counted: true })
    const full = await p.t.request(`/api/v1/credentials/${encodeURIComponent(String(credential.id))}/verifications`, { method: 'POST', json: { verified: false } })
    expect(await full.json()).toEqual({ counted: true })
    const own = await p.t.request(url, { method: 'POST', json: { verified: true }, as: p.owner })
    expect(own.status).toBe(202)
    expect(await own.json()).toEqual({ counted: false })
    const after = (await p.t.platform.dashboard.activity(p.org.id, 1)).totals
    expect(after.verified).toBe(before.verified + 2)
    expect(after.verifiedInBrowser).toBe(before.verifiedInBrowser + 2)
    const [looks] = await p.t.platform.dashboard.looksByAchievement(p.org.id)
    expect(looks).toMatchObject({ inBrowser: 2 })
    const rows = await p.t.store.db.selectFrom('verification_events').selectAll().where('channel', '=', 'browser').execute()
    expect(rows.map((r) => [r.kind, Number(r.verified)]).sort()).toEqual([['verification', 0], ['verification', 1]])
    expect(JSON.stringify(rows)).not.toContain('198.51.100.23')
    // The API's activity and the dashboard page show it.
    const key = await p.t.seedApiKey(p.org, 'viewer')
    const activity = await readJson(await p.t.request(`/api/v1/orgs/${p.org.slug}/activity?days=1`, { as: key }))
    expect(activity.totals.verifiedInBrowser).toBe(after.verifiedInBrowser)
    const html = await (await p.t.request(`/orgs/${p.org.slug}/dashboard`, { as: p.owner })).text()
    expect(html).toContain('Of which in a browser')
  })

  it('answers bad reports with a 4xx problem and rate-limits each client', async () => {
    const uuid = String(credential.id).replace('urn:uuid:', '')
    const url = `/api/v1/credentials/${uuid}/verifications`
    const problem = async (res: Response, status: number) => {
      expect(res.status).toBe(status)
      expect(res.headers.get('content-type')).toContain('application/problem+json')
    }
    const ip = { 'x-forwarded-for': '192.0.2.44' }
    await problem(await p.t.request(url, { method: 'POST', body: '{"verified":true}', headers: { ...ip, 'content-type': 'text/plain' } }), 400)
    await problem(await p.t.request(url, { method: 'POST', json: { verified: 'yes' }, headers: ip }), 400)
    await problem(await p.t.request(url, { method: 'POST', json: { verified: true, who: 'me' }, headers: ip }), 400)
    await problem(await p.t.request(url, { method: 'POST', body: '{"verified":', headers: { ...ip, 'content-type': 'application/json' } }), 400)
    await problem(await p.t.request(url, { method: 'POST', body: JSON.stringify({ verified: true, pad: 'x'.repeat(200) }), headers: { ...ip, 'content-type': 'application/json' } }), 413)
    await problem(await p.t.request('/api/v1/credentials/00000000-0000-4000-8000-000000000000/verifications', { method: 'POST', json: { verified: true }, headers: ip }), 404)
    // 60 reports a minute per client (this test's earlier reports count too).
    let limited: Response | undefined
    for (let i = 0; i < 61 && !limited; i++) {
      const res = await p.t.request(url, { method: 'POST', json: { verified: true } })
      if (res.status === 429) limited = res
      else expect(res.status).toBe(202)
    }
    await problem(limited!, 429)
    expect(Number(limited!.headers.get('retry-after'))).toBeGreaterThan(0)
  })
})
