import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { assertIssuable } from '../../../src/app/achievements/issuable.js'
import { CSRF_COOKIE } from '../../../src/http/auth/tokens.js'
import { hasPostgres, readJson, startTestPlatform, type TestOrg, type TestPlatform, type TestSession } from '../../support/platform.js'

// The achievements API: every route against every role, another organization and anonymous;
// validation naming the field; the draft → published → archived lifecycle. Then a PostgreSQL pass.

const ANON_CSRF = 'anonymous-csrf-token-of-a-browser-000'

const complete = {
  name: 'FAIR Data Stewardship',
  description: 'Making research data findable, accessible, interoperable and reusable.',
  criteria: { narrative: 'Pass the final project.' },
  learningOutcomes: ['Write a data management plan'],
  ects: 3,
  eqfLevel: 6,
  participation: 'online',
  validityMonths: 24,
  alignment: [{ targetName: 'manage research data', targetUrl: 'http://data.europa.eu/esco/skill/4f5c1208-62fd-4e5a-a51e-306c06947e11', targetFramework: 'ESCO', targetType: 'ext:ESCOSkill' }],
  resultDescription: [{ name: 'Final grade', resultType: 'ScaledScore', valueMin: '1', valueMax: '10' }],
}

let t: TestPlatform
let owner: TestSession, admin: TestSession, issuer: TestSession, viewer: TestSession, stranger: TestSession
let org: TestOrg, other: TestOrg
let adminKey: string, issuerKey: string, viewerKey: string, otherKey: string
/** A designed badge: publishing needs an image. */
let badge: string

beforeAll(async () => {
  t = await startTestPlatform()
  ;[owner, admin, issuer, viewer, stranger] = await Promise.all([t.seedUser(), t.seedUser(), t.seedUser(), t.seedUser(), t.seedUser()])
  org = await t.seedOrg({ owner, name: 'Northbridge University', withKey: false })
  other = await t.seedOrg({ owner: stranger, name: 'Rival Institute', withKey: false })
  await t.seedMember(org, admin, 'admin')
  await t.seedMember(org, issuer, 'issuer')
  await t.seedMember(org, viewer, 'viewer')
  ;[adminKey, issuerKey, viewerKey, otherKey] = await Promise.all([t.seedApiKey(org, 'admin'), t.seedApiKey(org, 'issuer'), t.seedApiKey(org, 'viewer'), t.seedApiKey(other, 'admin')])
  badge = (await readJson(await t.request(`/api/v1/orgs/${org.slug}/images/design`, { as: owner, method: 'POST', json: { title: 'FAIR' } }))).id
})
afterAll(() => t.close())

/** A complete definition with a badge image: ready to publish. */
const publishable = (extra: Record<string, unknown> = {}) => ({ ...complete, imageId: badge, ...extra })

const create = async (body: unknown = publishable(), as: TestSession | string = owner) => {
  const res = await t.request(`/api/v1/orgs/${org.slug}/achievements`, { as, method: 'POST', json: body })
  expect(res.status).toBe(201)
  return readJson(res)
}

describe('achievements API access', () => {
  type Actor = [label: string, as: () => TestSession | string | undefined]
  const actors: Actor[] = [
    ['the owner', () => owner],
    ['an admin', () => admin],
    ['an admin API key', () => adminKey],
    ['an issuer', () => issuer],
    ['an issuer API key', () => issuerKey],
    ['a viewer', () => viewer],
    ['a viewer API key', () => viewerKey],
    ['a member of another organization', () => stranger],
    ['another organization’s API key', () => otherKey],
    ['an anonymous caller', () => undefined],
  ]
  const reads = [200, 200, 200, 200, 200, 200, 200, 404, 404, 401]
  const writes = (ok: number) => [ok, ok, ok, 403, 403, 403, 403, 404, 404, 401]
  const tinySvg = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100" width="100" height="100"><circle cx="50" cy="50" r="40" fill="#1f4e79"/></svg>'
  const routes: [string, (id: string) => [path: string, init: RequestInit & { json?: unknown }], number[]][] = [
    ['GET /achievements', () => [`/api/v1/orgs/${org.slug}/achievements`, {}], reads],
    ['POST /achievements', () => [`/api/v1/orgs/${org.slug}/achievements`, { method: 'POST', json: { name: 'Probe' } }], writes(201)],
    ['GET /achievements/:id', (id) => [`/api/v1/orgs/${org.slug}/achievements/${id}`, {}], reads],
    ['PATCH /achievements/:id', (id) => [`/api/v1/orgs/${org.slug}/achievements/${id}`, { method: 'PATCH', json: { tag: ['probe'] } }], writes(200)],
    ['POST /achievements/:id/publish', (id) => [`/api/v1/orgs/${org.slug}/achievements/${id}/publish`, { method: 'POST' }], writes(200)],
    ['POST /achievements/:id/archive', (id) => [`/api/v1/orgs/${org.slug}/achievements/${id}/archive`, { method: 'POST' }], writes(200)],
    ['POST /achievements/:id/unarchive', (id) => [`/api/v1/orgs/${org.slug}/achievements/${id}/unarchive`, { method: 'POST' }], writes(200)],
    ['POST /images', () => [`/api/v1/orgs/${org.slug}/images`, { method: 'POST', body: tinySvg, headers: { 'content-type': 'image/svg+xml' } }], writes(201)],
    ['POST /images/design', () => [`/api/v1/orgs/${org.slug}/images/design`, { method: 'POST', json: { title: 'Probe' } }], writes(201)],
  ]

  describe.each(routes)('%s', (_name, route, expected) => {
    it.each(actors.map(([label, as], i) => [label, expected[i]!, as] as const))('answers %s with %i', async (_label, status, as) => {
      const { id } = await create(publishable({ name: 'Access probe' }))
      const [path, init] = route(id)
      const actor = as()
      // Anonymous: a browser's anonymous CSRF cookie and token, so the request reaches the access check.
      const anonymous = { headers: { ...(init.headers as Record<string, string>), cookie: `${CSRF_COOKIE}=${ANON_CSRF}`, 'x-csrf-token': ANON_CSRF } }
      const res = await t.request(path, { ...init, ...(actor ? { as: actor } : anonymous) })
      expect(res.status).toBe(status)
      if (status >= 400) expect(res.headers.get('content-type')).toBe('application/problem+json')
    })
  })

  it('never shows one organization’s achievement through another organization’s URL', async () => {
    const { id } = await create()
    const res = await t.request(`/api/v1/orgs/${other.slug}/achievements/${id}`, { as: stranger })
    expect(res.status).toBe(404)
    const list = await readJson(await t.request(`/api/v1/orgs/${other.slug}/achievements`, { as: otherKey }))
    expect(list.items.map((a: { id: string }) => a.id)).not.toContain(id)
    const patch = await t.request(`/api/v1/orgs/${other.slug}/achievements/${id}`, { as: otherKey, method: 'PATCH', json: { name: 'Hijacked' } })
    expect(patch.status).toBe(404)
  })
})

describe('creating and editing achievements', () => {
  it('creates a draft, answers 201 with its Location, and shows the OB 3.0 Achievement credentials will embed', async () => {
    const res = await t.request(`/api/v1/orgs/${org.slug}/achievements`, { as: admin, method: 'POST', json: complete })
    expect(res.status).toBe(201)
    const body = await readJson(res)
    expect(res.headers.get('location')).toBe(`/api/v1/orgs/${org.slug}/achievements/${body.id}`)
    expect(body).toMatchObject({ state: 'draft', version: 1, name: 'FAIR Data Stewardship', imageId: null })
    expect(body.id).toMatch(/^[0-9a-f-]{36}$/)
    expect(body.definition.resultDescription[0].id).toMatch(/^urn:uuid:/)
    expect(body.achievement).toMatchObject({
      id: `${t.config.publicUrl}/orgs/${org.slug}/achievements/${body.id}`,
      type: ['Achievement'],
      achievementType: 'MicroCredential',
      creditsAvailable: 3,
      version: '1',
    })
    expect(body.achievement.alignment.map((a: { targetUrl: string }) => a.targetUrl)).toContain('http://data.europa.eu/snb/eqf/6')
  })

  it('names each invalid field in the problem, and never stores a half-valid definition', async () => {
    const res = await t.request(`/api/v1/orgs/${org.slug}/achievements`, {
      as: owner,
      method: 'POST',
      json: { name: '', eqfLevel: 9, inLanguage: 'not a language', alignment: [{ targetName: 'x', targetUrl: 'not a uri' }], colour: 'red' },
    })
    expect(res.status).toBe(400)
    const problem = await readJson(res)
    expect(problem.code).toBe('ERR_INPUT_INVALID')
    for (const text of ['name: is required', 'eqfLevel: must be between 1 and 8', 'inLanguage: must be a BCP 47 language tag', 'alignment.0.targetUrl: must be an absolute URI', 'has unknown field(s) colour'])
      expect(problem.detail).toContain(text)
  })

  it('refuses malformed JSON, a body that is not an object, an unknown image and a bad version with 400', async () => {
    const path = `/api/v1/orgs/${org.slug}/achievements`
    const malformed = await t.request(path, { as: owner, method: 'POST', body: '{"name": ', headers: { 'content-type': 'application/json' } })
    expect(malformed.status).toBe(400)
    expect((await readJson(malformed)).code).toBe('ERR_JSON_PARSE')
    expect((await readJson(await t.request(path, { as: owner, method: 'POST', json: ['a'] }))).detail).toContain('must be a JSON object')
    expect((await readJson(await t.request(path, { as: owner, method: 'POST', json: { name: 'A', imageId: 'f'.repeat(64) } }))).detail).toContain('imageId: is not an uploaded')
    const { id } = await create()
    expect((await readJson(await t.request(`${path}/${id}`, { as: owner, method: 'PATCH', json: { version: 'one' } }))).detail).toContain('version:')
  })

  it('bumps the version on every edit, removes a field sent as null, and keeps the rest', async () => {
    const { id } = await create()
    const res = await t.request(`/api/v1/orgs/${org.slug}/achievements/${id}`, { as: admin, method: 'PATCH', json: { name: 'FAIR Data Stewardship II', eqfLevel: null } })
    expect(res.status).toBe(200)
    const body = await readJson(res)
    expect(body).toMatchObject({ version: 2, name: 'FAIR Data Stewardship II', definition: { ects: 3 } })
    expect(body.definition).not.toHaveProperty('eqfLevel')
    expect(body.achievement.version).toBe('2')
    expect(body.definition.resultDescription[0].id).toMatch(/^urn:uuid:/)
  })

  it('refuses an edit made from an older version instead of overwriting someone else’s', async () => {
    const { id } = await create()
    const path = `/api/v1/orgs/${org.slug}/achievements/${id}`
    expect((await t.request(path, { as: owner, method: 'PATCH', json: { version: 1, description: 'First edit' } })).status).toBe(200)
    const stale = await t.request(path, { as: admin, method: 'PATCH', json: { version: 1, description: 'Second edit' } })
    expect(stale.status).toBe(409)
    expect((await readJson(stale)).detail).toContain('changed by someone else')
  })

  it('answers 404 for an achievement that does not exist', async () => {
    expect((await t.request(`/api/v1/orgs/${org.slug}/achievements/00000000-0000-4000-8000-000000000000`, { as: owner })).status).toBe(404)
  })
})

describe('the achievement lifecycle', () => {
  const post = (id: string, action: string) => t.request(`/api/v1/orgs/${org.slug}/achievements/${id}/${action}`, { as: owner, method: 'POST' })
  const record = async (id: string) => (await t.store.repos.achievements.get(org.id, id))!

  it('will not publish a draft without description, criteria and image, and says which are missing', async () => {
    const { id } = await create({ name: 'Half done' })
    const res = await post(id, 'publish')
    expect(res.status).toBe(409)
    const problem = await readJson(res)
    expect(problem.detail).toContain('description: is required to publish')
    expect(problem.detail).toContain('criteria.narrative: is required to publish')
    expect(problem.detail).toContain('imageId: is required to publish: design or upload a badge image first')
    expect(problem.errors.map((e: { path: string }) => e.path)).toEqual(['description', 'criteria.narrative', 'imageId'])
    expect((await record(id)).state).toBe('draft')
  })

  it('will not publish a complete achievement without a badge image, and publishes it once it has one', async () => {
    const { id } = await create(complete)
    const refused = await post(id, 'publish')
    expect(refused.status).toBe(409)
    const problem = await readJson(refused)
    expect(problem.code).toBe('ERR_STATE_INVALID')
    expect(problem.detail).toBe('Achievement "FAIR Data Stewardship" cannot be published yet: imageId: is required to publish: design or upload a badge image first')
    expect((await record(id)).state).toBe('draft')
    await t.request(`/api/v1/orgs/${org.slug}/achievements/${id}`, { as: owner, method: 'PATCH', json: { imageId: badge } })
    expect((await readJson(await post(id, 'publish'))).state).toBe('published')
  })

  it('issues only from a published achievement: draft, archived and unarchived ones are refused', async () => {
    const { id } = await create()
    await expect(record(id).then(assertIssuable)).rejects.toThrow(/is a draft/)
    expect((await readJson(await post(id, 'publish'))).state).toBe('published')
    await expect(record(id).then(assertIssuable)).resolves.toBeUndefined()
    expect((await readJson(await post(id, 'archive'))).state).toBe('archived')
    await expect(record(id).then(assertIssuable)).rejects.toThrow(expect.objectContaining({ code: 'ERR_STATE_INVALID' }))
    expect((await readJson(await post(id, 'unarchive'))).state).toBe('draft')
    await expect(record(id).then(assertIssuable)).rejects.toThrow(/is a draft/)
  })

  it('lets a published achievement be edited, but not emptied of what publishing requires', async () => {
    const { id } = await create()
    await post(id, 'publish')
    const path = `/api/v1/orgs/${org.slug}/achievements/${id}`
    const edit = await t.request(path, { as: owner, method: 'PATCH', json: { tag: ['updated'] } })
    expect(await readJson(edit)).toMatchObject({ state: 'published', version: 2 })
    const emptied = await t.request(path, { as: owner, method: 'PATCH', json: { description: '' } })
    expect(emptied.status).toBe(400)
    expect((await readJson(emptied)).detail).toContain('description: is required while the achievement is published')
  })

  it('freezes an archived achievement: no edits, no publishing until it is unarchived', async () => {
    const { id } = await create()
    await post(id, 'archive')
    const edit = await t.request(`/api/v1/orgs/${org.slug}/achievements/${id}`, { as: owner, method: 'PATCH', json: { name: 'Renamed' } })
    expect(edit.status).toBe(409)
    expect((await readJson(edit)).detail).toContain('archived; unarchive it to edit it')
    expect((await post(id, 'publish')).status).toBe(409)
    expect((await post(id, 'archive')).status).toBe(200)
  })

  it('keeps an earlier version’s Achievement unchanged when the definition is edited later', async () => {
    const { id, achievement: embedded } = await create()
    await t.request(`/api/v1/orgs/${org.slug}/achievements/${id}`, { as: owner, method: 'PATCH', json: { name: 'Renamed' } })
    const now = await readJson(await t.request(`/api/v1/orgs/${org.slug}/achievements/${id}`, { as: viewer }))
    expect(now.achievement).toMatchObject({ name: 'Renamed', version: '2' })
    expect(embedded).toMatchObject({ name: 'FAIR Data Stewardship', version: '1' })
  })
})

describe('listing achievements', () => {
  it('filters by state and by part of the name, newest first, a page at a time', async () => {
    const lister = await t.seedUser()
    const mine = await t.seedOrg({ owner: lister, withKey: false })
    const names = ['Data Literacy', 'Advanced data_science 100%', 'Teamwork']
    const ids: string[] = []
    for (const name of names) {
      t.clock.advance(1000)
      const res = await t.request(`/api/v1/orgs/${mine.slug}/achievements`, { as: lister, method: 'POST', json: publishable({ name }) })
      ids.push((await readJson(res)).id)
    }
    await t.request(`/api/v1/orgs/${mine.slug}/achievements/${ids[2]}/publish`, { as: lister, method: 'POST' })
    const list = (query: string) => t.request(`/api/v1/orgs/${mine.slug}/achievements${query}`, { as: lister }).then(readJson)
    expect((await list('')).items.map((a: { name: string }) => a.name)).toEqual([...names].reverse())
    expect((await list('?state=published')).items.map((a: { name: string }) => a.name)).toEqual(['Teamwork'])
    expect((await list('?q=DATA')).items).toHaveLength(2)
    expect((await list('?q=_science%20100%25')).items.map((a: { name: string }) => a.name)).toEqual(['Advanced data_science 100%'])
    expect((await list('?q=a_a')).items).toHaveLength(0)
    const first = await list('?limit=2')
    expect(first.items).toHaveLength(2)
    const second = await list(`?limit=2&cursor=${first.nextCursor}`)
    expect(second.items.map((a: { name: string }) => a.name)).toEqual(['Data Literacy'])
    expect(second).not.toHaveProperty('nextCursor')
  })

  it('refuses an unknown state, a bad limit and a cursor it never gave out', async () => {
    for (const [query, text] of [['?state=deleted', 'state: must be one of'], ['?limit=0', 'limit:'], ['?limit=abc', 'limit:'], ['?cursor=nonsense', 'cursor:']]) {
      const res = await t.request(`/api/v1/orgs/${org.slug}/achievements${query}`, { as: viewer })
      expect(res.status).toBe(400)
      expect((await readJson(res)).detail).toContain(text)
    }
  })
})

describe.skipIf(!hasPostgres)('achievements on PostgreSQL', () => {
  let pg: TestPlatform
  let user: TestSession
  let pgOrg: TestOrg
  beforeAll(async () => {
    pg = await startTestPlatform({ dialect: 'postgres' })
    user = await pg.seedUser()
    pgOrg = await pg.seedOrg({ owner: user, withKey: false })
  })
  afterAll(() => pg?.close())

  it('creates, edits, publishes, archives and lists achievements the same way', async () => {
    const base = `/api/v1/orgs/${pgOrg.slug}/achievements`
    const image = await readJson(await pg.request(`/api/v1/orgs/${pgOrg.slug}/images/design`, { as: user, method: 'POST', json: { title: 'FAIR' } }))
    const created = await readJson(await pg.request(base, { as: user, method: 'POST', json: { ...complete, imageId: image.id } }))
    pg.clock.advance(1000)
    await pg.request(base, { as: user, method: 'POST', json: { name: 'Other 50%' } })
    const edited = await readJson(await pg.request(`${base}/${created.id}`, { as: user, method: 'PATCH', json: { version: 1, tag: ['pg'] } }))
    expect(edited).toMatchObject({ version: 2, definition: { tag: ['pg'], ects: 3 } })
    expect((await pg.request(`${base}/${created.id}`, { as: user, method: 'PATCH', json: { version: 1, tag: ['stale'] } })).status).toBe(409)
    expect((await readJson(await pg.request(`${base}/${created.id}/publish`, { as: user, method: 'POST' }))).state).toBe('published')
    const published = await readJson(await pg.request(`${base}?state=published`, { as: user }))
    expect(published.items.map((a: { id: string }) => a.id)).toEqual([created.id])
    expect((await readJson(await pg.request(`${base}?q=fair%20DATA`, { as: user }))).items).toHaveLength(1)
    expect((await readJson(await pg.request(`${base}?q=50%25`, { as: user }))).items.map((a: { name: string }) => a.name)).toEqual(['Other 50%'])
    const page = await readJson(await pg.request(`${base}?limit=1`, { as: user }))
    expect((await readJson(await pg.request(`${base}?limit=1&cursor=${page.nextCursor}`, { as: user }))).items[0].id).toBe(created.id)
    expect((await readJson(await pg.request(`${base}/${created.id}/archive`, { as: user, method: 'POST' }))).state).toBe('archived')
  })
})
