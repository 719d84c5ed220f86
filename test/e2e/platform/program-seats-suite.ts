// A program's seats under concurrent enrolment, on either dialect (program-seats.test.ts,
// program-seats-postgres.test.ts): many learners enrol at the same moment through the API; exactly
// `seats` are enrolled, the rest hear 409 "The program is full"; approving a request past the seats
// is refused too. Staff pages mark attendance and sign off (forms with CSRF, no script).
import { afterAll, beforeAll, expect, it } from 'vitest'
import { readJson } from '../../support/platform.js'
import { startIssuancePlatform, type IssuancePlatform } from './issuance-fixture.js'

export function programSeatsSuite(dialect: 'sqlite' | 'postgres'): void {
  let p: IssuancePlatform
  beforeAll(async () => {
    p = await startIssuancePlatform({ dialect })
  })
  afterAll(() => p?.close())

  const create = async (over: Record<string, unknown>) => {
    const programs = p.t.platform.programs
    const program = await programs.create(p.org.id, { achievementId: p.achievementId, title: 'Seats', summary: 'Few seats.', format: 'onsite', hours: 8, selfPaced: true, language: 'en', requirements: [{ kind: 'attendance', title: 'Day 1' }], ...over })
    await programs.setState(p.org.id, program.id, 'published')
    return program
  }

  it('never enrols more learners than the seats, however many enrol at once', async () => {
    const program = await create({ seats: 3 })
    const learners = await Promise.all(Array.from({ length: 12 }, () => p.t.seedUser()))
    const answers = await Promise.all(learners.map((l) => p.t.request(`/api/v1/programs/${program.id}/enrolments`, { as: l, method: 'POST' })))
    const statuses = answers.map((r) => r.status).sort()
    expect(statuses.filter((s) => s === 201)).toHaveLength(3)
    expect(statuses.filter((s) => s === 409)).toHaveLength(9)
    const full = answers.find((r) => r.status === 409)!
    expect((await readJson(full)).detail).toMatch(/full/)
    expect(await p.t.store.db.selectFrom('enrolments').select('id').where('program_id', '=', program.id).execute()).toHaveLength(3)
    expect((await p.t.platform.programs.publicProgram(program.id)).seatsLeft).toBe(0)
  })

  it('refuses to approve a request once the seats are taken', async () => {
    const program = await create({ seats: 1, enrolmentMode: 'approval' })
    const [a, b] = [await p.t.seedUser(), await p.t.seedUser()]
    const [ra, rb] = [await p.t.platform.programs.enrol(a.userId, program.id), await p.t.platform.programs.enrol(b.userId, program.id)]
    const decide = (id: string) => p.t.request(`/api/v1/orgs/${p.org.slug}/enrolments/${id}`, { as: p.owner, method: 'POST', json: { action: 'approve' } })
    const answers = await Promise.all([decide(ra.id), decide(rb.id)])
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409])
  })

  it('lets staff mark attendance and sign off from the program page, awarding the credential', async () => {
    const program = await create({ finalSignoff: true, requirements: [{ kind: 'attendance', title: 'Workshop day' }] })
    const learner = await p.t.seedUser({ name: 'Sam Okafor' })
    const enrolment = await p.t.platform.programs.enrol(learner.userId, program.id)
    const page = await p.t.request(`/orgs/${p.org.slug}/programs/${program.id}`, { as: p.owner })
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).toContain('Sam Okafor')
    expect(html).toContain(`/orgs/${p.org.slug}/enrolments/${enrolment.id}/attendance`)
    const requirement = program.requirements[0]!.id
    const noCsrf = await p.t.app.request(`/orgs/${p.org.slug}/enrolments/${enrolment.id}/attendance`, {
      method: 'POST',
      headers: { cookie: p.owner.cookie, 'content-type': 'application/x-www-form-urlencoded', origin: p.t.config.publicUrl },
      body: new URLSearchParams({ requirementId: requirement }).toString(),
    })
    expect(noCsrf.status).toBe(403)
    const marked = await p.t.submitForm(`/orgs/${p.org.slug}/enrolments/${enrolment.id}/attendance`, { requirementId: requirement }, p.owner)
    expect(marked.status).toBe(303)
    expect((await p.t.platform.programs.orgEnrolment(p.org.id, enrolment.id)).met).toBe(1)
    const viewer = await p.t.seedUser()
    await p.t.seedMember(p.org, viewer, 'viewer')
    expect((await p.t.submitForm(`/orgs/${p.org.slug}/enrolments/${enrolment.id}/signoff`, {}, viewer)).status).toBe(403)
    const signed = await p.t.submitForm(`/orgs/${p.org.slug}/enrolments/${enrolment.id}/signoff`, {}, p.owner)
    expect(signed.status).toBe(303)
    const done = await p.t.platform.programs.orgEnrolment(p.org.id, enrolment.id)
    expect(done.enrolment).toMatchObject({ state: 'completed', awardState: 'awarded' })
    expect(await (await p.t.request(`/orgs/${p.org.slug}/programs/${program.id}`, { as: p.owner })).text()).toContain('Completed')
  })
}
