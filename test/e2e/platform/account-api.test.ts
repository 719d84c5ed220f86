import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ROLES } from '../../../src/app/platform/roles.js'
import { SESSION_COOKIE } from '../../../src/http/auth/tokens.js'
import { readJson, startTestPlatform, type TestPlatform } from '../../support/platform.js'
import { fromIp, sessionTokenOf, setCookieLine } from './account-helpers.js'

const PASSWORD = 'a password for the api'

let t: TestPlatform
beforeAll(async () => {
  t = await startTestPlatform()
})
afterAll(() => t.close())

/** An anonymous client's CSRF token and cookie, as a single-page app gets them. */
async function anonymousCsrf(): Promise<{ cookie: string; csrf: string }> {
  const res = await t.app.request('/api/v1/sessions/csrf')
  const line = res.headers.getSetCookie().find((l) => l.startsWith('emblem_csrf='))!
  return { cookie: line.split(';')[0]!, csrf: (await readJson(res)).csrfToken }
}

const postSession = async (body: unknown, ip = '203.0.113.1') => {
  const { cookie, csrf } = await anonymousCsrf()
  return t.app.request(
    '/api/v1/sessions',
    { method: 'POST', headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) },
    fromIp(ip),
  )
}

describe('GET /api/v1/me', () => {
  it('shows the user and every organization they belong to with their role, and no other', async () => {
    const owner = await t.seedUser()
    const mine = await t.seedOrg({ owner, name: 'Alpha', withKey: false })
    const theirs = await t.seedOrg({ owner, name: 'Beta', withKey: false })
    for (const role of ROLES) {
      const user = await t.seedUser({ name: `As ${role}` })
      if (role !== 'owner') await t.seedMember(mine, user, role)
      else await t.seedMember(theirs, user, 'viewer')
      const body = await readJson(await t.request('/api/v1/me', { as: user }))
      expect(body.user).toEqual({ id: user.userId, email: user.email, name: `As ${role}`, emailVerified: true, emailVerifiedAt: t.clock.now().toISOString(), createdAt: t.clock.now().toISOString() })
      expect(body.organizations).toEqual(
        role === 'owner' ? [{ id: theirs.id, slug: theirs.slug, name: 'Beta', role: 'viewer' }] : [{ id: mine.id, slug: mine.slug, name: 'Alpha', role }],
      )
    }
    const both = await readJson(await t.request('/api/v1/me', { as: owner }))
    expect(both.organizations.map((o: { name: string; role: string }) => [o.name, o.role])).toEqual([
      ['Alpha', 'owner'],
      ['Beta', 'owner'],
    ])
    expect(JSON.stringify(both)).not.toMatch(/argon2|password/i)
  })

  it('answers 401 to anonymous requests and to API keys, which act for an organization, not a person', async () => {
    const owner = await t.seedUser()
    const org = await t.seedOrg({ owner, withKey: false })
    for (const role of ['admin', 'issuer', 'viewer'] as const) {
      const res = await t.request('/api/v1/me', { as: await t.seedApiKey(org, role) })
      expect(res.status).toBe(401)
      expect((await readJson(res)).code).toBe('ERR_UNAUTHENTICATED')
    }
    const anonymous = await t.request('/api/v1/me')
    expect(anonymous.status).toBe(401)
    expect(anonymous.headers.get('content-type')).toBe('application/problem+json')
  })
})

describe('PATCH /api/v1/me', () => {
  it('renames the user', async () => {
    const user = await t.seedUser({ name: 'Before' })
    const res = await t.request('/api/v1/me', { as: user, method: 'PATCH', json: { name: '  After  ' } })
    expect(res.status).toBe(200)
    expect((await readJson(res)).user.name).toBe('After')
    expect((await readJson(await t.request('/api/v1/me', { as: user }))).user.name).toBe('After')
  })

  it('names the field at fault, refuses unknown fields and malformed JSON', async () => {
    const user = await t.seedUser()
    const empty = await t.request('/api/v1/me', { as: user, method: 'PATCH', json: { name: '' } })
    expect(empty.status).toBe(400)
    expect(await readJson(empty)).toMatchObject({ code: 'ERR_INPUT_INVALID', detail: 'name: Enter your name' })
    const wrongType = await t.request('/api/v1/me', { as: user, method: 'PATCH', json: { name: 42 } })
    expect((await readJson(wrongType)).detail).toMatch(/^name: /)
    const extra = await t.request('/api/v1/me', { as: user, method: 'PATCH', json: { name: 'Ok', email: 'new@example.org' } })
    expect(extra.status).toBe(400)
    expect((await readJson(extra)).detail).toMatch(/email/)
    const malformed = await t.request('/api/v1/me', { as: user, method: 'PATCH', body: '{"name":', headers: { 'content-type': 'application/json' } })
    expect(malformed.status).toBe(400)
    expect((await readJson(malformed)).code).toBe('ERR_JSON_PARSE')
  })

  it('refuses a cookie-authenticated PATCH without the CSRF header, anonymous requests and API keys', async () => {
    const user = await t.seedUser({ name: 'Kept' })
    const noCsrf = await t.app.request('/api/v1/me', { method: 'PATCH', headers: { cookie: user.cookie, 'content-type': 'application/json' }, body: '{"name":"Changed"}' })
    expect(noCsrf.status).toBe(403)
    const owner = await t.seedUser()
    const org = await t.seedOrg({ owner, withKey: false })
    expect((await t.request('/api/v1/me', { as: await t.seedApiKey(org, 'admin'), method: 'PATCH', json: { name: 'X' } })).status).toBe(401)
    expect((await t.request('/api/v1/me', { method: 'PATCH', json: { name: 'X' } })).status).toBe(403) // anonymous: no CSRF token either
    expect((await readJson(await t.request('/api/v1/me', { as: user }))).user.name).toBe('Kept')
  })
})

describe('POST /api/v1/sessions', () => {
  it('signs in, sets the session cookie and returns the user with the CSRF token for later writes', async () => {
    const user = await t.seedUser({ email: 'api.user@example.org', password: PASSWORD })
    const res = await postSession({ email: 'API.User@example.org', password: PASSWORD })
    expect(res.status).toBe(201)
    expect(res.headers.get('location')).toBe('/api/v1/sessions/current')
    expect(setCookieLine(res, SESSION_COOKIE)).toMatch(/HttpOnly; SameSite=Lax/)
    const body = await readJson(res)
    expect(body.user).toMatchObject({ id: user.userId, email: 'api.user@example.org' })
    expect(body.expiresAt).toBe(new Date(t.clock.now().getTime() + 30 * 86_400_000).toISOString())
    const session = { ...user, cookie: `${SESSION_COOKIE}=${sessionTokenOf(res)}`, csrf: body.csrfToken }
    expect((await t.request('/api/v1/me', { as: session, method: 'PATCH', json: { name: 'Via API' } })).status).toBe(200)

    const signOut = await t.request('/api/v1/sessions/current', { as: session, method: 'DELETE' })
    expect(signOut.status).toBe(204)
    expect(setCookieLine(signOut, SESSION_COOKIE)).toMatch(/Max-Age=0/)
    expect((await t.request('/api/v1/me', { as: session })).status).toBe(401)
    expect((await t.request('/api/v1/sessions/current', { as: session, method: 'DELETE' })).status).toBe(403) // anonymous now: its CSRF token is gone
  })

  it('answers 401 with one message for a wrong password and an unknown address', async () => {
    const user = await t.seedUser({ password: PASSWORD })
    const wrong = await postSession({ email: user.email, password: 'not it at all' }, '203.0.113.2')
    const unknown = await postSession({ email: 'nobody@example.org', password: 'not it at all' }, '203.0.113.2')
    expect(wrong.status).toBe(401)
    expect(unknown.status).toBe(401)
    expect((await readJson(wrong)).detail).toBe((await readJson(unknown)).detail)
    expect(sessionTokenOf(wrong)).toBeUndefined()
  })

  it('answers 429 with Retry-After after 5 failures for one address from one IP', async () => {
    const user = await t.seedUser({ password: PASSWORD })
    for (let i = 0; i < 5; i++) expect((await postSession({ email: user.email, password: 'wrong one here' }, '203.0.113.3')).status).toBe(401)
    const locked = await postSession({ email: user.email, password: PASSWORD }, '203.0.113.3')
    expect(locked.status).toBe(429)
    expect(locked.headers.get('retry-after')).toBe('900')
    expect((await readJson(locked)).code).toBe('ERR_RATE_LIMITED')
  })

  it('validates the body, and refuses a POST without the anonymous CSRF token', async () => {
    expect((await readJson(await postSession({ email: 'a@example.org' }))).detail).toMatch(/^password: /)
    expect((await readJson(await postSession('not json'))).code).toBe('ERR_JSON_PARSE')
    const noCsrf = await t.request('/api/v1/sessions', { method: 'POST', json: { email: 'a@example.org', password: PASSWORD } })
    expect(noCsrf.status).toBe(403)
  })

  it('refuses DELETE /sessions/current to anonymous requests and API keys', async () => {
    const owner = await t.seedUser()
    const org = await t.seedOrg({ owner, withKey: false })
    expect((await t.request('/api/v1/sessions/current', { as: await t.seedApiKey(org, 'admin'), method: 'DELETE' })).status).toBe(401)
    const { cookie, csrf } = await anonymousCsrf()
    expect((await t.app.request('/api/v1/sessions/current', { method: 'DELETE', headers: { cookie, 'x-csrf-token': csrf } })).status).toBe(401)
  })
})
