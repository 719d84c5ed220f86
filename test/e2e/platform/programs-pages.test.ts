// The program pages without a browser: the catalog and a program page (schema.org Course JSON-LD,
// the Enrol form), the organization's programs form (field errors at 422), the review queue, and
// the learner's page with a file upload (type checked) — each access-checked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestSession } from '../../support/platform.js'
import { startIssuancePlatform, type IssuancePlatform } from './issuance-fixture.js'

describe('program pages', () => {
  let p: IssuancePlatform
  let learner: TestSession
  let programId: string
  beforeAll(async () => {
    p = await startIssuancePlatform()
    learner = await p.t.seedUser({ name: 'Jamie Rivera' })
  })
  afterAll(() => p?.close())

  const form = (fields: Record<string, string>, as: TestSession, path: string) => p.t.submitForm(path, fields, as)

  it('creates a program through the form, refusing bad fields beside them', async () => {
    const path = `/orgs/${p.org.slug}/programs/new`
    expect((await p.t.request(path, { as: p.owner })).status).toBe(200)
    const bad = await form({ achievementId: p.achievementId, title: '', summary: 'x', format: 'online', hours: '0', language: 'en', selfPaced: 'true' }, p.owner, path)
    expect(bad.status).toBe(422)
    const html = await bad.text()
    expect(html).toContain('id="field-title-error"')
    expect(html).toContain('id="field-hours-error"')
    const ok = await form(
      { achievementId: p.achievementId, title: 'Open Science Bootcamp', summary: 'Practise open science.', format: 'blended', hours: '12', language: 'en', selfPaced: 'true', 'req0.kind': 'review', 'req0.title': 'Project', 'req1.kind': '', 'req1.title': 'ignored' },
      p.owner,
      path,
    )
    expect(ok.status).toBe(303)
    const [program] = await p.t.platform.programs.listOfOrg(p.org.id)
    expect(program).toMatchObject({ title: 'Open Science Bootcamp', format: 'blended', requirements: [{ kind: 'review', title: 'Project' }] })
    programId = program!.id
    expect((await form({ state: 'published' }, p.owner, `/orgs/${p.org.slug}/programs/${programId}/state`)).status).toBe(303)
    const list = await (await p.t.request(`/orgs/${p.org.slug}/programs`, { as: p.owner })).text()
    expect(list).toContain('Open Science Bootcamp')
    const outsider = await p.t.seedUser()
    expect((await p.t.request(`/orgs/${p.org.slug}/programs`, { as: outsider })).status).toBe(404)
  })

  it('lists it in the catalog and describes it as a schema.org Course', async () => {
    const catalog = await (await p.t.request('/catalog?q=bootcamp&format=blended')).text()
    expect(catalog).toContain(`href="/programs/${programId}"`)
    expect(await (await p.t.request('/catalog?format=onsite')).text()).not.toContain(`/programs/${programId}`)
    const page = await (await p.t.request(`/programs/${programId}`)).text()
    const ld = /<script type="application\/ld\+json">(.*?)<\/script>/s.exec(page)
    expect(JSON.parse(ld![1]!)).toMatchObject({ '@type': 'Course', name: 'Open Science Bootcamp', provider: { name: 'Example University' }, hasCourseInstance: { courseMode: 'Blended' } })
    expect(page).toContain('Sign in to enrol')
    expect((await p.t.request('/programs/unknown')).status).toBe(404)
  })

  it('enrols, uploads evidence with its type checked, and the assessor accepts from the queue', async () => {
    const enrolled = await form({}, learner, `/programs/${programId}/enrol`)
    expect(enrolled.status).toBe(303)
    const location = enrolled.headers.get('location')!
    expect(location).toMatch(/^\/wallet\/programs\//)
    const enrolmentId = location.split('/').pop()!
    const view = await p.t.platform.programs.myEnrolment(learner.userId, enrolmentId)
    const requirementId = view.progress[0]!.requirementId
    const upload = (name: string, bytes: Uint8Array, type: string) => {
      const body = new FormData()
      body.set('_csrf', learner.csrf)
      body.set('text', 'My project')
      body.set('file', new Blob([bytes], { type }), name)
      return p.t.app.request(`/wallet/programs/${enrolmentId}/${requirementId}`, { method: 'POST', headers: { cookie: learner.cookie }, body })
    }
    const refused = await upload('evil.pdf', new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03]), 'application/pdf')
    expect(refused.status).toBe(422)
    expect(await refused.text()).toContain('PDF, PNG, JPEG')
    const accepted = await upload('report.pdf', new TextEncoder().encode('%PDF-1.7\n%fake but well started\n'), 'application/pdf')
    expect(accepted.status).toBe(303)
    const queue = await (await p.t.request(`/orgs/${p.org.slug}/reviews`, { as: p.owner })).text()
    expect(queue).toContain('Jamie Rivera')
    expect(queue).toContain('report.pdf')
    const fileId = /\/programs\/evidence\/([\w-]+)/.exec(queue)![1]!
    expect((await p.t.request(`/programs/evidence/${fileId}`, { as: p.owner })).headers.get('content-type')).toBe('application/pdf')
    expect((await p.t.request(`/programs/evidence/${fileId}`, { as: await p.t.seedUser() })).status).toBe(404)
    expect((await p.t.request(`/orgs/${p.org.slug}/reviews`, { as: learner })).status).toBe(404)
    const refusedReview = await form({ decision: 'changes', feedback: '', supervision: 'none' }, p.owner, `/orgs/${p.org.slug}/reviews/${enrolmentId}/${requirementId}`)
    expect(refusedReview.status).toBe(422)
    expect(await refusedReview.text()).toContain('Say what to change')
    const reviewed = await form({ decision: 'accept', feedback: 'Good work.', supervision: 'identity-verified' }, p.owner, `/orgs/${p.org.slug}/reviews/${enrolmentId}/${requirementId}`)
    expect(reviewed.status).toBe(303)
    const mine = await (await p.t.request(`/wallet/programs/${enrolmentId}`, { as: learner })).text()
    expect(mine).toContain('Your credential has been issued')
    expect(await (await p.t.request('/wallet/programs', { as: learner })).text()).toContain('Open Science Bootcamp')
  })
})
