import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SESSION_COOKIE } from '../../../src/http/auth/tokens.js'
import { startTestPlatform, type TestPlatform } from '../../support/platform.js'
import { anonymousBrowser, getPage, postForm, sessionTokenOf } from './account-helpers.js'

const PASSWORD = 'seven swans a-swimming'
const FIFTEEN_MINUTES = 15 * 60_000

let t: TestPlatform
beforeAll(async () => {
  t = await startTestPlatform()
})
afterAll(() => t.close())

describe('signing in', () => {
  it('refuses a wrong password and an unknown address with the same words, keeping the e-mail in the form', async () => {
    const user = await t.seedUser({ password: PASSWORD })
    const wrong = await postForm(t, '/sign-in', { email: user.email, password: 'not the password' }, anonymousBrowser('192.0.2.1'))
    const unknown = await postForm(t, '/sign-in', { email: 'nobody@example.org', password: 'not the password' }, anonymousBrowser('192.0.2.1'))
    for (const res of [wrong, unknown]) {
      expect(res.status).toBe(401)
      expect(sessionTokenOf(res)).toBeUndefined()
    }
    const [wrongPage, unknownPage] = [await wrong.text(), await unknown.text()]
    expect(wrongPage).toContain('That e-mail address and password do not match an account')
    expect(unknownPage).toContain('That e-mail address and password do not match an account')
    expect(wrongPage).toContain(`value="${user.email}"`)
  })

  it('asks for both fields before checking anything', async () => {
    const res = await postForm(t, '/sign-in', { email: ' ', password: '' }, anonymousBrowser('192.0.2.2'))
    expect(res.status).toBe(422)
    const page = await res.text()
    expect(page).toContain('Enter your e-mail address')
    expect(page).toContain('Enter your password')
  })

  it('locks an (IP, e-mail) pair for 15 minutes after 5 failures, right password included, with Retry-After', async () => {
    const user = await t.seedUser({ password: PASSWORD })
    const ip = '192.0.2.10'
    for (let i = 0; i < 5; i++) {
      expect((await postForm(t, '/sign-in', { email: user.email, password: `wrong guess ${i}` }, anonymousBrowser(ip))).status).toBe(401)
      t.clock.advance(1000)
    }
    const locked = await postForm(t, '/sign-in', { email: user.email, password: PASSWORD }, anonymousBrowser(ip))
    expect(locked.status).toBe(429)
    expect(locked.headers.get('retry-after')).toBe(String(FIFTEEN_MINUTES / 1000 - 5))
    expect(await locked.text()).toContain('Too many attempts. Try again in 15 minutes.')
    expect(sessionTokenOf(locked)).toBeUndefined()

    // Another address from the same IP, and the same address from another IP, are not locked.
    const other = await t.seedUser({ password: PASSWORD })
    expect((await postForm(t, '/sign-in', { email: other.email, password: PASSWORD }, anonymousBrowser(ip))).status).toBe(303)
    expect((await postForm(t, '/sign-in', { email: user.email, password: PASSWORD }, anonymousBrowser('192.0.2.11'))).status).toBe(303)

    // The window frees a slot when the first failure is 15 minutes old.
    t.clock.advance(FIFTEEN_MINUTES - 5000 - 1)
    expect((await postForm(t, '/sign-in', { email: user.email, password: PASSWORD }, anonymousBrowser(ip))).status).toBe(429)
    t.clock.advance(1)
    const open = await postForm(t, '/sign-in', { email: user.email, password: PASSWORD }, anonymousBrowser(ip))
    expect(open.status).toBe(303)
    expect(sessionTokenOf(open)).toBeDefined()
  })

  it('forgets the failures of an (IP, e-mail) pair after a successful sign-in', async () => {
    const user = await t.seedUser({ password: PASSWORD })
    const ip = '192.0.2.30'
    for (let i = 0; i < 4; i++) await postForm(t, '/sign-in', { email: user.email, password: 'wrong guess' }, anonymousBrowser(ip))
    expect((await postForm(t, '/sign-in', { email: user.email, password: PASSWORD }, anonymousBrowser(ip))).status).toBe(303)
    for (let i = 0; i < 4; i++) await postForm(t, '/sign-in', { email: user.email, password: 'wrong guess' }, anonymousBrowser(ip))
    expect((await postForm(t, '/sign-in', { email: user.email, password: PASSWORD }, anonymousBrowser(ip))).status).toBe(303)
  })

  it('locks an IP after 50 failures across any addresses, until the window passes', async () => {
    const ip = '192.0.2.40'
    for (let i = 0; i < 50; i++) {
      expect((await postForm(t, '/sign-in', { email: `spray${i}@example.org`, password: 'password guess' }, anonymousBrowser(ip))).status).toBe(401)
    }
    const user = await t.seedUser({ password: PASSWORD })
    const locked = await postForm(t, '/sign-in', { email: user.email, password: PASSWORD }, anonymousBrowser(ip))
    expect(locked.status).toBe(429)
    expect(Number(locked.headers.get('retry-after'))).toBe(FIFTEEN_MINUTES / 1000)
    t.clock.advance(FIFTEEN_MINUTES)
    expect((await postForm(t, '/sign-in', { email: user.email, password: PASSWORD }, anonymousBrowser(ip))).status).toBe(303)
  })

  it('does not trust X-Forwarded-For to pick the IP it counts', async () => {
    const user = await t.seedUser({ password: PASSWORD })
    const send = (forwarded: string, password: string) =>
      t.app.request(
        '/sign-in',
        {
          method: 'POST',
          headers: { cookie: 'emblem_csrf=abcdefghijklmnopqrstuvwxyz012345', 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': forwarded },
          body: new URLSearchParams({ _csrf: 'abcdefghijklmnopqrstuvwxyz012345', email: user.email, password }).toString(),
        },
        { incoming: { socket: { remoteAddress: '192.0.2.50' } } },
      )
    for (let i = 0; i < 5; i++) expect((await send(`203.0.113.${i}`, 'wrong guess')).status).toBe(401)
    expect((await send('203.0.113.99', PASSWORD)).status).toBe(429)
  })

  it('follows a local next after sign-in, and refuses to send anyone to another site', async () => {
    const user = await t.seedUser({ password: PASSWORD })
    const signIn = (next: string) => postForm(t, `/sign-in?next=${encodeURIComponent(next)}`, { email: user.email, password: PASSWORD }, anonymousBrowser('192.0.2.60'))
    expect((await signIn('/orgs/demo/achievements?state=draft')).headers.get('location')).toBe('/orgs/demo/achievements?state=draft')
    for (const evil of ['https://evil.example', '//evil.example/x', '/\\evil.example', 'javascript:alert(1)', '/\t/evil.example', 'dashboard']) {
      const res = await signIn(evil)
      expect(res.status).toBe(303)
      expect(res.headers.get('location')).toBe('/dashboard')
    }
    const page = await (await getPage(t, `/sign-in?next=${encodeURIComponent('https://evil.example')}`)).text()
    // Only the language switcher echoes the page's own local path; no link or form leads to the other site.
    expect(page).not.toMatch(/(href|action)="[^"]*evil\.example/)
    expect(page).toContain('<form action="/sign-in" method="post"')
  })

  it('sends a signed-in visitor of the sign-in and sign-up pages on to where they were going', async () => {
    const user = await t.seedUser()
    const res = await t.request('/sign-in?next=%2Faccount', { as: user })
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/account')
    expect((await t.request('/sign-up', { as: user })).headers.get('location')).toBe('/dashboard')
  })

  it('refuses a sign-in form without the CSRF token, or with another browser’s', async () => {
    const user = await t.seedUser({ password: PASSWORD })
    const missing = await t.app.request('/sign-in', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
      body: new URLSearchParams({ email: user.email, password: PASSWORD }).toString(),
    })
    expect(missing.status).toBe(403)
    expect(sessionTokenOf(missing)).toBeUndefined()
    const mine = anonymousBrowser('192.0.2.70')
    const forged = await postForm(t, '/sign-in', { email: user.email, password: PASSWORD }, { ...mine, csrf: anonymousBrowser().csrf })
    expect(forged.status).toBe(403)
  })

  it('sends an anonymous visitor of the account page to sign in and back', async () => {
    const res = await getPage(t, '/account')
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/sign-in?next=%2Faccount')
  })

  it('signs out with the header form, and then the old cookie is anonymous', async () => {
    const user = await t.seedUser()
    const res = await postForm(t, '/sign-out', {}, { cookie: user.cookie, csrf: user.csrf, ip: '192.0.2.80' })
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/sign-in?notice=signed-out')
    const after = await getPage(t, '/account', { cookie: user.cookie })
    expect(after.status).toBe(303)
    expect(res.headers.getSetCookie().some((l) => l.startsWith(`${SESSION_COOKIE}=;`))).toBe(true)
  })
})
