// Issue #11 item 4: XSS payloads in every user-supplied field shown on a page (organization name,
// description and URL, achievement name, description, criteria and tags, learner name, revoke
// reason, user name), then every page showing them opened in Debian's Chromium, signed in and
// anonymous: nothing executes (window.__xss stays undefined, no dialog opens), no element the
// payloads would create exists (the CSP alone would stop the scripts: the markup must not be there
// either), no javascript: link, and the payloads read as plain text.
import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEFINITION } from '../e2e/platform/issuance-fixture.js'
import { hasChromium, launchBrowser, screenshot } from '../support/browser.js'
import { freePort, waitForServer } from '../support/server-process.js'

const SCRIPT = '<script>window.__xss=1</script>'
const IMG = '"><img src=x onerror=window.__xss=1>'
const JS_URL = 'javascript:window.__xss=1'
/** What the page holds that the payloads could have made (evaluated in the page: this project's TypeScript has no DOM types). */
const INSPECT = `({
  xss: window.__xss,
  injectedImages: document.querySelectorAll('img[src="x"], img[onerror]').length,
  injectedScripts: [...document.scripts].filter((s) => (s.textContent || '').includes('__xss')).length,
  handlers: [...document.querySelectorAll('*')].filter((el) => [...el.attributes].some((a) => a.name.startsWith('on'))).length,
  javascriptLinks: [...document.querySelectorAll('[href], [src], [action], [formaction]')].filter((el) =>
    ['href', 'src', 'action', 'formaction'].some((name) => /^\\s*javascript:/i.test(el.getAttribute(name) || '')),
  ).length,
  text: document.body.innerText,
})`

/** A value carrying both markup payloads, under a field's length limit. */
const both = (label: string) => `${label} ${SCRIPT} ${IMG}`

interface Demo {
  org: string
  apiKey: string
  email: string
  password: string
}

describe.skipIf(!hasChromium)('user-supplied text on every page', () => {
  let dir: string
  let server: ChildProcess
  let browser: Browser
  let base: string
  let demo: Demo
  let achievementId: string
  let active: string
  let revoked: string

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'emblem-xss-'))
    const port = await freePort()
    base = `http://127.0.0.1:${port}`
    const env = { ...process.env, EMBLEM_DATA_DIR: dir, PORT: String(port), EMBLEM_PUBLIC_URL: base, EMBLEM_LOG_LEVEL: 'silent' }
    const { stdout } = await promisify(execFile)('node', ['bin/emblem.mjs', 'demo', '--credentials', '2', '--json'], { env })
    demo = JSON.parse(stdout) as Demo
    server = spawn('node', ['bin/emblem.mjs', 'serve'], { env, stdio: 'ignore' })
    await waitForServer(base, 30_000)
    const api = async (method: string, path: string, body?: unknown, headers: Record<string, string> = { authorization: `Bearer ${demo.apiKey}` }) => {
      const res = await fetch(`${base}/api/v1${path}`, { method, headers: { ...headers, 'content-type': 'application/json' }, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) })
      return { status: res.status, body: (await res.json().catch(() => ({}))) as Record<string, any> }
    }
    // A signed-in session for what only a person may change (the organization profile, their own name).
    const csrfRes = await fetch(`${base}/api/v1/sessions/csrf`)
    const anonCookie = csrfRes.headers.getSetCookie()[0]!.split(';')[0]!
    const { csrfToken: anonToken } = (await csrfRes.json()) as { csrfToken: string }
    const signIn = await fetch(`${base}/api/v1/sessions`, { method: 'POST', headers: { cookie: anonCookie, 'x-csrf-token': anonToken, 'content-type': 'application/json' }, body: JSON.stringify({ email: demo.email, password: demo.password }) })
    expect(signIn.status).toBe(201)
    const session = { cookie: signIn.headers.getSetCookie().map((l) => l.split(';')[0]).join('; '), 'x-csrf-token': ((await signIn.json()) as { csrfToken: string }).csrfToken }

    // javascript: URLs are refused where a URL is asked for.
    const jsUrl = await api('PATCH', `/orgs/${demo.org}`, { url: JS_URL }, session)
    expect(jsUrl.status, JSON.stringify(jsUrl.body)).toBe(400)
    expect((await api('POST', `/orgs/${demo.org}/achievements`, { ...DEFINITION, criteria: { id: JS_URL, narrative: 'x' } }, session)).status).toBe(400)
    const org = await api('PATCH', `/orgs/${demo.org}`, { name: both('Org'), description: both('About'), url: `https://example.org/?q=${encodeURIComponent(IMG)}` }, session)
    expect(org.status, JSON.stringify(org.body)).toBe(200)
    const me = await api('PATCH', '/me', { name: both('User') }, session)
    expect(me.status, JSON.stringify(me.body)).toBe(200)

    const badge = await api('POST', `/orgs/${demo.org}/images/design`, { title: 'XSS' }, session)
    expect(badge.status, JSON.stringify(badge.body)).toBe(201)
    const achievement = await api('POST', `/orgs/${demo.org}/achievements`, {
      ...DEFINITION,
      name: both('Badge'),
      description: both('Description'),
      criteria: { narrative: both('Criteria') },
      tag: [SCRIPT, IMG],
      imageId: badge.body['id'],
    }, session)
    expect(achievement.status, JSON.stringify(achievement.body)).toBe(201)
    achievementId = achievement.body['id'] as string
    expect((await api('POST', `/orgs/${demo.org}/achievements/${achievementId}/publish`, undefined, session)).status).toBe(200)
    const issue = async (email: string) => {
      const res = await api('POST', `/orgs/${demo.org}/achievements/${achievementId}/credentials`, { recipient: { email, name: both('Learner') } })
      expect(res.status, JSON.stringify(res.body)).toBe(201)
      return (res.body['id'] as string).replace('urn:uuid:', '')
    }
    active = await issue('xss-active@example.org')
    revoked = await issue('xss-revoked@example.org')
    const revoke = await api('POST', `/orgs/${demo.org}/credentials/urn:uuid:${revoked}/revoke`, { reason: both('Reason') })
    expect(revoke.status, JSON.stringify(revoke.body)).toBeLessThan(300)
    browser = await launchBrowser()
  }, 180_000)

  afterAll(async () => {
    await browser?.close()
    server?.kill('SIGTERM')
    await rm(dir, { recursive: true, force: true })
  })

  async function signIn(page: Page) {
    await page.goto(`${base}/sign-in`)
    await page.fill('input[name=email]', demo.email)
    await page.fill('input[name=password]', demo.password)
    await Promise.all([page.waitForURL(/dashboard/), page.click('main button[type=submit]')])
  }

  /** Opens each path and checks nothing from the payloads runs or becomes markup; returns the visible text of each. */
  async function visit(paths: string[], signedIn: boolean): Promise<Map<string, string>> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
    const page = await context.newPage()
    const dialogs: string[] = []
    page.on('dialog', (d) => {
      dialogs.push(d.message())
      void d.dismiss()
    })
    if (signedIn) await signIn(page)
    const texts = new Map<string, string>()
    for (const path of paths) {
      const res = await page.goto(`${base}${path}`)
      expect(res?.status(), path).toBeLessThan(400)
      await page.waitForLoadState('load')
      const found = (await page.evaluate(INSPECT)) as { xss: unknown; injectedImages: number; injectedScripts: number; handlers: number; javascriptLinks: number; text: string }
      expect(found.xss, `${path}: window.__xss`).toBeUndefined()
      expect(found.injectedImages, `${path}: injected <img>`).toBe(0)
      expect(found.injectedScripts, `${path}: injected <script>`).toBe(0)
      expect(found.handlers, `${path}: inline event handlers`).toBe(0)
      expect(found.javascriptLinks, `${path}: javascript: URLs`).toBe(0)
      texts.set(path, found.text)
      await screenshot(page, `xss/${signedIn ? 'in' : 'out'}${path.replace(/[^a-z0-9]+/gi, '-')}`)
    }
    expect(dialogs, 'dialogs opened').toEqual([])
    await context.close()
    return texts
  }

  /** Whether the page shows a payload as the literal text it was typed as. */
  const showsLiterally = (text: string) => text.includes(SCRIPT) || text.includes(IMG.trim())

  it('runs nothing on the pages of the organization, its achievements and credentials, signed in', async () => {
    const pages = [
      '/dashboard',
      `/orgs/${demo.org}/dashboard`,
      `/orgs/${demo.org}/settings`,
      `/orgs/${demo.org}/members`,
      `/orgs/${demo.org}/achievements`,
      `/orgs/${demo.org}/achievements/${achievementId}`,
      `/orgs/${demo.org}/achievements/${achievementId}/edit`,
      `/orgs/${demo.org}/issue`,
      `/orgs/${demo.org}/credentials`,
      `/orgs/${demo.org}/credentials/urn:uuid:${active}`,
      `/orgs/${demo.org}/credentials/urn:uuid:${revoked}`,
      `/orgs/${demo.org}/outbox`,
      '/account',
      `/orgs/${demo.org}`,
      `/c/${active}`,
      `/c/${revoked}`,
    ]
    const texts = await visit(pages, true)
    // The payloads are there, as text, where each field is shown.
    for (const [path, label] of [
      [`/orgs/${demo.org}/settings`, 'Org'],
      [`/orgs/${demo.org}/achievements`, 'Badge'],
      [`/orgs/${demo.org}/achievements/${achievementId}`, 'Criteria'],
      [`/orgs/${demo.org}/credentials`, 'Learner'],
      [`/orgs/${demo.org}/credentials/urn:uuid:${revoked}`, 'Reason'],
      ['/account', 'User'],
    ] as const) {
      const text = texts.get(path)!
      expect(text, `${path} shows the ${label} payload`).toContain(label)
      expect(showsLiterally(text), `${path} shows the payload as text`).toBe(true)
    }
  }, 240_000)

  it('runs nothing on the public pages, anonymous', async () => {
    const texts = await visit([`/orgs/${demo.org}`, `/c/${active}`, `/c/${revoked}`, '/'], false)
    for (const path of [`/orgs/${demo.org}`, `/c/${active}`]) {
      expect(texts.get(path), path).toContain('Badge')
      expect(showsLiterally(texts.get(path)!), `${path} shows the payload as text`).toBe(true)
    }
  }, 120_000)
})
