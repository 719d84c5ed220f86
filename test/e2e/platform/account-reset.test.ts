import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { verifyPassword } from '../../../src/app/accounts/index.js'
import { SESSION_COOKIE } from '../../../src/http/auth/tokens.js'
import { startTestPlatform, type TestPlatform } from '../../support/platform.js'
import { anonymousBrowser, getPage, linkIn, mailTo, postForm, sessionTokenOf, signInWithForm } from './account-helpers.js'

const OLD = 'old but gold password'
const NEW = 'brand new password 2026'

let t: TestPlatform
beforeAll(async () => {
  t = await startTestPlatform()
})
afterAll(() => t.close())

const sessionsOf = (userId: string) => t.store.db.selectFrom('sessions').select('id_hash').where('user_id', '=', userId).execute()
const passwordHashOf = async (userId: string) => (await t.store.db.selectFrom('users').select('password_hash').where('id', '=', userId).executeTakeFirstOrThrow()).password_hash

describe('password reset', () => {
  it('mails a one-hour link, and using it ends every old session and signs the user in fresh', async () => {
    const user = await t.seedUser({ password: OLD, verified: false })
    const laptop = await signInWithForm(t, user.email, OLD)
    expect(await sessionsOf(user.userId)).toHaveLength(2)

    const ask = await postForm(t, '/forgot-password', { email: user.email.toUpperCase() }, anonymousBrowser())
    expect(ask.status).toBe(303)
    expect(ask.headers.get('location')).toBe('/forgot-password/sent')
    // No SMTP and no administrator on the test platform: the page says so rather than claim a message went out.
    const sent = await (await getPage(t, '/forgot-password/sent')).text()
    expect(sent).toContain('data-mail-route="held"')
    expect(sent).toContain('This server has no e-mail delivery and no administrator to read held messages')
    const [mail] = await mailTo(t, user.email)
    expect(mail!.subject).toBe('Reset your Emblem password')
    const link = linkIn(mail!.text, 'reset-password')

    const form = await getPage(t, link)
    expect(form.status).toBe(200)
    const formHtml = await form.text()
    expect(formHtml).toContain('Choose a new password')
    const token = new URL(link, 'http://x').searchParams.get('token')!
    expect(formHtml).toContain(`name="token" value="${token}"`)

    const weak = await postForm(t, '/reset-password', { token, password: 'short' }, anonymousBrowser())
    expect(weak.status).toBe(422)
    expect(await weak.text()).toContain('Use at least 10 characters')

    const done = await postForm(t, '/reset-password', { token, password: NEW }, anonymousBrowser())
    expect(done.status).toBe(303)
    expect(done.headers.get('location')).toBe('/account?notice=password-reset')
    const fresh = sessionTokenOf(done)!
    expect(fresh).toBeDefined()
    const sessions = await sessionsOf(user.userId)
    expect(sessions).toHaveLength(1)
    expect((await t.request('/api/v1/me', { as: user })).status).toBe(401)
    expect((await t.app.request('/api/v1/me', { headers: { cookie: laptop.cookie } })).status).toBe(401)
    const account = await getPage(t, '/account?notice=password-reset', { cookie: `${SESSION_COOKIE}=${fresh}` })
    expect(account.status).toBe(200)
    const page = await account.text()
    expect(page).toContain('Your password is changed and you are signed in')
    expect(page).toContain('Confirmed') // the link proved the mailbox

    expect(await verifyPassword(await passwordHashOf(user.userId), NEW)).toBe(true)
    expect((await postForm(t, '/sign-in', { email: user.email, password: OLD }, anonymousBrowser('192.0.2.200'))).status).toBe(401)
    expect((await postForm(t, '/sign-in', { email: user.email, password: NEW }, anonymousBrowser('192.0.2.200'))).status).toBe(303)

    const reused = await postForm(t, '/reset-password', { token, password: 'third password here' }, anonymousBrowser())
    expect(reused.status).toBe(400)
    expect(await reused.text()).toContain('Get a new link')
    expect((await getPage(t, link)).status).toBe(400)
    expect(await verifyPassword(await passwordHashOf(user.userId), NEW)).toBe(true)
  })

  it('says the same for an address without an account, and mails nothing', async () => {
    const res = await postForm(t, '/forgot-password', { email: 'ghost@example.org' }, anonymousBrowser())
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/forgot-password/sent')
    expect(await mailTo(t, 'ghost@example.org')).toHaveLength(0)
  })

  it('asks again for a malformed address', async () => {
    const res = await postForm(t, '/forgot-password', { email: 'ghost' }, anonymousBrowser())
    expect(res.status).toBe(422)
    expect(await res.text()).toContain('Enter an e-mail address like name@example.org')
  })

  it('lets a link expire after an hour, and one used link kills the others', async () => {
    const user = await t.seedUser({ password: OLD })
    await postForm(t, '/forgot-password', { email: user.email }, anonymousBrowser())
    t.clock.advance(3_600_000 + 1)
    const [expired] = await mailTo(t, user.email)
    const expiredLink = linkIn(expired!.text, 'reset-password')
    expect((await getPage(t, expiredLink)).status).toBe(400)
    const token = new URL(expiredLink, 'http://x').searchParams.get('token')!
    expect((await postForm(t, '/reset-password', { token, password: NEW }, anonymousBrowser())).status).toBe(400)

    await postForm(t, '/forgot-password', { email: user.email }, anonymousBrowser())
    await postForm(t, '/forgot-password', { email: user.email }, anonymousBrowser())
    const [, second, third] = await mailTo(t, user.email)
    const tokenOf = (text: string) => new URL(linkIn(text, 'reset-password'), 'http://x').searchParams.get('token')!
    expect((await postForm(t, '/reset-password', { token: tokenOf(third!.text), password: NEW }, anonymousBrowser())).status).toBe(303)
    expect((await getPage(t, linkIn(second!.text, 'reset-password'))).status).toBe(400)
  })
})

describe('the account page', () => {
  it('shows the name, address, confirmation state and organizations with roles', async () => {
    const user = await t.seedUser({ name: 'Katherine Johnson', verified: false })
    const owner = await t.seedUser()
    const org = await t.seedOrg({ owner, name: 'NASA <Langley>', withKey: false })
    await t.seedMember(org, user, 'issuer')
    await t.seedOrg({ owner, name: 'Not Hers', withKey: false })
    const page = await (await t.request('/account', { as: user })).text()
    expect(page).toContain('Katherine Johnson')
    expect(page).toContain(user.email)
    expect(page).toContain('Not confirmed')
    expect(page).toContain('Send a new confirmation link')
    expect(page).toMatch(new RegExp(`<a href="/orgs/${org.slug}/dashboard"><svg[^]*?</svg>NASA &lt;Langley&gt;</a><span class="pill">Issuer</span>`))
    expect(page).not.toContain('Not Hers')
  })

  it('changes the name, and shows the problem next to the field for an empty one', async () => {
    const user = await t.seedUser({ name: 'Old Name' })
    const bad = await postForm(t, '/account/name', { name: '   ' }, { ...user, ip: '192.0.2.1' })
    expect(bad.status).toBe(422)
    expect(await bad.text()).toMatch(/id="field-name-error"[^>]*>.*Enter your name/s)
    const ok = await postForm(t, '/account/name', { name: 'New Name' }, { ...user, ip: '192.0.2.1' })
    expect(ok.status).toBe(303)
    expect(ok.headers.get('location')).toBe('/account?notice=name-changed')
    expect(await (await t.request('/account?notice=name-changed', { as: user })).text()).toContain('Your name is changed.')
    expect((await t.store.db.selectFrom('users').select('name').where('id', '=', user.userId).executeTakeFirstOrThrow()).name).toBe('New Name')
  })

  it('changes the password only with the current one, and ends every other session but this one', async () => {
    const user = await t.seedUser({ password: OLD })
    const phone = await signInWithForm(t, user.email, OLD, '192.0.2.90')
    const wrong = await postForm(t, '/account/password', { currentPassword: 'not my password', newPassword: NEW }, { ...user, ip: '192.0.2.1' })
    expect(wrong.status).toBe(422)
    expect(await wrong.text()).toContain('This is not your current password')
    expect(await sessionsOf(user.userId)).toHaveLength(2)

    const ok = await postForm(t, '/account/password', { currentPassword: OLD, newPassword: NEW }, { ...user, ip: '192.0.2.1' })
    expect(ok.status).toBe(303)
    expect(ok.headers.get('location')).toBe('/account?notice=password-changed')
    expect((await t.request('/api/v1/me', { as: user })).status).toBe(200)
    expect((await t.app.request('/api/v1/me', { headers: { cookie: phone.cookie } })).status).toBe(401)
    expect(await verifyPassword(await passwordHashOf(user.userId), NEW)).toBe(true)
  })

  it('stops guessing the current password after 5 wrong ones', async () => {
    const user = await t.seedUser({ password: OLD })
    for (let i = 0; i < 5; i++) {
      expect((await postForm(t, '/account/password', { currentPassword: `guess ${i} guess`, newPassword: NEW }, { ...user, ip: '192.0.2.1' })).status).toBe(422)
    }
    const locked = await postForm(t, '/account/password', { currentPassword: OLD, newPassword: NEW }, { ...user, ip: '192.0.2.1' })
    expect(locked.status).toBe(429)
    expect(locked.headers.get('retry-after')).toBe('900')
    expect(await verifyPassword(await passwordHashOf(user.userId), OLD)).toBe(true)
  })

  it('signs out everywhere, this browser included', async () => {
    const user = await t.seedUser({ password: OLD })
    const other = await signInWithForm(t, user.email, OLD, '192.0.2.91')
    const res = await postForm(t, '/account/sign-out-everywhere', {}, { ...user, ip: '192.0.2.1' })
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/sign-in?notice=signed-out-everywhere')
    expect(await sessionsOf(user.userId)).toHaveLength(0)
    expect((await t.app.request('/api/v1/me', { headers: { cookie: other.cookie } })).status).toBe(401)
    expect(await (await getPage(t, '/sign-in?notice=signed-out-everywhere')).text()).toContain('You are signed out on every device')
  })

  it('refuses account changes without the CSRF token', async () => {
    const user = await t.seedUser({ name: 'Unchanged' })
    const res = await t.app.request('/account/name', {
      method: 'POST',
      headers: { cookie: user.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'name=Changed',
    })
    expect(res.status).toBe(403)
    expect((await t.store.db.selectFrom('users').select('name').where('id', '=', user.userId).executeTakeFirstOrThrow()).name).toBe('Unchanged')
  })
})
