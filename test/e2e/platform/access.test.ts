import { Hono } from 'hono'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { requireOrg, requireUser } from '../../../src/http/auth/require.js'
import { readJson, startTestPlatform, type TestPlatform } from '../../support/platform.js'

// The one access check every organization route uses, exercised through a probe route mounted on
// the real app (same middleware: authenticate, CSRF).
let t: TestPlatform
beforeAll(async () => {
  t = await startTestPlatform()
  const probe = new Hono()
    .get('/probe/me', (c) => c.json({ email: requireUser(c).email }))
    .get('/probe/orgs/:org', async (c) => c.json(await requireOrg(c, c.req.param('org'), 'viewer')))
    .post('/probe/orgs/:org/issue', async (c) => c.json(await requireOrg(c, c.req.param('org'), 'issuer')))
  t.app.route('/', probe)
})
afterAll(() => t.close())

describe('authentication and organization access', () => {
  it('answers 401 with a problem body to anonymous requests', async () => {
    const res = await t.request('/probe/me')
    expect(res.status).toBe(401)
    expect(res.headers.get('content-type')).toBe('application/problem+json')
    expect((await readJson(res)).code).toBe('ERR_UNAUTHENTICATED')
  })

  it('knows a signed-in user by the session cookie', async () => {
    const alice = await t.seedUser({ email: 'Alice@Example.edu' })
    const res = await t.request('/probe/me', { as: alice })
    expect(await readJson(res)).toEqual({ email: 'alice@example.edu' })
  })

  it('hides an organization from non-members as 404, and refuses a role too low as 403', async () => {
    const owner = await t.seedUser()
    const stranger = await t.seedUser()
    const viewer = await t.seedUser()
    const org = await t.seedOrg({ owner })
    await t.seedMember(org, viewer, 'viewer')
    expect((await t.request(`/probe/orgs/${org.slug}`, { as: owner })).status).toBe(200)
    expect((await t.request(`/probe/orgs/${org.slug}`, { as: stranger })).status).toBe(404)
    expect((await t.request(`/probe/orgs/no-such-org`, { as: stranger })).status).toBe(404)
    expect((await t.request(`/probe/orgs/${org.slug}`, { as: viewer })).status).toBe(200)
    const low = await t.request(`/probe/orgs/${org.slug}/issue`, { as: viewer, method: 'POST' })
    expect(low.status).toBe(403)
    expect((await readJson(low)).code).toBe('ERR_FORBIDDEN')
  })

  it('lets an API key act only in its own organization, with its role', async () => {
    const owner = await t.seedUser()
    const a = await t.seedOrg({ owner })
    const b = await t.seedOrg({ owner })
    const key = await t.seedApiKey(a, 'issuer')
    expect((await t.request(`/probe/orgs/${a.slug}/issue`, { as: key, method: 'POST' })).status).toBe(200)
    expect((await t.request(`/probe/orgs/${b.slug}`, { as: key })).status).toBe(404)
    const bogus = await t.request(`/probe/orgs/${a.slug}`, { as: `${key.slice(0, -4)}AAAA` })
    expect(bogus.status).toBe(401)
    expect((await t.request(`/probe/orgs/${a.slug}`, { headers: { authorization: 'Basic abc' } })).status).toBe(401)
  })

  it('refuses a cookie-authenticated POST without the CSRF token', async () => {
    const owner = await t.seedUser()
    const org = await t.seedOrg({ owner })
    const res = await t.app.request(`/probe/orgs/${org.slug}/issue`, { method: 'POST', headers: { cookie: owner.cookie } })
    expect(res.status).toBe(403)
    expect((await readJson(res)).code).toBe('ERR_CSRF')
    const form = await t.app.request(`/probe/orgs/${org.slug}/issue`, {
      method: 'POST',
      headers: { cookie: owner.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: `_csrf=${owner.csrf}`,
    })
    expect(form.status).toBe(200)
  })

  it('does not accept a session after it expires', async () => {
    const user = await t.seedUser()
    t.clock.advance(31 * 86_400_000)
    expect((await t.request('/probe/me', { as: user })).status).toBe(401)
    t.clock.advance(-31 * 86_400_000)
  })
})

describe('CSRF on forms and uploads', () => {
  /** A multipart body with `_csrf` first and a file of `size` bytes after it, made as it is read; counts what was pulled. */
  function multipart(token: string, size: number) {
    const boundary = 'emblem-test-boundary'
    const head = new TextEncoder().encode(`--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${token}\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.csv"\r\nContent-Type: text/csv\r\n\r\n`)
    const chunk = new Uint8Array(64 * 1024).fill(0x61)
    let sent = 0
    let pulled = 0
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pulled === 0) controller.enqueue(head)
        else if (sent < size) {
          controller.enqueue(chunk)
          sent += chunk.byteLength
        } else {
          controller.enqueue(new TextEncoder().encode(`\r\n--${boundary}--\r\n`))
          controller.close()
        }
        pulled++
      },
    })
    return { body, type: `multipart/form-data; boundary=${boundary}`, pulledBytes: () => sent }
  }

  it('checks the token of a multipart form before reading its file, and never takes it from the URL', async () => {
    const owner = await t.seedUser()
    const org = await t.seedOrg({ owner })
    const forged = multipart('not-the-token', 100 * 1024 * 1024)
    const refused = await t.app.request(`/probe/orgs/${org.slug}/issue`, { method: 'POST', headers: { cookie: owner.cookie, 'content-type': forged.type }, body: forged.body, duplex: 'half' } as RequestInit)
    expect(refused.status).toBe(403)
    expect((await readJson(refused)).code).toBe('ERR_CSRF')
    expect(forged.pulledBytes()).toBeLessThan(1024 * 1024)
    const viaQuery = await t.app.request(`/probe/orgs/${org.slug}/issue?_csrf=${owner.csrf}`, {
      method: 'POST',
      headers: { cookie: owner.cookie, 'content-type': 'multipart/form-data; boundary=x' },
      body: '--x--',
    })
    expect(viaQuery.status).toBe(403)
    const genuine = multipart(owner.csrf, 1024)
    const accepted = await t.app.request(`/probe/orgs/${org.slug}/issue`, { method: 'POST', headers: { cookie: owner.cookie, 'content-type': genuine.type }, body: genuine.body, duplex: 'half' } as RequestInit)
    expect(accepted.status).toBe(200)
  })

  it('refuses an oversized url-encoded form, declared or not, and answers a malformed multipart form with 400', async () => {
    const owner = await t.seedUser()
    const org = await t.seedOrg({ owner })
    const declared = await t.app.request(`/probe/orgs/${org.slug}/issue`, {
      method: 'POST',
      headers: { cookie: owner.cookie, 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(9 * 1024 * 1024) },
      body: `_csrf=${owner.csrf}`,
    })
    expect(declared.status).toBe(413)
    expect((await readJson(declared)).detail).toContain('A form is at most 1048576 bytes')
    const unmeasured = await t.app.request(`/probe/orgs/${org.slug}/issue`, {
      method: 'POST',
      headers: { cookie: owner.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: `_csrf=${owner.csrf}&filler=${'a'.repeat(9 * 1024 * 1024)}`,
    })
    expect(unmeasured.status).toBe(413)
    const broken = await t.app.request(`/probe/orgs/${org.slug}/issue`, {
      method: 'POST',
      headers: { cookie: owner.cookie, 'content-type': 'multipart/form-data' },
      body: '--x\r\nnot a part',
    })
    expect(broken.status).toBe(400)
    expect((await readJson(broken)).code).toBe('ERR_INPUT_INVALID')
    const cut = await t.app.request(`/probe/orgs/${org.slug}/issue`, {
      method: 'POST',
      headers: { cookie: owner.cookie, 'content-type': 'multipart/form-data; boundary=x' },
      body: `--x\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${owner.csrf}`,
    })
    expect(cut.status).toBe(400)
  })
})
