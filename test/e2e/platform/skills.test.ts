import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { importSkills } from '../../../src/app/skills/import-skills.js'
import { seedDemoSkills } from '../../../src/app/skills/seed-demo-skills.js'
import { escoSkills, onetSkills } from '../../../src/cli/skills-files.js'
import { hasPostgres, readJson, startTestPlatform, type TestPlatform, type TestSession } from '../../support/platform.js'

// Skills imported from the ESCO and O*NET mini fixtures (../shared), the built-in demo skills, and
// search by preferred and alternative labels, through the store and GET /api/v1/skills.

const FIXTURES = join(import.meta.dirname, '../../../../shared/skills/fixtures')
const ESCO = join(FIXTURES, 'esco-mini/skills_en.csv')
const ONET = join(FIXTURES, 'onet-mini/Content Model Reference.txt')
const hasFixtures = existsSync(ESCO) && existsSync(ONET)
if (!hasFixtures) console.warn(`skills tests skipped: no fixtures at ${FIXTURES} (the shared reference data is absent)`)

const labels = (items: { preferredLabel: string }[]) => items.map((s) => s.preferredLabel)

/** Imports both fixtures and the demo skills into `t`'s store. */
async function fill(t: TestPlatform) {
  const esco = await importSkills(t.ports, escoSkills(ESCO), { batchSize: 7 })
  const onet = await importSkills(t.ports, onetSkills(ONET))
  const demo = await seedDemoSkills(t.store.repos.skills)
  return { esco: esco.imported, onet: onet.imported, demo }
}

describe.skipIf(!hasFixtures)('skills from the ESCO and O*NET fixtures', () => {
  let t: TestPlatform
  let user: TestSession
  beforeAll(async () => {
    t = await startTestPlatform()
    user = await t.seedUser()
  })
  afterAll(() => t.close())

  it('imports every fixture skill in batches, and importing again changes nothing', async () => {
    expect(await fill(t)).toEqual({ esco: 40, onet: 35, demo: 31 })
    expect(await t.store.repos.skills.countByFramework()).toEqual({ esco: 40, onet: 35, 'emblem-demo': 31 })
    await fill(t)
    expect(await t.store.repos.skills.countByFramework()).toEqual({ esco: 40, onet: 35, 'emblem-demo': 31 })
  })

  it('finds a skill by one of its alternative labels, case-insensitively', async () => {
    const found = await t.store.repos.skills.search('Revision Control', { limit: 10 })
    expect(labels(found)).toEqual(['tools for software configuration management'])
    expect(found[0]).toMatchObject({ framework: 'esco', kind: 'knowledge', id: expect.stringMatching(/^http:\/\/data\.europa\.eu\/esco\/skill\//) })
    expect(found[0]!.altLabels).toContain('revision control')
    expect(labels(await t.store.repos.skills.search('iot', { limit: 10 }))).toContain('Internet of Things')
  })

  it('ranks skills with a label starting with the query before those containing it elsewhere', async () => {
    const found = await t.store.repos.skills.search('data', { limit: 50 })
    const startsWith = (s: (typeof found)[number]) => [s.preferredLabel, ...s.altLabels].some((l) => l.toLowerCase().startsWith('data'))
    const flags = found.map(startsWith)
    expect(flags).toContain(true)
    expect(flags).toContain(false)
    expect(flags.indexOf(false)).toBeGreaterThan(flags.lastIndexOf(true))
  })

  it('narrows to one framework, and finds the O*NET skills and the demo skills too', async () => {
    expect(labels(await t.store.repos.skills.search('programming', { framework: 'onet', limit: 10 }))).toEqual(['Programming'])
    expect(labels(await t.store.repos.skills.search('WCAG', { limit: 10 }))).toEqual(['design accessible web content'])
    const onet = await t.store.repos.skills.search('', { framework: 'onet', limit: 100 })
    expect(onet).toHaveLength(35)
    expect(onet.every((s) => s.id.startsWith('https://www.onetonline.org/find/descriptor/result/2.'))).toBe(true)
  })

  it('treats % and _ in a query as text, not wildcards', async () => {
    expect(await t.store.repos.skills.search('%', { limit: 10 })).toEqual([])
    expect(await t.store.repos.skills.search('_', { limit: 10 })).toEqual([])
  })

  it('answers GET /api/v1/skills for anyone signed in or holding an API key, with the licence attribution', async () => {
    const res = await t.request('/api/v1/skills?q=git&framework=esco&limit=5', { as: user })
    expect(res.status).toBe(200)
    const body = await readJson(res)
    expect(labels(body.items)).toEqual(['tools for software configuration management'])
    expect(body.attribution.esco).toContain('European Commission')
    const owner = await t.seedUser()
    const key = await t.seedApiKey(await t.seedOrg({ owner, withKey: false }), 'viewer')
    expect((await t.request('/api/v1/skills?q=python', { as: key })).status).toBe(200)
    expect((await t.request('/api/v1/skills?q=python')).status).toBe(401)
  })

  it('refuses a bad limit, framework or an overlong query with the parameter named', async () => {
    for (const [query, text] of [['limit=0', 'limit:'], ['limit=101', 'limit:'], ['limit=x', 'limit:'], ['framework=ES%20CO', 'framework:'], [`q=${'a'.repeat(101)}`, 'q:']]) {
      const res = await t.request(`/api/v1/skills?${query}`, { as: user })
      expect(res.status).toBe(400)
      expect((await readJson(res)).detail).toContain(text)
    }
  })
})

describe.skipIf(!hasFixtures || !hasPostgres)('skills on PostgreSQL', () => {
  let pg: TestPlatform
  beforeAll(async () => {
    pg = await startTestPlatform({ dialect: 'postgres' })
  })
  afterAll(() => pg?.close())

  it('imports idempotently and searches by alternative label with prefix matches first', async () => {
    expect(await fill(pg)).toEqual({ esco: 40, onet: 35, demo: 31 })
    await fill(pg)
    expect(await pg.store.repos.skills.countByFramework()).toEqual({ esco: 40, onet: 35, 'emblem-demo': 31 })
    expect(labels(await pg.store.repos.skills.search('REVISION control', { limit: 10 }))).toEqual(['tools for software configuration management'])
    const found = await pg.store.repos.skills.search('data', { limit: 50 })
    const flags = found.map((s) => [s.preferredLabel, ...s.altLabels].some((l) => l.toLowerCase().startsWith('data')))
    expect(flags.indexOf(false)).toBeGreaterThan(flags.lastIndexOf(true))
    expect(await pg.store.repos.skills.search('%', { limit: 10 })).toEqual([])
  })
})
