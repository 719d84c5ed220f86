// Occupations and the career planner on one dialect (career.test.ts: SQLite; career-postgres.test.ts:
// PostgreSQL): the ESCO and O*NET mini fixtures imported (twice: upserts), occupation search and
// detail, gap analysis with hand-checked expectations on the ESCO mini fixture (web developer:
// 14 essential and 18 optional skills; the fixture's only skill → skill links put 12 programming
// languages under "computer programming" and Ansible and Apache Maven under "tools for software
// configuration management"), targets, the reverse view, and demand signals' minimum group size.
import { createHash, randomUUID } from 'node:crypto'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { careerUseCases } from '../../../src/app/career/career-use-cases.js'
import type { DisplaySkill } from '../../../src/app/wallet/display.js'
import { escoOccupationSources, onetOccupationSources } from '../../../src/cli/occupation-files.js'
import { escoSkills, onetSkills } from '../../../src/cli/skills-files.js'
import { readJson, startTestPlatform, type TestPlatform, type TestSession } from '../../support/platform.js'

const SHARED = join(import.meta.dirname, '../../../../shared/skills/fixtures')
const ESCO_MINI = join(SHARED, 'esco-mini')
const ONET_MINI = join(SHARED, 'onet-mini')
export const hasFixtures = existsSync(ESCO_MINI) && existsSync(ONET_MINI)
if (!hasFixtures) console.warn(`career tests skipped: no fixtures at ${SHARED} (the shared reference data is absent)`)

const occ = (uuid: string) => `http://data.europa.eu/esco/occupation/${uuid}`
const skill = (uuid: string) => `http://data.europa.eu/esco/skill/${uuid}`
const WEB_DEVELOPER = occ('c40a2919-48a9-40ea-b506-1f34f693496d')
const SOFTWARE_DEVELOPER = occ('f2b15a0e-e65a-438a-affb-29b9d50b77d1')
const S = {
  programming: skill('21d2f96d-35f7-4e3f-9745-c533d2dd6e97'),
  python: skill('ccd0a1d9-afda-43d9-b901-96344886e14d'),
  configTools: skill('9d2e926f-53d9-41f5-98f3-19dfaa687f3f'),
  ansible: skill('6f8a40d6-f9ce-43ec-a72f-d4213a53f3ed'),
  debug: skill('2522a6ce-3202-4ac8-9f5b-b9cb5a3a83a1'),
  debugTools: skill('6014921e-1d25-4039-adc2-04852d61880e'),
}
const enc = encodeURIComponent

export function describeCareer(dialect: 'sqlite' | 'postgres'): void {
  describe.skipIf(!hasFixtures)(`occupations and the career planner (${dialect})`, () => {
    let t: TestPlatform
    beforeAll(async () => {
      t = await startTestPlatform({ dialect })
      for (let run = 0; run < 2; run += 1) {
        await t.platform.skills.import(escoSkills(join(ESCO_MINI, 'skills_en.csv')))
        await t.platform.occupations.import((await escoOccupationSources(ESCO_MINI, run === 0 ? undefined : 'ESCO v1.1.1'))!, { batchSize: 7 })
      }
      await t.platform.skills.import(onetSkills(join(ONET_MINI, 'Content Model Reference.txt')))
      await t.platform.occupations.import((await onetOccupationSources(ONET_MINI, 'O*NET 29.2'))!)
    })
    afterAll(() => t?.close())

    const seedItem = async (user: TestSession, name: string, skills: DisplaySkill[], state: 'valid' | 'revoked' | 'unverified' | 'expired' = 'valid') => {
      const id = `w_${randomUUID().replace(/-/g, '').slice(0, 16)}`
      const document = JSON.stringify({ id: `urn:uuid:${randomUUID()}`, name })
      const now = t.clock.now().toISOString()
      const checks = state === 'revoked' ? [{ id: 'status', outcome: 'failed', code: 'CREDENTIAL_REVOKED', message: 'revoked' }] : state === 'unverified' ? [{ id: 'proof', outcome: 'failed', code: 'PROOF_INVALID', message: 'bad' }] : []
      await t.store.repos.walletItems.insert({
        id,
        userId: user.userId,
        digest: createHash('sha256').update(document).digest('hex'),
        credentialId: null,
        issuedCredentialId: null,
        source: 'import',
        format: 'vc-json',
        document,
        verified: state === 'valid' || state === 'expired',
        report: JSON.stringify({ verified: state === 'valid' || state === 'expired', checks }),
        checkedAt: now,
        name,
        description: '',
        imageUrl: null,
        issuerId: 'did:web:uni.example',
        issuerName: 'Uni',
        issuedAt: '2026-01-15T00:00:00Z',
        expiresAt: state === 'expired' ? '2026-02-01T00:00:00Z' : null,
        skills,
        addedAt: now,
      })
      return id
    }

    it('imports occupations, ISCO groups, requirements and hierarchies idempotently, and records the release', async () => {
      expect(await t.platform.occupations.countByFramework()).toEqual({ esco: 8, isco: 11, onet: 9 })
      const detail = await t.platform.occupations.get(WEB_DEVELOPER)
      expect(detail.release).toBe('ESCO v1.1.1')
      expect(detail.skills).toHaveLength(32)
      expect(detail.skills.filter((s) => s.relation === 'essential')).toHaveLength(14)
      expect(detail.skills.slice(0, 14).every((s) => s.relation === 'essential')).toBe(true)
      expect(detail.broader.map((b) => b.code)).toEqual(['2513', '251', '25', '2'])
    })

    it('searches preferred and alternative labels, public, in the issue’s shape; bad input is a 400', async () => {
      const res = await t.request('/api/v1/occupations?q=web')
      expect(res.status).toBe(200)
      const body = await readJson(res)
      expect(body.items[0]).toMatchObject({ uri: WEB_DEVELOPER, label: 'web developer', framework: 'esco', code: expect.stringMatching(/^2513/) })
      expect(body.attribution.esco).toContain('ESCO classification')
      const alt = await readJson(await t.request(`/api/v1/occupations?q=${enc('IT security expert')}`))
      expect(alt.items.map((o: { label: string }) => o.label)).toEqual(['ICT security engineer'])
      const onet = await readJson(await t.request('/api/v1/occupations?q=software&framework=onet'))
      expect(onet.items.map((o: { uri: string }) => o.uri)).toEqual(['https://www.onetonline.org/link/summary/15-1252.00'])
      expect((await readJson(await t.request('/api/v1/occupations?q=professionals'))).items).toEqual([]) // ISCO groups are not occupations
      expect((await t.request('/api/v1/occupations?limit=0')).status).toBe(400)
      expect((await t.request(`/api/v1/occupations?q=${'x'.repeat(101)}`)).status).toBe(400)
    })

    it('shows an occupation with its skills; unknown ones are a 404', async () => {
      const res = await t.request(`/api/v1/occupations/${enc(WEB_DEVELOPER)}`)
      expect(res.status).toBe(200)
      const body = await readJson(res)
      expect(body.skills[0]).toMatchObject({ relation: 'essential', category: expect.any(String), importance: null })
      expect(body.skills.find((s: { uri: string }) => s.uri === S.programming)).toMatchObject({ label: 'computer programming', relation: 'essential' })
      expect((await t.request(`/api/v1/occupations/${enc(occ('nope'))}`)).status).toBe(404)
      expect((await t.request(`/api/v1/occupations/${enc('http://data.europa.eu/esco/isco/C2513')}`)).status).toBe(404)
      // O*NET: graded requirements (importance ≥ 3 essential) and technology skills; Software Developers has no ratings in 29.2.
      const analysts = await readJson(await t.request(`/api/v1/occupations/${enc('https://www.onetonline.org/link/summary/15-1211.00')}`))
      expect(analysts.skills.some((s: { category: string }) => s.category === 'technology')).toBe(true)
      for (const s of analysts.skills.filter((x: { category: string }) => x.category === 'skill')) expect(s.relation).toBe(s.importance >= 3 ? 'essential' : 'optional')
      const developers = await readJson(await t.request(`/api/v1/occupations/${enc('https://www.onetonline.org/link/summary/15-1252.00')}`))
      expect(developers.skills.every((s: { category: string }) => s.category === 'technology')).toBe(true)
    })

    it('analyses the gap: direct and narrower-skill coverage, essential first, only verified unrevoked unexpired credentials', async () => {
      const learner = await t.seedUser()
      const py = await seedItem(learner, 'Python Basics', [{ label: 'Python', uri: S.python }])
      const ops = await seedItem(learner, 'Ansible in Practice', [{ label: 'Ansible', uri: S.ansible }])
      await seedItem(learner, 'Debugging (revoked)', [{ label: 'debug software', uri: S.debug }], 'revoked')
      await seedItem(learner, 'Debug tools (unverified)', [{ label: 'ICT debugging tools', uri: S.debugTools }], 'unverified')
      await seedItem(learner, 'Old debugging (expired)', [{ label: 'debug software', uri: S.debug }], 'expired')
      const res = await t.request(`/api/v1/me/career?occupation=${enc(WEB_DEVELOPER)}`, { as: learner })
      expect(res.status).toBe(200)
      const plan = await readJson(res)
      expect(Object.keys(plan)).toEqual(expect.arrayContaining(['occupation', 'covered', 'gap', 'programs']))
      expect(plan.occupation).toBe(WEB_DEVELOPER)
      expect(plan.covered).toEqual([
        { skill: S.programming, label: 'computer programming', relation: 'essential', credentials: [py], because: [{ skill: S.python, label: 'Python', match: 'narrower', credentials: [py] }] },
        { skill: S.configTools, label: 'tools for software configuration management', relation: 'essential', credentials: [ops], because: [{ skill: S.ansible, label: 'Ansible', match: 'narrower', credentials: [ops] }] },
        { skill: S.ansible, label: 'Ansible', relation: 'optional', credentials: [ops], because: [{ skill: S.ansible, label: 'Ansible', match: 'direct', credentials: [ops] }] },
        { skill: S.python, label: 'Python (computer programming)', relation: 'optional', credentials: [py], because: [{ skill: S.python, label: 'Python', match: 'direct', credentials: [py] }] },
      ])
      expect(plan.gap).toHaveLength(28)
      expect(plan.gap.slice(0, 12).every((g: { relation: string }) => g.relation === 'essential')).toBe(true)
      expect(plan.gap.slice(12).every((g: { relation: string }) => g.relation === 'optional')).toBe(true)
      expect(plan.gap.map((g: { skill: string }) => g.skill)).toEqual(expect.arrayContaining([S.debug, S.debugTools]))
      expect(plan.essential).toEqual({ covered: 2, total: 14 })
      expect(plan.programs).toEqual([])
    })

    it('shows demand signals only for groups of at least five learners, without personal data', async () => {
      const apiSeen = async () => readJson(await t.request('/api/v1/insights/skills', { as: await t.seedUser() }))
      expect((await t.request('/api/v1/insights/skills')).status).toBe(401)
      // Four learners with targets: suppressed.
      for (let i = 0; i < 4; i += 1) await t.platform.career.setTargets((await t.seedUser()).userId, [WEB_DEVELOPER])
      expect(await apiSeen()).toEqual({ minGroupSize: 5, learners: null, mostAsked: [], leastCovered: [] })
      // A fifth: web developer's skills are now asked for by five learners; software developer's own ones by one (left out).
      await t.platform.career.setTargets((await t.seedUser()).userId, [WEB_DEVELOPER])
      const seen = await apiSeen()
      expect(seen.learners).toBe(5)
      expect(seen.mostAsked.find((r: { skill: string }) => r.skill === S.programming)).toEqual({ skill: S.programming, label: 'computer programming', learners: 5, essentialLearners: 5, occupations: 1, programs: 0 })
      expect(seen.mostAsked.every((r: { learners: number }) => r.learners >= 5)).toBe(true)
      expect(JSON.stringify(seen)).not.toMatch(/@example\.edu|user\d/)
    })
    it('saves targets (known occupations only, at most 5), and plans toward the first by default', async () => {
      const learner = await t.seedUser()
      expect((await t.request('/api/v1/me/career', { as: learner })).status).toBe(404)
      expect((await t.request('/api/v1/me/career')).status).toBe(401)
      expect([401, 403]).toContain((await t.request('/api/v1/me/career/target', { method: 'PUT', json: { occupations: [WEB_DEVELOPER] } })).status)
      expect((await t.request('/api/v1/me/career/target', { as: learner, method: 'PUT', json: { occupations: [occ('nope')] } })).status).toBe(400)
      expect((await t.request('/api/v1/me/career/target', { as: learner, method: 'PUT', json: { occupations: 'web' } })).status).toBe(400)
      expect((await t.request('/api/v1/me/career/target', { as: learner, method: 'PUT', json: { occupations: Array.from({ length: 6 }, () => WEB_DEVELOPER) } })).status).toBe(400)
      const saved = await t.request('/api/v1/me/career/target', { as: learner, method: 'PUT', json: { occupations: [SOFTWARE_DEVELOPER, WEB_DEVELOPER] } })
      expect(saved.status).toBe(200)
      expect((await readJson(saved)).items.map((o: { label: string }) => o.label)).toEqual(['software developer', 'web developer'])
      expect((await readJson(await t.request('/api/v1/me/career/target', { as: learner }))).items).toHaveLength(2)
      expect((await readJson(await t.request('/api/v1/me/career', { as: learner }))).occupation).toBe(SOFTWARE_DEVELOPER)
      // Another learner sees nothing of it.
      const other = await t.seedUser()
      expect((await readJson(await t.request('/api/v1/me/career/target', { as: other }))).items).toEqual([])
    })

    it('shows the occupations a credential moves the learner toward; another learner’s credential is a 404', async () => {
      const learner = await t.seedUser()
      const py = await seedItem(learner, 'Python Basics', [{ label: 'Python', uri: S.python }])
      const res = await t.request(`/api/v1/me/career/credentials/${py}`, { as: learner })
      expect(res.status).toBe(200)
      const body = await readJson(res)
      expect(body.credential).toEqual({ id: py, name: 'Python Basics', verified: true })
      const web = body.items.find((i: { occupation: { uri: string } }) => i.occupation.uri === WEB_DEVELOPER)
      expect(web.skills).toEqual(expect.arrayContaining([{ skill: S.programming, label: 'computer programming', relation: 'essential' }, { skill: S.python, label: 'Python (computer programming)', relation: 'optional' }]))
      const other = await t.seedUser()
      expect((await t.request(`/api/v1/me/career/credentials/${py}`, { as: other })).status).toBe(404)
    })

    it('ranks catalog programs by how much of the gap they cover per hour, then per unit of price', async () => {
      const learner = await t.seedUser()
      const career = careerUseCases({
        ...t.ports,
        programs: async () => [
          { id: 'p-slow', title: 'Long course', covers: [S.programming, S.debug], hours: 100, price: 0 },
          { id: 'p-fast', title: 'Short course', covers: [S.programming, 'urn:other'], hours: 10, price: 500 },
          { id: 'p-none', title: 'Unrelated', covers: ['urn:other'], hours: 1, price: 0 },
        ],
      })
      const plan = await career.plan(learner.userId, WEB_DEVELOPER)
      expect(plan.programs.map((p) => [p.id, p.covers])).toEqual([
        ['p-fast', [S.programming]],
        ['p-slow', [S.programming, S.debug]],
      ])
    })

  })
}
