// Issue #8 item 12: without SMTP, account mail is honest and usable. The instance's own messages
// (confirmations, resets) are readable by its administrators (EMBLEM_ADMIN_EMAILS) at /admin/outbox
// and GET /api/v1/admin/outbox; the pages say where a link went; EMBLEM_DEV prints such messages to
// the log; and an organization needs a confirmed e-mail address, on the page and in the API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../../src/config.js'
import { instanceMailRoute } from '../../../src/app/mail/instance-outbox.js'
import { startDevMailLog } from '../../../src/jobs/dev-mail-log.js'
import { SESSION_COOKIE } from '../../../src/http/auth/tokens.js'
import { readJson, startTestPlatform, type TestPlatform } from '../../support/platform.js'
import { anonymousBrowser, getPage, linkIn, postForm, sessionTokenOf } from './account-helpers.js'

const PASSWORD = 'a long and unusual passphrase 42'

describe('EMBLEM_ADMIN_EMAILS and EMBLEM_DEV', () => {
  it('reads a comma-separated list of addresses, lower-cased, and the development flag', () => {
    const config = loadConfig({}, { EMBLEM_ADMIN_EMAILS: ' Ops@Example.org, root@example.org ,,ops@example.org', EMBLEM_DEV: '1' })
    expect(config.adminEmails).toEqual(['ops@example.org', 'root@example.org'])
    expect(config.dev).toBe(true)
    expect(loadConfig({}, {}).adminEmails).toEqual([])
    expect(loadConfig({}, {}).dev).toBe(false)
    expect(() => loadConfig({}, { EMBLEM_ADMIN_EMAILS: 'ops@example.org, not an address' })).toThrow(/EMBLEM_ADMIN_EMAILS/)
  })
})

describe('the instance outbox, with an administrator and no SMTP', () => {
  let t: TestPlatform
  beforeAll(async () => {
    t = await startTestPlatform({ config: { adminEmails: ['ops@example.org'] } })
  })
  afterAll(() => t.close())

  it('tells a new user their link waits for the administrator, who reads it (clickable) on the page and in the API', async () => {
    const signUp = await postForm(t, '/sign-up', { name: 'Nadia Newcomer', email: 'nadia@example.org', password: PASSWORD }, anonymousBrowser())
    expect(signUp.status).toBe(303)
    const check = await (await getPage(t, signUp.headers.get('location')!)).text()
    expect(check).toContain('data-mail-route="admin-outbox"')
    expect(check).toContain('Your confirmation link is waiting in this server’s outbox')
    expect(check).not.toContain('We sent a message')

    const admin = await t.seedUser({ email: 'ops@example.org' })
    const page = await t.request('/admin/outbox', { as: admin, headers: { accept: 'text/html' } })
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).toContain('Confirm your e-mail address for Emblem')
    expect(html).toContain('nadia@example.org')
    const link = /<a href="(http:\/\/localhost:3000\/verify-email\?token=[A-Za-z0-9_%-]+)" target="_blank" rel="noopener noreferrer">/.exec(html)?.[1]
    expect(link).toBeDefined()
    expect((await getPage(t, new URL(link!).pathname + new URL(link!).search)).status).toBe(200)

    const api = await t.request('/api/v1/admin/outbox?limit=1', { as: admin })
    expect(api.status).toBe(200)
    const body = await readJson(api)
    expect(body).toMatchObject({ scope: 'all', items: [{ to: 'nadia@example.org', state: 'held', subject: 'Confirm your e-mail address for Emblem' }] })
    expect(body.items[0].text).toContain('/verify-email?token=')
  })

  it('shows organizations’ mail nowhere here, and pages through older messages', async () => {
    for (const n of [1, 2]) await postForm(t, '/sign-up', { name: `Learner ${n}`, email: `learner${n}@example.org`, password: PASSWORD }, anonymousBrowser(`198.51.100.${20 + n}`))
    const owner = await t.seedUser()
    const org = await t.seedOrg({ owner })
    await t.request(`/api/v1/orgs/${org.slug}/invitations`, { as: owner, method: 'POST', json: { email: 'guest@example.org', role: 'viewer' } })
    const ops = (await t.store.db.selectFrom('users').select('id').where('email', '=', 'ops@example.org').executeTakeFirstOrThrow()).id
    const { items } = await t.platform.instanceOutbox.list(ops, { limit: 50 })
    expect(items.every((m) => m.orgId === undefined)).toBe(true)
    expect(items.map((m) => m.to)).not.toContain('guest@example.org')
    const first = await t.platform.instanceOutbox.list(ops, { limit: 1 })
    expect(first.next).toBeDefined()
    const second = await t.platform.instanceOutbox.list(ops, { limit: 1, before: first.next })
    expect(second.items[0]!.id).not.toBe(first.items[0]!.id)
  })

  it('says a new confirmation link waits for the administrator, and answers too many with 429 on the account page', async () => {
    await postForm(t, '/sign-up', { name: 'Resending Rita', email: 'rita@example.org', password: PASSWORD }, anonymousBrowser())
    const signIn = await postForm(t, '/sign-in', { email: 'rita@example.org', password: PASSWORD }, anonymousBrowser())
    const cookie = `${SESSION_COOKIE}=${sessionTokenOf(signIn)}`
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await (await getPage(t, '/account', { cookie })).text())![1]!
    const browser = { cookie, csrf, ip: '198.51.100.7' }
    const first = await postForm(t, '/verify-email/resend', {}, browser)
    expect(first.headers.get('location')).toBe('/account?notice=verification-outbox')
    expect(await (await getPage(t, first.headers.get('location')!, { cookie })).text()).toContain('A new confirmation link is waiting in this server’s outbox for its administrator')
    for (let i = 0; i < 3; i++) expect((await postForm(t, '/verify-email/resend', {}, browser)).status).toBe(303)
    const limited = await postForm(t, '/verify-email/resend', {}, browser)
    expect(limited.status).toBe(429)
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(await limited.text()).toMatch(/We sent several links in the last hour[^<]*ask again in \d+ minutes/)
  })

  it('refuses everyone else: 403 page and problem, 401 anonymous', async () => {
    const someone = await t.seedUser()
    const page = await t.request('/admin/outbox', { as: someone, headers: { accept: 'text/html' } })
    expect(page.status).toBe(403)
    expect(await page.text()).toContain('Only this instance’s administrators can read its outbox')
    const api = await t.request('/api/v1/admin/outbox', { as: someone })
    expect(api.status).toBe(403)
    expect(api.headers.get('content-type')).toContain('application/problem+json')
    expect((await t.request('/api/v1/admin/outbox')).status).toBe(401)
  })

  it('shows an administrator whose address is not confirmed only the messages sent to them', async () => {
    const u = await startTestPlatform({ config: { adminEmails: ['late-admin@example.org'] } })
    try {
      await postForm(u, '/sign-up', { name: 'Someone Else', email: 'else@example.org', password: PASSWORD }, anonymousBrowser())
      await postForm(u, '/sign-up', { name: 'Late Admin', email: 'late-admin@example.org', password: PASSWORD }, anonymousBrowser())
      const signIn = await postForm(u, '/sign-in', { email: 'late-admin@example.org', password: PASSWORD }, anonymousBrowser())
      const cookie = `${SESSION_COOKIE}=${sessionTokenOf(signIn)}`
      const html = await (await getPage(u, '/admin/outbox', { cookie })).text()
      expect(html).toContain('you see only the messages sent to you')
      expect(html).toContain('late-admin@example.org')
      expect(html).not.toContain('else@example.org')
      const verify = linkIn(html.replaceAll('&amp;', '&'), 'verify-email')
      expect((await getPage(u, verify)).status).toBe(200)
      expect(await (await getPage(u, '/admin/outbox', { cookie })).text()).toContain('else@example.org')
    } finally {
      await u.close()
    }
  })
})

describe('where the link went, on each kind of server', () => {
  it('says "we sent" only with SMTP, points to the log in development, and admits when nobody can read it', async () => {
    const t = await startTestPlatform()
    try {
      expect(instanceMailRoute({ smtpConfigured: true, adminEmails: ['a@example.org'], devMailLog: true })).toBe('email')
      expect(instanceMailRoute({ smtpConfigured: false, adminEmails: ['a@example.org'], devMailLog: true })).toBe('admin-outbox')
      expect(instanceMailRoute({ smtpConfigured: false, adminEmails: [], devMailLog: true })).toBe('server-log')
      expect(instanceMailRoute({ smtpConfigured: false, adminEmails: [], devMailLog: false })).toBe('held')
      const held = await (await getPage(t, '/sign-up/check-email')).text()
      expect(held).toContain('data-mail-route="held"')
      expect(held).toContain('No e-mail could be sent')
      expect(held).not.toContain('We sent a message')
    } finally {
      await t.close()
    }
  })

  it('prints held instance mail, links included, to the log once (EMBLEM_DEV), never organizations’ mail', async () => {
    const t = await startTestPlatform()
    try {
      const printed: { to: string; links: readonly string[] }[] = []
      const printer = startDevMailLog({ platform: t.ports, print: (entry, links) => printed.push({ to: entry.to, links }) })
      t.handle.onWake('mail', printer.notify)
      await postForm(t, '/sign-up', { name: 'Dev Dora', email: 'dora@example.org', password: PASSWORD }, anonymousBrowser())
      await printer.settled()
      printer.notify()
      await printer.settled()
      await printer.stop()
      expect(printed).toHaveLength(1)
      expect(printed[0]!.to).toBe('dora@example.org')
      expect(printed[0]!.links[0]).toMatch(/^http:\/\/localhost:3000\/verify-email\?token=/)
    } finally {
      await t.close()
    }
  })
})

describe('creating an organization needs a confirmed e-mail address', () => {
  let t: TestPlatform
  beforeAll(async () => {
    t = await startTestPlatform()
  })
  afterAll(() => t.close())

  it('refuses in the API with a 403 problem that says why', async () => {
    const user = await t.seedUser({ verified: false })
    const res = await t.request('/api/v1/orgs', { as: user, method: 'POST', json: { name: 'Unconfirmed Academy' } })
    expect(res.status).toBe(403)
    expect(res.headers.get('content-type')).toContain('application/problem+json')
    expect((await readJson(res)).detail).toContain('Confirm your e-mail address before creating an organization')
    expect(await t.store.db.selectFrom('organizations').selectAll().where('name', '=', 'Unconfirmed Academy').execute()).toHaveLength(0)
  })

  it('explains on the page and offers a new confirmation link; a posted form is refused with 403', async () => {
    const user = await t.seedUser({ verified: false })
    const page = await (await t.request('/orgs/new', { as: user, headers: { accept: 'text/html' } })).text()
    expect(page).toContain('Confirm your e-mail address first')
    expect(page).toContain('action="/verify-email/resend"')
    expect(page).not.toContain('action="/orgs/new"')
    const posted = await t.submitForm('/orgs/new', { name: 'Sneaky College', slug: '' }, user)
    expect(posted.status).toBe(403)
    expect(await posted.text()).toContain('Confirm your e-mail address first')
    expect(await t.store.db.selectFrom('organizations').selectAll().where('name', '=', 'Sneaky College').execute()).toHaveLength(0)
  })

  it('lets the same user create it once the address is confirmed', async () => {
    const user = await t.seedUser({ verified: false })
    await t.store.db.updateTable('users').set({ email_verified_at: t.clock.now().toISOString() }).where('id', '=', user.userId).execute()
    const res = await t.request('/api/v1/orgs', { as: user, method: 'POST', json: { name: 'Confirmed College' } })
    expect(res.status).toBe(201)
  })
})
