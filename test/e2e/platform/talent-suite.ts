// Employers find people by verified skills (issue #14 item 8), on either dialect (talent.test.ts,
// talent-postgres.test.ts): employer organizations, the learner's opt-in and withdrawal, the search
// by skill URI, code, label and broader skill with "all of" / "at least N of" and its filters,
// saved searches, views, messages (addresses never shown), blocks, and who may call what.
import { strFromU8, unzipSync } from 'fflate'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { readJson, startTestPlatform, type TestPlatform, type TestSession } from '../../support/platform.js'
import { ESCO, handlesFound, seedCredential, seedEmployer, seedLearner } from './talent-fixture.js'

export function talentSuite(dialect: 'sqlite' | 'postgres'): void {
  let t: TestPlatform
  let emp: { owner: TestSession; slug: string; id: string }
  beforeAll(async () => {
    t = await startTestPlatform({ dialect })
    emp = await seedEmployer(t)
  })
  afterAll(() => t?.close())

  it('creates employer organizations, which search but never issue; issuer organizations do not search', async () => {
    const me = await (await t.request('/api/v1/talent/searches?org=' + emp.slug, { as: emp.owner })).json()
    expect(me).toEqual({ items: [] })
    const issuerOwner = await t.seedUser()
    const issuer = await t.seedOrg({ owner: issuerOwner })
    const refused = await t.request(`/api/v1/talent?org=${issuer.slug}&skill=python`, { as: issuerOwner })
    expect(refused.status).toBe(403)
    expect(await t.platform.talent.kindOf(emp.id)).toBe('employer')
    expect(await t.platform.talent.kindOf(issuer.id)).toBe('issuer')
    const unconfirmed = await t.seedUser({ verified: false })
    expect((await t.request('/api/v1/employers', { as: unconfirmed, method: 'POST', json: { name: 'Shady Corp' } })).status).toBe(403)
    expect((await t.request('/api/v1/employers', { as: emp.owner, method: 'POST', json: { name: '' } })).status).toBe(400)
    // An employer that defines an achievement still cannot issue it, one by one or in a batch.
    const now = t.clock.now().toISOString()
    const achievementId = t.ports.random.uuid()
    await t.store.db.insertInto('achievements').values({ id: achievementId, org_id: emp.id, state: 'published', name: 'Hired', definition: JSON.stringify({ name: 'Hired', description: 'd', criteria: { narrative: 'n' } }), image_id: null, created_at: now, updated_at: now }).execute()
    const issued = await t.request(`/api/v1/orgs/${emp.slug}/achievements/${achievementId}/credentials`, { as: emp.owner, method: 'POST', json: { recipient: { email: 'x@example.org', name: 'X' } } })
    expect(issued.status).toBe(403)
    expect((await readJson(issued)).detail).toContain('Employer organizations do not issue')
  })

  it('finds opted-in learners by skill URI, code, label and broader skill, with all-of and at-least-N-of', async () => {
    await t.platform.talent.addSkillHierarchy([{ skillId: ESCO.python, broaderId: ESCO.programming }])
    const ada = await seedLearner(t, 'ada-s', { location: 'Lyon', country: 'FR' })
    await seedCredential(t, ada.userId, { name: 'Python for Data', skills: [{ label: 'Python (computer programming)', uri: ESCO.python, framework: 'ESCO' }], document: '{"alignment":"http://data.europa.eu/snb/eqf/6"}' })
    await seedCredential(t, ada.userId, { name: 'Statistics I', skills: [{ label: 'Statistics', uri: ESCO.statistics }] })
    const bo = await seedLearner(t, 'bo-s', { location: 'Berlin', country: 'DE' })
    await seedCredential(t, bo.userId, { name: 'Data Analysis', skills: [{ label: 'Statistics', code: '15-2041.00', framework: 'O*NET' }], issuerName: 'Other College', issuerId: 'did:web:other.example', issuedAt: '2020-01-01T00:00:00.000Z' })

    expect(await handlesFound(t, emp.owner, emp.slug, `skill=${encodeURIComponent(ESCO.python)}`)).toEqual(['ada-s'])
    expect(await handlesFound(t, emp.owner, emp.slug, `skill=${encodeURIComponent(ESCO.programming)}`)).toEqual(['ada-s'])
    expect(await handlesFound(t, emp.owner, emp.slug, 'skill=statistics')).toEqual(['ada-s', 'bo-s'])
    expect(await handlesFound(t, emp.owner, emp.slug, 'skill=15-2041.00')).toEqual(['bo-s'])
    await seedCredential(t, bo.userId, { name: 'SQL Basics', skills: [{ label: 'SQL', uri: 'urn:emblem:skill:sql' }] })
    expect(await handlesFound(t, emp.owner, emp.slug, 'skill=urn:emblem:skill:sql')).toEqual(['bo-s'])
    const both = `skill=statistics&skill=${encodeURIComponent(ESCO.python)}`
    expect(await handlesFound(t, emp.owner, emp.slug, both)).toEqual(['ada-s'])
    expect(await handlesFound(t, emp.owner, emp.slug, `${both}&match=atLeast&atLeast=1`)).toEqual(['ada-s', 'bo-s'])
    expect(await handlesFound(t, emp.owner, emp.slug, 'skill=statistics&country=de')).toEqual(['bo-s'])
    expect(await handlesFound(t, emp.owner, emp.slug, 'skill=statistics&location=lyo')).toEqual(['ada-s'])
    expect(await handlesFound(t, emp.owner, emp.slug, 'skill=statistics&issuer=Other%20College')).toEqual(['bo-s'])
    expect(await handlesFound(t, emp.owner, emp.slug, 'skill=statistics&withinMonths=24')).toEqual(['ada-s'])
    expect(await handlesFound(t, emp.owner, emp.slug, `skill=${encodeURIComponent(ESCO.python)}&eqfMin=6`)).toEqual(['ada-s'])
    expect(await handlesFound(t, emp.owner, emp.slug, `skill=${encodeURIComponent(ESCO.python)}&eqfMin=7`)).toEqual([])

    const body = await readJson(await t.request(`/api/v1/talent?org=${emp.slug}&${both}`, { as: emp.owner }))
    expect(body.total).toBe(1)
    expect(body.learners[0]).toMatchObject({ handle: 'ada-s', displayName: 'Learner ada-s', location: 'Lyon', country: 'FR', profileUrl: 'http://localhost:3000/u/ada-s', matched: 2 })
    expect(body.learners[0].skills.map((s: { label: string }) => s.label)).toEqual(['Statistics', 'Python (computer programming)'])
    expect(body.learners[0].skills[1].credentials[0]).toMatchObject({ name: 'Python for Data', issuerName: 'Example University', verification: { state: 'verified' } })
    expect(JSON.stringify(body)).not.toContain('@example.edu')

    for (const bad of ['', 'skill=x&eqfMin=9', 'skill=x&match=some', 'skill=x&country=ZZ', `${'skill=a&'.repeat(11)}`, 'skill=x&page=0'])
      expect((await t.request(`/api/v1/talent?org=${emp.slug}&${bad}`, { as: emp.owner })).status, bad).toBe(400)
  })

  it('never finds a learner who has not opted in, withdrew, hides the profile, or blocked the employer; nor private, hidden, unverified or expired credentials', async () => {
    const skill = 'skill=Quantum%20Knitting'
    const sk = [{ label: 'Quantum knitting' }]
    const shy = await seedLearner(t, 'shy-q', { optIn: false })
    await seedCredential(t, shy.userId, { name: 'QK', skills: sk })
    const priv = await seedLearner(t, 'priv-q', { public: false })
    await seedCredential(t, priv.userId, { name: 'QK', skills: sk })
    const creds = await seedLearner(t, 'creds-q')
    await seedCredential(t, creds.userId, { name: 'QK private', skills: sk, public: false })
    await seedCredential(t, creds.userId, { name: 'QK hidden', skills: sk, hidden: true })
    await seedCredential(t, creds.userId, { name: 'QK unverified', skills: sk, verified: false })
    await seedCredential(t, creds.userId, { name: 'QK expired', skills: sk, expiresAt: '2020-01-01T00:00:00.000Z' })
    const ok = await seedLearner(t, 'ok-q')
    await seedCredential(t, ok.userId, { name: 'QK', skills: sk })
    expect(await handlesFound(t, emp.owner, emp.slug, skill)).toEqual(['ok-q'])

    const saved = await readJson(await t.request(`/api/v1/talent/searches?org=${emp.slug}`, { as: emp.owner, method: 'POST', json: { name: 'Knitters', search: { skills: ['Quantum Knitting'] } } }))
    expect(saved).toMatchObject({ name: 'Knitters', search: { skills: ['Quantum Knitting'], match: 'all' } })
    const run = async () => (await readJson(await t.request(`/api/v1/talent/searches/${saved.id}?org=${emp.slug}`, { as: emp.owner }))).results.learners.map((l: { handle: string }) => l.handle)
    expect(await run()).toEqual(['ok-q'])

    expect((await t.request('/api/v1/wallet/talent', { as: ok, method: 'DELETE' })).status).toBe(200)
    expect(await handlesFound(t, emp.owner, emp.slug, skill)).toEqual([])
    expect(await run()).toEqual([])
    await t.request('/api/v1/wallet/talent', { as: ok, method: 'PUT', json: { location: 'Ghent', country: 'BE' } })
    expect(await run()).toEqual(['ok-q'])
    expect((await t.request(`/api/v1/wallet/blocks/${emp.slug}`, { as: ok, method: 'PUT' })).status).toBe(204)
    expect(await run()).toEqual([])
    expect((await t.request(`/api/v1/talent/learners/ok-q/messages?org=${emp.slug}`, { as: emp.owner, method: 'POST', json: { body: 'Hi' } })).status).toBe(404)
    expect((await t.request(`/api/v1/wallet/blocks/${emp.slug}`, { as: ok, method: 'DELETE' })).status).toBe(204)
    expect(await run()).toEqual(['ok-q'])

    expect((await t.request(`/api/v1/talent/searches/${saved.id}?org=${emp.slug}`, { as: emp.owner, method: 'DELETE' })).status).toBe(204)
    expect((await t.request(`/api/v1/talent/searches/${saved.id}?org=${emp.slug}`, { as: emp.owner })).status).toBe(404)
  })

  it('drops a credential from the results once its issuer revokes it', async () => {
    // A claimed credential of this instance: the state is the issuer's, read live.
    const issuerOwner = await t.seedUser()
    const org = await t.seedOrg({ owner: issuerOwner, name: 'Revoking University' })
    const now = t.clock.now().toISOString()
    const achievementId = t.ports.random.uuid()
    await t.store.db.insertInto('achievements').values({ id: achievementId, org_id: org.id, state: 'published', name: 'Rev', definition: JSON.stringify({ name: 'Rev', description: 'd', criteria: { narrative: 'n' }, alignment: [{ targetName: 'Origami', targetUrl: 'https://example.org/skills/origami', targetFramework: 'Demo' }] }), image_id: null, created_at: now, updated_at: now }).execute()
    const issued = await readJson(await t.request(`/api/v1/orgs/${org.slug}/achievements/${achievementId}/credentials`, { as: issuerOwner, method: 'POST', json: { recipient: { email: 'rev@example.org', name: 'Rev Learner' } } }))
    expect(issued.id).toBeDefined()
    const rev = await seedLearner(t, 'rev-q')
    await seedCredential(t, rev.userId, { name: 'Rev', skills: [{ label: 'Origami' }], issuedCredentialId: issued.id, document: JSON.stringify(issued.credential) })
    expect(await handlesFound(t, emp.owner, emp.slug, 'skill=origami')).toEqual(['rev-q'])
    const uuid = issued.id.slice('urn:uuid:'.length)
    expect((await t.request(`/api/v1/orgs/${org.slug}/credentials/${uuid}/revoke`, { as: issuerOwner, method: 'POST', json: { reason: 'Issued in error' } })).status).toBe(200)
    expect(await handlesFound(t, emp.owner, emp.slug, 'skill=origami')).toEqual([])
  })

  it('lets employers write to a learner without seeing their address; the learner is told by e-mail, reads, replies, and sees who viewed them', async () => {
    const kim = await seedLearner(t, 'kim-m')
    await seedCredential(t, kim.userId, { name: 'Origami II', skills: [{ label: 'Paper folding' }] })
    const sent = await t.request(`/api/v1/talent/learners/kim-m/messages?org=${emp.slug}`, { as: emp.owner, method: 'POST', json: { body: 'Would you like to talk about a role?' } })
    expect(sent.status).toBe(201)
    const outbox = await t.store.db.selectFrom('outbox').selectAll().where('to_address', '=', kim.email).execute()
    expect(outbox).toHaveLength(1)
    expect(outbox[0]!.org_id ?? null).toBeNull()
    expect(outbox[0]!.text).toContain('Would you like to talk about a role?')
    expect(outbox[0]!.text).toContain('/wallet/messages')

    const inbox = await readJson(await t.request('/api/v1/wallet/messages', { as: kim }))
    expect(inbox.items).toHaveLength(1)
    expect(inbox.items[0]).toMatchObject({ org: { slug: emp.slug, name: 'Northwind Analytics' }, unread: 1, blocked: false, messages: [{ sender: 'employer', body: 'Would you like to talk about a role?' }] })
    expect((await readJson(await t.request('/api/v1/wallet/messages', { as: kim }))).items[0].unread).toBe(0)
    t.clock.advance(60_000)
    expect((await t.request(`/api/v1/wallet/messages/${emp.slug}`, { as: kim, method: 'POST', json: { body: 'Yes, gladly.' } })).status).toBe(201)
    const thread = await readJson(await t.request(`/api/v1/talent/learners/kim-m/messages?org=${emp.slug}`, { as: emp.owner }))
    expect(thread).toEqual({ learner: { handle: 'kim-m', displayName: 'Learner kim-m' }, messages: [expect.objectContaining({ sender: 'employer' }), expect.objectContaining({ sender: 'learner', body: 'Yes, gladly.' })] })
    expect(JSON.stringify(thread)).not.toContain(kim.email)
    // A learner never starts a conversation; an unknown organization is a 404.
    const other = await seedEmployer(t, 'Other Employer')
    expect((await t.request(`/api/v1/wallet/messages/${other.slug}`, { as: kim, method: 'POST', json: { body: 'Hello?' } })).status).toBe(404)
    expect((await t.request('/api/v1/wallet/messages/no-such-org', { as: kim, method: 'POST', json: { body: 'Hello?' } })).status).toBe(404)
    expect((await t.request(`/api/v1/wallet/messages/${emp.slug}`, { as: kim, method: 'POST', json: { body: '' } })).status).toBe(400)

    // Rate limit: 3 a day to one learner.
    for (let i = 0; i < 2; i++) expect((await t.request(`/api/v1/talent/learners/kim-m/messages?org=${emp.slug}`, { as: emp.owner, method: 'POST', json: { body: `again ${i}` } })).status).toBe(201)
    const limited = await t.request(`/api/v1/talent/learners/kim-m/messages?org=${emp.slug}`, { as: emp.owner, method: 'POST', json: { body: 'once more' } })
    expect(limited.status).toBe(429)

    await t.platform.talent.openProfile(emp.id, 'kim-m')
    const vis = await readJson(await t.request('/api/v1/wallet/talent', { as: kim }))
    expect(vis.views).toEqual([expect.objectContaining({ orgName: 'Northwind Analytics', orgSlug: emp.slug })])
    expect(vis.optin).toMatchObject({ location: '', country: null })

    // The learner's export carries their talent data: the opt-in, the conversation, the views.
    const exported = unzipSync(new Uint8Array(await (await t.request('/api/v1/me/export', { as: kim })).arrayBuffer()))
    const account = JSON.parse(strFromU8(exported['account.json']!))
    expect(account.talent.optIn).toMatchObject({ location: '', country: null })
    expect(account.talent.messages.map((m: { from: string; body: string }) => `${m.from}: ${m.body}`)).toEqual(expect.arrayContaining(['employer: Would you like to talk about a role?', 'learner: Yes, gladly.']))
    expect(account.talent.profileViews).toEqual([expect.objectContaining({ organization: { slug: emp.slug, name: 'Northwind Analytics' } })])
    expect(account.talent.blocked).toEqual([])
  })

  it('answers each new route only to who may call it', async () => {
    const viewer = await t.seedUser()
    await t.seedMember({ id: emp.id, slug: emp.slug, name: 'x', did: '' }, viewer, 'viewer')
    const outsider = await t.seedUser()
    const key = await t.seedApiKey({ id: emp.id, slug: emp.slug, name: 'x', did: '' }, 'issuer')
    const viewerKey = await t.seedApiKey({ id: emp.id, slug: emp.slug, name: 'x', did: '' }, 'viewer')
    const learner = await seedLearner(t, 'acl-l')
    const q = `?org=${emp.slug}`
    const routes: { method: string; path: string; json?: unknown; anon: number; outsider: number; viewer: number; viewerKey: number; key: number; learner: number }[] = [
      { method: 'GET', path: `/api/v1/talent${q}&skill=x`, anon: 401, outsider: 404, viewer: 200, viewerKey: 200, key: 200, learner: 404 },
      { method: 'GET', path: `/api/v1/talent/searches${q}`, anon: 401, outsider: 404, viewer: 200, viewerKey: 200, key: 200, learner: 404 },
      { method: 'POST', path: `/api/v1/talent/searches${q}`, json: { name: 'n', search: { skills: ['x'] } }, anon: 403, outsider: 404, viewer: 403, viewerKey: 403, key: 201, learner: 404 },
      { method: 'POST', path: `/api/v1/talent/learners/acl-l/messages${q}`, json: { body: 'hi' }, anon: 403, outsider: 404, viewer: 403, viewerKey: 403, key: 201, learner: 404 },
      { method: 'GET', path: `/api/v1/talent/learners/acl-l/messages${q}`, anon: 401, outsider: 404, viewer: 200, viewerKey: 200, key: 200, learner: 404 },
      { method: 'GET', path: '/api/v1/wallet/talent', anon: 401, outsider: 200, viewer: 200, viewerKey: 401, key: 401, learner: 200 },
      { method: 'GET', path: '/api/v1/wallet/messages', anon: 401, outsider: 200, viewer: 200, viewerKey: 401, key: 401, learner: 200 },
      { method: 'PUT', path: `/api/v1/wallet/blocks/${emp.slug}`, anon: 403, outsider: 204, viewer: 204, viewerKey: 401, key: 401, learner: 204 },
      { method: 'POST', path: '/api/v1/employers', json: { name: '' }, anon: 403, outsider: 400, viewer: 400, viewerKey: 401, key: 401, learner: 400 },
    ]
    for (const r of routes) {
      const call = (as?: TestSession | string) => t.request(r.path, { method: r.method, ...(as ? { as } : {}), ...(r.json ? { json: r.json } : {}) }).then((res) => res.status)
      // Anonymous writes lack the CSRF token (403) before they lack a session.
      expect(await call(), `${r.method} ${r.path} anonymous`).toBe(r.anon)
      expect(await call(outsider), `${r.method} ${r.path} outsider`).toBe(r.outsider)
      expect(await call(viewer), `${r.method} ${r.path} viewer`).toBe(r.viewer)
      expect(await call(viewerKey), `${r.method} ${r.path} viewer key`).toBe(r.viewerKey)
      expect(await call(key), `${r.method} ${r.path} key`).toBe(r.key)
      expect(await call(learner), `${r.method} ${r.path} learner`).toBe(r.learner)
    }
  })

  it('guards every new page: sign-in first, employer pages for employer members only, forms need the CSRF token', async () => {
    const member = await t.seedUser()
    const outsider = await t.seedUser()
    const issuerOwner = await t.seedUser()
    const issuer = await t.seedOrg({ owner: issuerOwner })
    await t.seedMember({ id: emp.id, slug: emp.slug, name: '', did: '' }, member, 'viewer')
    const learner = await seedLearner(t, 'page-l')
    await seedCredential(t, learner.userId, { name: 'Pages', skills: [{ label: 'Page craft' }] })
    const get = (path: string, as?: TestSession) => t.request(path, as ? { as } : {}).then((r) => r.status)
    for (const path of ['/employers/new', '/employers/search', `/employers/search?org=${emp.slug}&skills=page+craft`, `/employers/learners/page-l?org=${emp.slug}`, '/wallet/visibility', '/wallet/messages'])
      expect(await get(path), `${path} anonymous`).toBe(await get('/wallet/profile'))
    expect(await get(`/employers/search?org=${emp.slug}&skills=page+craft`, member)).toBe(200)
    expect(await (await t.request(`/employers/search?org=${emp.slug}&skills=page+craft`, { as: member })).text()).toContain('Learner page-l')
    expect(await get(`/employers/search?org=${emp.slug}&skills=page+craft&eqfMin=12`, member)).toBe(422)
    expect(await get(`/employers/search?org=${emp.slug}`, outsider)).toBe(404)
    expect(await get(`/employers/search?org=${issuer.slug}`, issuerOwner)).toBe(403)
    expect(await (await t.request('/employers/search', { as: outsider })).text()).toContain('not in an employer organization')
    expect(await get(`/employers/learners/page-l?org=${emp.slug}`, outsider)).toBe(404)
    expect(await get(`/employers/learners/nobody?org=${emp.slug}`, member)).toBe(404)
    expect(await get('/wallet/visibility', learner)).toBe(200)
    expect(await get('/wallet/messages', learner)).toBe(200)
    // A viewer reads but does not write to learners; forms without the CSRF token are refused.
    expect((await t.submitForm(`/employers/learners/page-l?org=${emp.slug}`, { body: 'Hi' }, member)).status).toBe(403)
    expect((await t.submitForm('/wallet/visibility', { location: 'Paris' })).status).toBe(401)
    const noToken = await t.app.request('/wallet/visibility', { method: 'POST', headers: { cookie: learner.cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: 'location=Paris' })
    expect(noToken.status).toBe(403)
    const sent = await t.submitForm(`/employers/learners/page-l?org=${emp.slug}`, { body: 'Hello from the page' }, emp.owner)
    expect(sent.status).toBe(303)
    expect(await (await t.request('/wallet/messages', { as: learner })).text()).toContain('Hello from the page')
    expect((await t.submitForm(`/employers/learners/page-l?org=${emp.slug}`, { body: '' }, emp.owner)).status).toBe(422)
    expect((await t.submitForm('/wallet/visibility', { location: 'x'.repeat(101) }, learner)).status).toBe(422)
    expect((await t.submitForm('/wallet/visibility/withdraw', {}, learner)).status).toBe(303)
    expect(await (await t.request(`/employers/search?org=${emp.slug}&skills=page+craft`, { as: member })).text()).not.toContain('Learner page-l')
    expect((await t.submitForm('/employers/new', { name: '' }, outsider)).status).toBe(422)
    const created = await t.submitForm('/employers/new', { name: 'Page Hiring Co' }, outsider)
    expect(created.status).toBe(303)
    expect(created.headers.get('location')).toBe('/employers/search?org=page-hiring-co')
  })
}
