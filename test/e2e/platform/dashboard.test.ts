import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readJson, startTestPlatform, type TestOrg, type TestPlatform, type TestSession } from '../../support/platform.js'

let t: TestPlatform
let owner: TestSession
let viewer: TestSession
let stranger: TestSession
let org: TestOrg
let other: TestOrg

beforeAll(async () => {
  t = await startTestPlatform()
  owner = await t.seedUser({ name: 'Olive Owner' })
  viewer = await t.seedUser()
  stranger = await t.seedUser()
  org = await t.seedOrg({ owner, name: 'Northbridge University' })
  other = await t.seedOrg({ owner: stranger, name: 'Rival Institute' })
  await t.seedMember(org, viewer, 'viewer')
  // Verifications two days ago and today (the test clock is 2026-03-01T09:00Z).
  const events = [
    { at: '2026-02-27T10:00:00.000Z', org: org.id, kind: 'verification' as const },
    { at: '2026-03-01T08:00:00.000Z', org: org.id, kind: 'verification' as const },
    { at: '2026-03-01T08:30:00.000Z', org: org.id, kind: 'verification' as const },
    { at: '2026-03-01T08:30:00.000Z', org: other.id, kind: 'verification' as const },
    // Page views are reported apart from verifications.
    { at: '2026-03-01T07:00:00.000Z', org: org.id, kind: 'view' as const },
  ]
  await t.store.db
    .insertInto('verification_events')
    .values(events.map((e, i) => ({ credential_id: `urn:uuid:${i}`, org_id: e.org, kind: e.kind, verified: 1, at: e.at })))
    .execute()
})
afterAll(() => t.close())

describe('the dashboards', () => {
  it('lists the signed-in user’s organizations with their role, and offers to create one', async () => {
    const page = await (await t.request('/dashboard', { as: owner })).text()
    expect(page).toContain('Northbridge University')
    expect(page).toContain('<span class="pill brand">Owner</span>')
    expect(page).not.toContain('Rival Institute')
    // A learner without an organization lands in their wallet; the wallet links to the dashboard's "create one".
    const learner = await t.seedUser()
    const redirect = await t.request('/dashboard', { as: learner })
    expect(redirect.status).toBe(303)
    expect(redirect.headers.get('location')).toBe('/wallet')
    expect(await (await t.request('/wallet', { as: learner })).text()).toContain('href="/dashboard?orgs=1"')
    const empty = await (await t.request('/dashboard?orgs=1', { as: learner })).text()
    expect(empty).toContain('href="/orgs/new"')
  })

  it('keeps the signed-in navigation on the home and log pages too', async () => {
    for (const path of ['/', '/log']) {
      const page = await (await t.request(path, { as: owner })).text()
      expect(page).toContain('Olive Owner')
      expect(page).toContain('action="/sign-out"')
      expect(page).not.toContain('href="/sign-in"')
    }
  })

  it('sends an anonymous browser to sign in and back', async () => {
    const res = await t.request('/dashboard', { headers: { accept: 'text/html' } })
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/sign-in?next=%2Fdashboard')
  })

  it('counts an organization’s activity per day, zero-filled, and only its own', async () => {
    const res = await t.request(`/api/v1/orgs/${org.slug}/activity?days=3`, { as: viewer })
    expect(res.status).toBe(200)
    const body = await readJson(res)
    expect(body.days.map((d: { date: string; verified: number }) => [d.date, d.verified])).toEqual([
      ['2026-02-27', 1],
      ['2026-02-28', 0],
      ['2026-03-01', 2],
    ])
    expect(body.totals.verified).toBe(3)
    expect(body.days.map((d: { viewed: number }) => d.viewed)).toEqual([0, 0, 1])
    expect(body.totals.views).toBe(1)
  })

  it('shows the organization dashboard with a chart and its data table to members only', async () => {
    const res = await t.request(`/orgs/${org.slug}/dashboard?days=7`, { as: viewer })
    expect(res.status).toBe(200)
    const page = await res.text()
    expect(page).toContain('<svg class="chart" role="img" aria-labelledby="activity-title activity-desc"')
    expect(page).toMatch(/<th scope="row">1 Mar 2026<\/th><td class="num">0<\/td><td class="num">0<\/td><td class="num">2<\/td><td class="num">0<\/td><td class="num">1<\/td>/)
    expect(page).toMatch(/<dt>Page views<\/dt><dd>1<\/dd>/)
    expect(page).toContain('aria-current="page">Last 7 days</a>')
    expect(page).not.toContain('Issue a credential') // a viewer cannot issue
    expect((await t.request(`/orgs/${org.slug}/dashboard`, { as: stranger })).status).toBe(404)
    expect((await t.request(`/api/v1/orgs/${org.slug}/activity`, { as: await t.seedApiKey(other, 'viewer') })).status).toBe(404)
    expect((await t.request(`/api/v1/orgs/${org.slug}/activity`)).status).toBe(401)
  })

  it('refuses a window it cannot draw with a specific message', async () => {
    const res = await t.request(`/api/v1/orgs/${org.slug}/activity?days=1000`, { as: owner })
    expect(res.status).toBe(400)
    const problem = await readJson(res)
    expect(problem.detail).toContain('days: must be a whole number from 1 to 366')
    expect(problem.errors).toEqual([{ path: 'days', code: 'too_large', message: 'must be a whole number from 1 to 366' }])
  })
})
