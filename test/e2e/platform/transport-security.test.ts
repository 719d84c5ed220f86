// Issue #11 item 7: the anonymous CSRF cookie was never Secure behind TLS (the proxy talks http to
// us), and HSTS was sent over plain http. Both follow the public URL now.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CSRF_COOKIE } from '../../../src/http/auth/tokens.js'
import { startTestPlatform, type TestPlatform } from '../../support/platform.js'
import { setCookieLine } from './account-helpers.js'

describe('behind TLS (public URL https://…, requests arriving as http from the proxy)', () => {
  let t: TestPlatform
  beforeAll(async () => {
    t = await startTestPlatform({ publicUrl: 'https://badges.example.edu' })
  })
  afterAll(() => t.close())

  it('sets the anonymous CSRF cookie Secure, HttpOnly, SameSite=Lax', async () => {
    const res = await t.app.request('http://badges.example.edu/api/v1/sessions/csrf')
    const line = setCookieLine(res, CSRF_COOKIE)
    expect(line).toBeDefined()
    expect(line).toMatch(/; Secure/)
    expect(line).toMatch(/; HttpOnly/)
    expect(line).toMatch(/; SameSite=Lax/)
    const page = await t.app.request('http://badges.example.edu/sign-in', { headers: { accept: 'text/html' } })
    expect(setCookieLine(page, CSRF_COOKIE)).toMatch(/; Secure/)
  })

  it('sends HSTS on pages, the API and errors', async () => {
    for (const path of ['/', '/api/v1/sessions/csrf', '/healthz', '/no-such-page']) {
      const res = await t.app.request(`http://badges.example.edu${path}`)
      expect(res.headers.get('strict-transport-security'), path).toBe('max-age=15552000; includeSubDomains')
    }
  })
})

describe('over plain http (public URL http://localhost:3000)', () => {
  let t: TestPlatform
  beforeAll(async () => {
    t = await startTestPlatform({ publicUrl: 'http://localhost:3000' })
  })
  afterAll(() => t.close())

  it('sets the anonymous CSRF cookie without Secure (a browser would drop it over http)', async () => {
    const line = setCookieLine(await t.app.request('/api/v1/sessions/csrf'), CSRF_COOKIE)
    expect(line).toBeDefined()
    expect(line).not.toMatch(/Secure/)
  })

  it('sends no HSTS, while the other security headers stay', async () => {
    for (const path of ['/', '/api/v1/sessions/csrf', '/healthz', '/no-such-page']) {
      const res = await t.app.request(path)
      expect(res.headers.get('strict-transport-security'), path).toBeNull()
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff')
      expect(res.headers.get('content-security-policy'), path).toMatch(/frame-ancestors 'none'/)
    }
  })
})
