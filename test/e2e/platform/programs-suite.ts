// Programs on either dialect (programs.test.ts, programs-postgres.test.ts): an admin creates and
// publishes a program leading to an achievement; the public catalog filters it; a learner enrols,
// meets evidence, review, score, attendance and credential requirements; the credential is issued
// through issueCredential once, with the evidence and results; access is checked everywhere.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { readJson, type TestSession } from '../../support/platform.js'
import { startIssuancePlatform, type IssuancePlatform } from './issuance-fixture.js'

const SKILL = 'http://data.europa.eu/esco/skill/open-science'

export function programsSuite(dialect: 'sqlite' | 'postgres'): void {
  let p: IssuancePlatform
  let learner: TestSession
  let achievementId: string
  beforeAll(async () => {
    p = await startIssuancePlatform({ dialect })
    learner = await p.t.seedUser({ name: 'Jamie Rivera' })
    achievementId = await p.seedAchievement(p.org, { definition: { name: 'Data Stewardship', alignment: [{ targetName: 'open science', targetUrl: SKILL }] } })
  })
  afterAll(() => p?.close())

  const base = () => `/api/v1/orgs/${p.org.slug}/programs`
  const program = (over: Record<string, unknown> = {}) => ({
    achievementId,
    title: 'Data Stewardship in Practice',
    summary: 'Six weeks of hands-on data management planning.',
    format: 'online',
    hours: 24,
    selfPaced: true,
    price: 0,
    language: 'en',
    requirements: [
      { kind: 'evidence', title: 'Data management plan' },
      { kind: 'review', title: 'Final project', rubric: ['Completeness', 'Clarity'] },
    ],
    ...over,
  })

  it('creates a draft, refuses bad input field by field, publishes it and lists it in the catalog with its skills', async () => {
    const bad = await p.t.request(base(), { as: p.owner, method: 'POST', json: { ...program(), format: 'hybrid', hours: 0, selfPaced: false, requirements: [{ kind: 'score', title: 'Exam' }] } })
    expect(bad.status).toBe(400)
    expect((await readJson(bad)).errors.map((e: { path: string }) => e.path).sort()).toEqual(['format', 'hours'])
    const undated = await p.t.request(base(), { as: p.owner, method: 'POST', json: { ...program(), selfPaced: false, requirements: [{ kind: 'score', title: 'Exam' }] } })
    expect((await readJson(undated)).errors.map((e: { path: string }) => e.path).sort()).toEqual(['requirements.0.threshold', 'startsOn'])
    const res = await p.t.request(base(), { as: p.owner, method: 'POST', json: program() })
    expect(res.status).toBe(201)
    const created = await readJson(res)
    expect(created).toMatchObject({ state: 'draft', skills: [SKILL], price: 0, achievementName: 'Data Stewardship' })
    expect((await readJson(await p.t.request(`/api/v1/catalog?q=stewardship`))).total).toBe(0)
    const published = await p.t.request(`${base()}/${created.id}/state`, { as: p.owner, method: 'POST', json: { state: 'published' } })
    expect(published.status).toBe(200)
    const catalog = await readJson(await p.t.request(`/api/v1/catalog?q=stewardship&skill=${encodeURIComponent(SKILL)}&format=online&free=true&maxHours=30`))
    expect(catalog.items.map((i: { id: string }) => i.id)).toEqual([created.id])
    expect((await readJson(await p.t.request(`/api/v1/catalog?maxHours=10`))).total).toBe(0)
    expect((await readJson(await p.t.request(`/api/v1/catalog?format=onsite`))).total).toBe(0)
    expect((await p.t.request(`/api/v1/catalog?maxHours=lots`)).status).toBe(400)
    const occ = await readJson(await p.t.request(`/api/v1/catalog?occupation=${encodeURIComponent('http://data.europa.eu/esco/occupation/x')}`))
    expect(occ.note).toMatch(/no such occupation/)
    // An occupation that asks for the program's skill finds it; one that asks for others does not.
    const steward = 'http://data.europa.eu/esco/occupation/steward'
    const clerk = 'http://data.europa.eu/esco/occupation/clerk'
    await p.t.store.db
      .insertInto('occupation_skills')
      .values([
        { occupation_id: steward, skill_id: SKILL, relation: 'essential', category: 'skill', importance: null },
        { occupation_id: clerk, skill_id: 'urn:other', relation: 'essential', category: 'skill', importance: null },
      ])
      .execute()
    const forSteward = await readJson(await p.t.request(`/api/v1/catalog?occupation=${encodeURIComponent(steward)}`))
    expect([forSteward.note, forSteward.items.map((i: { id: string }) => i.id)]).toEqual([undefined, [created.id]])
    expect((await readJson(await p.t.request(`/api/v1/catalog?occupation=${encodeURIComponent(clerk)}`))).total).toBe(0)
    // The career planner offers it to a learner whose target occupation asks for its skill.
    await p.t.store.db.insertInto('occupations').values({ id: steward, framework: 'esco', code: null, isco_group: null, preferred_label: 'data steward', search_text: 'data steward' }).execute()
    const learner = await p.t.seedUser()
    const plan = await readJson(await p.t.request(`/api/v1/me/career?occupation=${encodeURIComponent(steward)}`, { as: learner }))
    expect(plan.gap).toEqual([expect.objectContaining({ skill: SKILL, relation: 'essential' })])
    expect(plan.programs).toEqual([expect.objectContaining({ id: created.id, covers: [SKILL], hours: 24, price: 0 })])
    expect(await p.t.platform.programs.findProgramsForSkills([SKILL, 'urn:other'])).toEqual([{ id: created.id, title: 'Data Stewardship in Practice', covers: [SKILL], hours: 24, price: 0, currency: 'EUR' }])
  })

  it('keeps programs to their organization: outsiders get 404, viewers cannot edit', async () => {
    const outsider = await p.t.seedUser()
    expect((await p.t.request(base(), { as: outsider })).status).toBe(404)
    const viewer = await p.t.seedUser()
    await p.t.seedMember(p.org, viewer, 'viewer')
    expect((await p.t.request(base(), { as: viewer })).status).toBe(200)
    expect((await p.t.request(base(), { as: viewer, method: 'POST', json: program() })).status).toBe(403)
    expect((await p.t.request(`/api/v1/orgs/${p.org.slug}/reviews`, { as: viewer })).status).toBe(403)
  })

  it('enrols, takes evidence, sends work to review, and issues the credential once when the assessor accepts', async () => {
    const [listed] = (await readJson(await p.t.request('/api/v1/catalog?q=stewardship'))).items
    const enrolled = await p.t.request(`/api/v1/programs/${listed.id}/enrolments`, { as: learner, method: 'POST' })
    expect(enrolled.status).toBe(201)
    const enrolment = await readJson(enrolled)
    expect(enrolment).toMatchObject({ state: 'active', met: 0, total: 2 })
    expect((await p.t.request(`/api/v1/programs/${listed.id}/enrolments`, { as: learner, method: 'POST' })).status).toBe(200)
    const [evidence, review] = enrolment.progress.map((x: { requirementId: string }) => x.requirementId)
    const mine = (r: string) => `/api/v1/me/enrolments/${enrolment.id}/requirements/${r}`
    expect((await p.t.request(mine(evidence), { as: learner, method: 'POST', json: { url: 'javascript:alert(1)' } })).status).toBe(400)
    expect((await p.t.request(mine(evidence), { as: learner, method: 'POST', json: {} })).status).toBe(400)
    const afterEvidence = await readJson(await p.t.request(mine(evidence), { as: learner, method: 'POST', json: { text: 'My plan covers storage, sharing and retention.', url: 'https://example.org/dmp.pdf' } }))
    expect(afterEvidence).toMatchObject({ met: 1, credentialId: null })
    expect((await p.t.request(mine(review), { as: learner, method: 'POST', json: { text: 'Project report v1' } })).status).toBe(200)
    const other = await p.t.seedUser()
    expect((await p.t.request(mine(review), { as: other, method: 'POST', json: { text: 'not mine' } })).status).toBe(404)

    const queue = await readJson(await p.t.request(`/api/v1/orgs/${p.org.slug}/reviews?status=submitted`, { as: p.owner }))
    expect(queue.items).toHaveLength(1)
    expect(queue.items[0]).toMatchObject({ learner: { name: 'Jamie Rivera' }, requirementTitle: 'Final project', submission: { text: 'Project report v1' } })
    const act = `/api/v1/orgs/${p.org.slug}/enrolments/${enrolment.id}/requirements/${review}`
    expect((await p.t.request(act, { as: p.owner, method: 'POST', json: { action: 'assign', assigneeId: p.owner.userId, dueAt: '2026-03-10' } })).status).toBe(200)
    expect((await p.t.request(act, { as: p.owner, method: 'POST', json: { action: 'review', decision: 'changes', supervision: 'none' } })).status).toBe(400)
    const changes = await readJson(await p.t.request(act, { as: p.owner, method: 'POST', json: { action: 'review', decision: 'changes', feedback: 'Add the retention schedule.', supervision: 'identity-verified' } }))
    expect(changes.progress[1]).toMatchObject({ status: 'changes', feedback: 'Add the retention schedule.', supervision: 'identity-verified' })
    await p.t.request(mine(review), { as: learner, method: 'POST', json: { text: 'Project report v2 with retention' } })
    const [accepted, again] = await Promise.all([
      p.t.request(act, { as: p.owner, method: 'POST', json: { action: 'review', decision: 'accept', feedback: 'Well done.', rubric: [{ criterion: 'Clarity', level: 'Excellent' }], supervision: 'online-proctored' } }),
      p.t.request(act, { as: p.owner, method: 'POST', json: { action: 'review', decision: 'accept', feedback: 'Well done.', supervision: 'online-proctored' } }),
    ])
    expect([accepted.status, again.status].sort()).toEqual([200, 409])
    const done = await readJson(await p.t.request('/api/v1/me/enrolments', { as: learner }))
    expect(done.items[0]).toMatchObject({ state: 'completed', met: 2 })
    const credentialId = done.items[0].credentialId
    expect(credentialId).toMatch(/^urn:uuid:/)
    const issued = await readJson(await p.t.request(`/api/v1/orgs/${p.org.slug}/credentials/${credentialId.slice(9)}`, { as: p.owner }))
    expect(issued).toMatchObject({ recipient: { email: learner.email } })
    const rows = await p.t.store.db.selectFrom('issued_credentials').select('credential_id').where('achievement_id', '=', achievementId).execute()
    expect(rows).toHaveLength(1)
    const stored = await p.t.store.db.selectFrom('credentials').select('json').where('id', '=', credentialId).executeTakeFirstOrThrow()
    const doc = JSON.parse(stored.json)
    const evidenceOut = doc.evidence ?? doc.credentialSubject?.evidence
    expect(JSON.stringify(evidenceOut ?? doc)).toContain('https://example.org/dmp.pdf')
  })

  it('approval programs: a request waits for the issuer; scores by CSV and attendance meet requirements', async () => {
    const created = await readJson(
      await p.t.request(base(), {
        as: p.owner,
        method: 'POST',
        json: program({ title: 'Statistics Bootcamp', enrolmentMode: 'approval', seats: 5, price: 120, currency: 'EUR', format: 'onsite', selfPaced: false, startsOn: '2026-04-01', requirements: [{ kind: 'score', title: 'Final exam', threshold: 60 }, { kind: 'attendance', title: 'Workshops' }] }),
      }),
    )
    await p.t.request(`${base()}/${created.id}/state`, { as: p.owner, method: 'POST', json: { state: 'published' } })
    const request = await readJson(await p.t.request(`/api/v1/programs/${created.id}/enrolments`, { as: learner, method: 'POST' }))
    expect(request.state).toBe('requested')
    const decide = `/api/v1/orgs/${p.org.slug}/enrolments/${request.id}`
    expect((await readJson(await p.t.request(decide, { as: p.owner, method: 'POST', json: { action: 'approve' } }))).state).toBe('active')
    expect((await p.t.request(decide, { as: p.owner, method: 'POST', json: { action: 'approve' } })).status).toBe(409)
    const [score, attendance] = created.requirements.map((r: { id: string }) => r.id)
    const low = await p.t.request(`${base()}/${created.id}/scores`, { as: p.owner, method: 'POST', headers: { 'content-type': 'text/csv' }, body: `requirement,email,score\n${score},${learner.email},42\n${score},nobody@example.org,90\n` })
    expect(await readJson(low)).toEqual({ recorded: 1, met: 0, unknown: ['nobody@example.org'] })
    const high = await readJson(await p.t.request(`${base()}/${created.id}/scores`, { as: p.owner, method: 'POST', json: { requirementId: score, scores: [{ email: learner.email, score: 75 }] } }))
    expect(high).toMatchObject({ recorded: 1, met: 1 })
    const after = await readJson(await p.t.request(`/api/v1/orgs/${p.org.slug}/enrolments/${request.id}/requirements/${attendance}`, { as: p.owner, method: 'POST', json: { action: 'attendance' } }))
    expect(after).toMatchObject({ state: 'completed', met: 2 })
    expect(after.credentialId).toMatch(/^urn:uuid:/)
    const stored = await p.t.store.db.selectFrom('credentials').select('json').where('id', '=', after.credentialId).executeTakeFirstOrThrow()
    expect(stored.json).toContain('"75"')
  })

  it('erases a learner’s enrolments, progress and evidence with their account', async () => {
    const quitter = await p.t.seedUser({ password: 'a long enough password' })
    const [listed] = (await readJson(await p.t.request('/api/v1/catalog?q=stewardship'))).items
    const enrolment = await readJson(await p.t.request(`/api/v1/programs/${listed.id}/enrolments`, { as: quitter, method: 'POST' }))
    await p.t.request(`/api/v1/me/enrolments/${enrolment.id}/requirements/${enrolment.progress[0].requirementId}`, { as: quitter, method: 'POST', json: { text: 'draft' } })
    expect((await p.t.request('/api/v1/me', { as: quitter, method: 'DELETE', json: { password: 'a long enough password' } })).status).toBe(204)
    expect(await p.t.store.db.selectFrom('enrolments').select('id').where('id', '=', enrolment.id).execute()).toEqual([])
  })

  it('answers 401 to anonymous learners and 404 to unknown programs', async () => {
    expect((await p.t.request('/api/v1/me/enrolments')).status).toBe(401)
    expect((await p.t.request('/api/v1/programs/nope/enrolments', { as: learner, method: 'POST' })).status).toBe(404)
  })
}
