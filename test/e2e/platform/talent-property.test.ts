// Property (fast-check): whatever the learners' opt-in, profile, block and credential states, the
// talent search NEVER returns a learner who is not findable (never opted in, withdrew, private
// profile, blocked the employer) nor a credential that is private, hidden, unverified or expired —
// for every role: anonymous, a learner, an issuer organization's member, an employer's member, an
// employer's API key. Employers find exactly the findable ones. SQLite, and PostgreSQL when set.
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { assertProperty } from '../../support/property.js'
import { hasPostgres, readJson, startTestPlatform, type TestPlatform, type TestSession } from '../../support/platform.js'
import { seedCredential, seedEmployer, seedLearner } from './talent-fixture.js'

const credentialArb = fc.record({ public: fc.boolean(), hidden: fc.boolean(), verified: fc.boolean(), expired: fc.boolean(), skill: fc.integer({ min: 0, max: 2 }) })
const learnerArb = fc.record({ optIn: fc.constantFrom('never', 'in', 'withdrawn'), profilePublic: fc.boolean(), blocked: fc.boolean(), credentials: fc.array(credentialArb, { maxLength: 4 }) })

for (const dialect of ['sqlite', 'postgres'] as const) {
  describe.skipIf(dialect === 'postgres' && !hasPostgres)(`the talent search never leaks (${dialect})`, () => {
    let t: TestPlatform
    let emp: { owner: TestSession; slug: string; id: string }
    let key: string
    let issuerMember: TestSession
    let issuerSlug: string
    let learnerOnly: TestSession
    let run = 0
    beforeAll(async () => {
      t = await startTestPlatform({ dialect })
      emp = await seedEmployer(t)
      key = await t.seedApiKey({ id: emp.id, slug: emp.slug, name: '', did: '' }, 'viewer')
      issuerMember = await t.seedUser()
      issuerSlug = (await t.seedOrg({ owner: issuerMember })).slug
      learnerOnly = await t.seedUser()
    })
    afterAll(() => t?.close())

    it('for every role and every opt-in and visibility state', async () => {
      await assertProperty(
        fc.asyncProperty(fc.array(learnerArb, { minLength: 1, maxLength: 4 }), async (learners) => {
          run += 1
          const skills = [0, 1, 2].map((k) => `prop skill ${run} ${k}`)
          const expected = new Map<string, Set<string>>()
          for (const [i, l] of learners.entries()) {
            const handle = `p${run}-l${i}`
            const session = await seedLearner(t, handle, { public: l.profilePublic, optIn: l.optIn !== 'never' })
            if (l.optIn === 'withdrawn') await t.request('/api/v1/wallet/talent', { as: session, method: 'DELETE' })
            if (l.blocked) await t.request(`/api/v1/wallet/blocks/${emp.slug}`, { as: session, method: 'PUT' })
            for (const [j, c] of l.credentials.entries()) {
              const name = `${handle}-c${j}`
              await seedCredential(t, session.userId, { name, skills: [{ label: skills[c.skill]! }], public: c.public, hidden: c.hidden, verified: c.verified, expiresAt: c.expired ? '2020-01-01T00:00:00.000Z' : null })
              const findable = l.optIn === 'in' && l.profilePublic && !l.blocked && c.public && !c.hidden && c.verified && !c.expired
              if (findable) expected.set(handle, (expected.get(handle) ?? new Set()).add(name))
            }
          }
          const query = `org=${emp.slug}&${skills.map((s) => `skill=${encodeURIComponent(s)}`).join('&')}&match=atLeast&atLeast=1`
          // Who may not search gets no data at all.
          expect((await t.request(`/api/v1/talent?${query}`)).status).toBe(401)
          expect((await t.request(`/api/v1/talent?${query}`, { as: learnerOnly })).status).toBe(404)
          expect((await t.request(`/api/v1/talent?${query}`, { as: issuerMember })).status).toBe(404)
          expect((await t.request(`/api/v1/talent?${query.replace(`org=${emp.slug}`, `org=${issuerSlug}`)}`, { as: issuerMember })).status).toBe(403)
          for (const as of [emp.owner, key]) {
            const res = await t.request(`/api/v1/talent?${query}`, { as })
            expect(res.status).toBe(200)
            const body = await readJson(res)
            const found = new Map<string, Set<string>>(body.learners.map((m: { handle: string; skills: { credentials: { name: string }[] }[] }) => [m.handle, new Set(m.skills.flatMap((s) => s.credentials.map((c) => c.name)))]))
            expect(found).toEqual(expected)
            expect(body.total).toBe(expected.size)
          }
        }),
        { numRuns: dialect === 'postgres' ? 15 : 25 },
      )
    }, 600_000)
  })
}
