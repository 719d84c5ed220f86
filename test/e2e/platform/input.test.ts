import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readJson, startTestPlatform, type TestPlatform } from '../../support/platform.js'

// The one input module (src/http/request.ts) as clients meet it: every body capped while it is
// read, and field errors in the problem body.
let t: TestPlatform
beforeAll(async () => {
  t = await startTestPlatform()
})
afterAll(() => t.close())

const MB = 1024 * 1024
/** An anonymous client's double-submit CSRF pair, as GET /api/v1/sessions/csrf hands out. */
const ANON = 'abcdefghijklmnopqrstuvwxyz012345'
const anonymous = { cookie: `emblem_csrf=${ANON}`, 'x-csrf-token': ANON }

/** A body of `size` bytes made as it is read, 64 KB at a time; `pulled()` says how much was read. */
function lazyBody(size: number, fill = 0x20) {
  const chunk = new Uint8Array(64 * 1024).fill(fill)
  let sent = 0
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= size) return controller.close()
      controller.enqueue(chunk)
      sent += chunk.byteLength
    },
  })
  return { body, pulled: () => sent }
}

describe('body caps', () => {
  it('refuses a 400 MB sign-in body with 413 without reading it, declared or not, and memory stays flat', async () => {
    const heapBefore = process.memoryUsage().heapUsed
    const declared = lazyBody(400 * MB)
    const withLength = await t.app.request('/api/v1/sessions', {
      method: 'POST',
      headers: { ...anonymous, 'content-type': 'application/json', 'content-length': String(400 * MB) },
      body: declared.body,
      duplex: 'half',
    } as RequestInit)
    expect(withLength.status).toBe(413)
    expect((await readJson(withLength)).code).toBe('ERR_INPUT_TOO_LARGE')
    expect(declared.pulled()).toBeLessThanOrEqual(64 * 1024) // the stream's own read-ahead, never the body
    const chunked = lazyBody(400 * MB)
    const withoutLength = await t.app.request('/api/v1/sessions', { method: 'POST', headers: { ...anonymous, 'content-type': 'application/json' }, body: chunked.body, duplex: 'half' } as RequestInit)
    expect(withoutLength.status).toBe(413)
    expect(chunked.pulled()).toBeLessThanOrEqual(MB)
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(64 * MB)
  })

  it('caps the sign-in and sign-up forms and every organization JSON route', async () => {
    const owner = await t.seedUser()
    const org = await t.seedOrg({ owner })
    for (const path of ['/sign-in', '/sign-up']) {
      const body = lazyBody(50 * MB, 0x61)
      const res = await t.app.request(path, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: 'emblem_csrf=abcdefghijklmnopqrstuvwxyz012345' }, body: body.body, duplex: 'half' } as RequestInit)
      expect(res.status).toBe(413)
      expect(body.pulled()).toBeLessThanOrEqual(2 * MB)
    }
    for (const [method, path] of [
      ['PATCH', `/api/v1/orgs/${org.slug}`],
      ['POST', `/api/v1/orgs/${org.slug}/invitations`],
      ['POST', `/api/v1/orgs/${org.slug}/api-keys`],
      ['POST', '/api/v1/orgs'],
      ['PATCH', '/api/v1/me'],
    ] as const) {
      const body = lazyBody(50 * MB)
      const res = await t.app.request(path, { method, headers: { 'content-type': 'application/json', cookie: owner.cookie, 'x-csrf-token': owner.csrf }, body: body.body, duplex: 'half' } as RequestInit)
      expect(res.status, `${method} ${path}`).toBe(413)
      expect(body.pulled()).toBeLessThanOrEqual(2 * MB)
    }
  })

  it('answers nesting past 64 levels with 400, never 500', async () => {
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`
    const res = await t.request('/api/v1/sessions', { method: 'POST', body: deep, headers: { ...anonymous, 'content-type': 'application/json' } })
    expect(res.status).toBe(400)
    expect((await readJson(res)).code).toBe('ERR_INPUT_TOO_DEEP')
  })
})

describe('field errors', () => {
  it('lists every field at fault in the problem body, with a path, a stable code and the message', async () => {
    const res = await t.request('/api/v1/sessions', { method: 'POST', json: { email: 42, extra: true }, headers: anonymous })
    expect(res.status).toBe(400)
    const problem = await readJson(res)
    expect(problem).toMatchObject({ code: 'ERR_INPUT_INVALID', status: 400, title: 'Invalid input', type: 'urn:emblem:problem:err-input-invalid' })
    expect(problem.errors).toEqual([
      { path: 'email', code: 'invalid_type', message: expect.any(String) },
      { path: 'password', code: 'required', message: expect.any(String) },
      { path: '', code: 'unknown_field', message: 'unknown field(s) extra' },
    ])
  })

  it('carries the use cases’ field errors: an organization’s profile, an invitation, an award', async () => {
    const owner = await t.seedUser()
    const org = await t.seedOrg({ owner })
    const profile = await readJson(await t.request(`/api/v1/orgs/${org.slug}`, { as: owner, method: 'PATCH', json: { url: 'ftp://x', email: 'nope', name: '' } }))
    expect(profile.errors).toEqual(
      expect.arrayContaining([
        { path: 'url', code: 'invalid_url', message: 'enter a web address starting with https:// or http://' },
        { path: 'email', code: 'invalid_email', message: 'enter an e-mail address like name@example.org' },
        { path: 'name', code: 'required', message: "enter the organization's name" },
      ]),
    )
    const member = await readJson(await t.request(`/api/v1/orgs/${org.slug}/invitations`, { as: owner, method: 'POST', json: { email: owner.email, role: 'admin' } }))
    expect(member).toMatchObject({ status: 409, code: 'ERR_CONFLICT', errors: [{ path: 'email', code: 'taken', message: expect.stringContaining('already a member') }] })
    const signUp = await readJson(await t.request('/api/v1/me', { as: owner, method: 'PATCH', json: { name: ' ' } }))
    expect(signUp.errors).toEqual([{ path: 'name', code: 'required', message: 'Enter your name' }])
  })
})
