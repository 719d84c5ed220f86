import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { verifyPassword } from '../../../src/app/accounts/index.js'
import { SESSION_COOKIE } from '../../../src/http/auth/tokens.js'
import { hashSecret } from '../../../src/app/platform/secret-token.js'
import { hasPostgres, readJson, startTestPlatform, type TestPlatform } from '../../support/platform.js'
import { anonymousBrowser, getPage, linkIn, mailTo, postForm, sessionTokenOf, setCookieLine } from './account-helpers.js'

const PASSWORD = 'plum tree at dusk 42'

/** Sign up → e-mail with a working link → verify → sign in → session cookie → sign out, on one store. */
function signUpFlow(dialect: 'sqlite' | 'postgres') {
  let t: TestPlatform
  beforeAll(async () => {
    t = await startTestPlatform({ dialect })
  })
  afterAll(() => t.close())

  it('signs up, verifies the e-mail from the link in the outbox, signs in with a fresh cookie and signs out', async () => {
    const browser = anonymousBrowser()
    const signUp = await postForm(t, '/sign-up?next=%2Forgs%2Fnew', { name: 'Ada Lovelace', email: '  Ada.Lovelace@Example.ORG ', password: PASSWORD }, browser)
    expect(signUp.status).toBe(303)
    expect(signUp.headers.get('location')).toBe('/sign-up/check-email?next=%2Forgs%2Fnew')
    expect(sessionTokenOf(signUp)).toBeUndefined()
    const checkEmail = await getPage(t, signUp.headers.get('location')!, browser)
    expect(await checkEmail.text()).toContain('Check your e-mail')

    const user = await t.store.db.selectFrom('users').selectAll().where('email', '=', 'ada.lovelace@example.org').executeTakeFirstOrThrow()
    expect(user.name).toBe('Ada Lovelace')
    expect(user.email_verified_at).toBeNull()
    expect(user.password_hash).toMatch(/^\$argon2id\$/)
    expect(await verifyPassword(user.password_hash, PASSWORD)).toBe(true)

    const [mail, ...more] = await mailTo(t, 'ada.lovelace@example.org')
    expect(more).toHaveLength(0)
    expect(mail).toMatchObject({ state: 'held', from_name: 'Emblem', subject: 'Confirm your e-mail address for Emblem', org_id: null })
    const link = linkIn(mail!.text, 'verify-email')
    expect(mail!.html).toContain(`href="http://localhost:3000${link}"`)
    const token = new URL(link, 'http://x').searchParams.get('token')!
    const stored = await t.store.db.selectFrom('user_tokens').selectAll().where('user_id', '=', user.id).executeTakeFirstOrThrow()
    expect(stored.token_hash).toBe(hashSecret(token))
    expect(stored.purpose).toBe('verify-email')
    expect(Date.parse(stored.expires_at) - t.clock.now().getTime()).toBe(24 * 3_600_000)

    const verified = await getPage(t, link)
    expect(verified.status).toBe(200)
    expect(await verified.text()).toContain('your e-mail address is confirmed')
    const after = await t.store.db.selectFrom('users').select('email_verified_at').where('id', '=', user.id).executeTakeFirstOrThrow()
    expect(after.email_verified_at).toBe(t.clock.now().toISOString())
    const again = await getPage(t, link)
    expect(again.status).toBe(200)
    expect(await again.text()).toContain('already confirmed')

    const signIn = await postForm(t, '/sign-in?next=%2Forgs%2Fnew', { email: 'ADA.lovelace@example.org', password: PASSWORD }, browser)
    expect(signIn.status).toBe(303)
    expect(signIn.headers.get('location')).toBe('/orgs/new')
    const cookieLine = setCookieLine(signIn, SESSION_COOKIE)!
    expect(cookieLine).toMatch(/; HttpOnly/)
    expect(cookieLine).toMatch(/; SameSite=Lax/)
    expect(cookieLine).toMatch(/; Path=\//)
    expect(cookieLine).toMatch(/; Max-Age=2592000/)
    expect(cookieLine).not.toMatch(/; Secure/)
    const sessionToken = sessionTokenOf(signIn)!
    expect(Buffer.from(sessionToken, 'base64url')).toHaveLength(32)
    const sessions = await t.store.db.selectFrom('sessions').selectAll().where('user_id', '=', user.id).execute()
    expect(sessions.map((s) => s.id_hash)).toEqual([hashSecret(sessionToken)])

    const cookie = `${SESSION_COOKIE}=${sessionToken}`
    const me = await t.app.request('/api/v1/me', { headers: { cookie } })
    expect(await readJson(me)).toMatchObject({ user: { email: 'ada.lovelace@example.org', name: 'Ada Lovelace', emailVerified: true }, organizations: [] })

    const accountHtml = await (await getPage(t, '/account', { cookie })).text()
    const csrf = /name="_csrf" value="([^"]+)"/.exec(accountHtml)![1]!
    expect(csrf).toBe(sessions[0]!.csrf_token)
    const signOut = await postForm(t, '/sign-out', {}, { cookie, csrf, ip: browser.ip })
    expect(signOut.status).toBe(303)
    expect(setCookieLine(signOut, SESSION_COOKIE)).toMatch(/Max-Age=0/)
    expect(await t.store.db.selectFrom('sessions').selectAll().where('user_id', '=', user.id).execute()).toHaveLength(0)
    expect((await t.app.request('/api/v1/me', { headers: { cookie } })).status).toBe(401)
  })

  it('creates nothing for a taken address, even when two sign-ups race for a new one', async () => {
    const owner = await t.seedUser({ email: `owner-${dialect}@example.org`, password: PASSWORD })
    const again = await postForm(t, '/sign-up', { name: 'Again', email: owner.email, password: 'some other password' }, anonymousBrowser())
    expect(again.status).toBe(303)
    expect(await verifyPassword((await t.store.db.selectFrom('users').select('password_hash').where('id', '=', owner.userId).executeTakeFirstOrThrow()).password_hash, PASSWORD)).toBe(true)
    const racing = await Promise.all(
      ['first racer', 'second racer'].map((name) => postForm(t, '/sign-up', { name, email: `race-${dialect}@example.org`, password: PASSWORD }, anonymousBrowser())),
    )
    expect(racing.map((r) => r.status)).toEqual([303, 303])
    expect(await t.store.db.selectFrom('users').selectAll().where('email', '=', `race-${dialect}@example.org`).execute()).toHaveLength(1)
    const mails = await mailTo(t, `race-${dialect}@example.org`)
    expect(mails.map((m) => m.subject).sort()).toEqual(['Confirm your e-mail address for Emblem', 'Someone tried to create an Emblem account with your address'])
  })

  it('gives each sign-in its own session, and replaces the session the browser came with', async () => {
    const user = await t.seedUser({ password: PASSWORD })
    const first = await postForm(t, '/sign-in', { email: user.email, password: PASSWORD }, anonymousBrowser('198.51.100.20'))
    const second = await postForm(t, '/sign-in', { email: user.email, password: PASSWORD }, anonymousBrowser('198.51.100.21'))
    expect(sessionTokenOf(first)).not.toBe(sessionTokenOf(second))
    const rows = await t.store.db.selectFrom('sessions').select('id_hash').where('user_id', '=', user.userId).execute()
    expect(rows).toHaveLength(3) // the seeded one and the two sign-ins
    // Signing in again from a signed-in browser rotates its session: the old token stops working.
    const rotated = await postForm(t, '/sign-in', { email: user.email, password: PASSWORD }, { cookie: user.cookie, csrf: user.csrf, ip: '198.51.100.22' })
    expect(rotated.status).toBe(303)
    expect((await t.request('/api/v1/me', { as: user })).status).toBe(401)
    expect((await t.app.request('/api/v1/me', { headers: { cookie: `${SESSION_COOKIE}=${sessionTokenOf(rotated)}` } })).status).toBe(200)
  })
}

describe('sign up and sign in (SQLite)', () => {
  signUpFlow('sqlite')
})

describe.skipIf(!hasPostgres)('sign up and sign in (PostgreSQL)', () => {
  signUpFlow('postgres')
})

describe('the sign-up form', () => {
  let t: TestPlatform
  beforeAll(async () => {
    t = await startTestPlatform()
  })
  afterAll(() => t.close())

  it('shows each problem next to its field, keeps the name and e-mail, and never echoes the password', async () => {
    const res = await postForm(t, '/sign-up', { name: '', email: 'not-an-address', password: 'short' }, anonymousBrowser())
    expect(res.status).toBe(422)
    const page = await res.text()
    expect(page).toContain('role="alert"')
    expect(page).toMatch(/id="field-name-error"[^>]*>.*Enter your name/s)
    expect(page).toMatch(/id="field-email-error"[^>]*>.*Enter an e-mail address like name@example.org/s)
    expect(page).toMatch(/id="field-password-error"[^>]*>.*Use at least 10 characters/s)
    expect(page).toMatch(/<input\s+id="field-email"[^>]*value="not-an-address"[^>]*aria-describedby="field-email-hint field-email-error"[^>]*aria-invalid="true"/s)
    expect(page).not.toContain('value="short"')
    expect(await t.store.db.selectFrom('users').selectAll().execute()).toHaveLength(0)
  })

  it('refuses the e-mail address and very common passwords as passwords', async () => {
    const asEmail = await postForm(t, '/sign-up', { name: 'Grace', email: 'grace.hopper@example.org', password: 'Grace.Hopper@example.org' }, anonymousBrowser())
    expect(asEmail.status).toBe(422)
    expect(await asEmail.text()).toMatch(/id="field-password-error"[^]*not your e-mail address/)
    const common = await postForm(t, '/sign-up', { name: 'Grace', email: 'grace.hopper@example.org', password: 'Password123' }, anonymousBrowser())
    expect(common.status).toBe(422)
    expect(await common.text()).toMatch(/id="field-password-error"[^]*not a very common password/)
  })

  it('escapes a name with a script tag on the page and in the e-mail', async () => {
    const name = '<script>alert(1)</script>'
    const res = await postForm(t, '/sign-up', { name, email: 'mallory@example.org', password: PASSWORD }, anonymousBrowser())
    expect(res.status).toBe(303)
    const [mail] = await mailTo(t, 'mallory@example.org')
    expect(mail!.html).not.toContain('<script>')
    expect(mail!.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    const errorPage = await (await postForm(t, '/sign-up', { name, email: 'bad', password: PASSWORD }, anonymousBrowser())).text()
    expect(errorPage).not.toContain('<script>alert(1)</script>')
    expect(errorPage).toContain('value="&lt;script&gt;alert(1)&lt;/script&gt;"')
  })

  it('answers a sign-up with a taken address exactly like a new one, and tells the owner instead', async () => {
    const owner = await t.seedUser({ email: 'taken@example.org', name: 'Owner', password: PASSWORD })
    const res = await postForm(t, '/sign-up', { name: 'Impostor', email: 'Taken@Example.org', password: 'another long password' }, anonymousBrowser())
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/sign-up/check-email')
    const users = await t.store.db.selectFrom('users').selectAll().where('email', '=', 'taken@example.org').execute()
    expect(users).toHaveLength(1)
    expect(users[0]!.name).toBe('Owner')
    expect(await verifyPassword(users[0]!.password_hash, PASSWORD)).toBe(true)
    const [mail] = await mailTo(t, owner.email)
    expect(mail!.subject).toBe('Someone tried to create an Emblem account with your address')
    expect(mail!.text).toContain('http://localhost:3000/forgot-password')
  })

  it('sends a taken address at most five such e-mails an hour', async () => {
    await t.seedUser({ email: 'popular@example.org' })
    for (let i = 0; i < 7; i++) {
      const res = await postForm(t, '/sign-up', { name: 'X', email: 'popular@example.org', password: PASSWORD }, anonymousBrowser())
      expect(res.status).toBe(303)
    }
    expect(await mailTo(t, 'popular@example.org')).toHaveLength(5)
  })

  it('refuses a sign-up form without the CSRF token', async () => {
    const res = await t.app.request('/sign-up', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
      body: new URLSearchParams({ name: 'Eve', email: 'eve@example.org', password: PASSWORD }).toString(),
    })
    expect(res.status).toBe(403)
    expect(await res.text()).toContain('ERR_CSRF')
    expect(await mailTo(t, 'eve@example.org')).toHaveLength(0)
  })
})

describe('e-mail verification links', () => {
  let t: TestPlatform
  beforeAll(async () => {
    t = await startTestPlatform()
  })
  afterAll(() => t.close())

  it('stop working after 24 hours, and a signed-in user can ask for a new one', async () => {
    await postForm(t, '/sign-up', { name: 'Late Larry', email: 'larry@example.org', password: PASSWORD }, anonymousBrowser())
    const [first] = await mailTo(t, 'larry@example.org')
    t.clock.advance(24 * 3_600_000 + 1000)
    const expired = await getPage(t, linkIn(first!.text, 'verify-email'))
    expect(expired.status).toBe(400)
    expect(await expired.text()).toContain('expired')

    const signIn = await postForm(t, '/sign-in', { email: 'larry@example.org', password: PASSWORD }, anonymousBrowser())
    expect(signIn.status).toBe(303)
    const cookie = `${SESSION_COOKIE}=${sessionTokenOf(signIn)}`
    const account = await (await getPage(t, '/account', { cookie })).text()
    expect(account).toContain('Not confirmed')
    const csrf = /name="_csrf" value="([^"]+)"/.exec(account)![1]!
    const resend = await postForm(t, '/verify-email/resend', {}, { cookie, csrf, ip: '198.51.100.7' })
    expect(resend.status).toBe(303)
    // Without SMTP or an administrator the account page says the link cannot reach anyone (not "we sent").
    expect(resend.headers.get('location')).toBe('/account?notice=verification-held')
    expect(await (await getPage(t, resend.headers.get('location')!, { cookie })).text()).toContain('this server has no e-mail delivery and no administrator')
    const mails = await mailTo(t, 'larry@example.org')
    expect(mails).toHaveLength(2)
    expect((await getPage(t, linkIn(mails[1]!.text, 'verify-email'))).status).toBe(200)
    expect(await (await getPage(t, '/account', { cookie })).text()).toContain('Confirmed')
  })

  it('answers a made-up token with a 400 page that says what to do', async () => {
    const res = await getPage(t, '/verify-email?token=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')
    expect(res.status).toBe(400)
    expect(await res.text()).toContain('Sign in to get a new link')
    expect((await getPage(t, '/verify-email')).status).toBe(400)
  })
})

describe('session cookies over https', () => {
  it('are marked Secure when the public URL is https', async () => {
    const t = await startTestPlatform({ publicUrl: 'https://emblem.example' })
    try {
      const user = await t.seedUser({ password: PASSWORD })
      const res = await postForm(t, '/sign-in', { email: user.email, password: PASSWORD }, anonymousBrowser())
      expect(setCookieLine(res, SESSION_COOKIE)).toMatch(/; Secure/)
    } finally {
      await t.close()
    }
  })
})
