// Issue #11 item 4, continued over the fields added since test/browser/xss.test.ts: program title,
// summary, prerequisites and requirement titles, a learner's evidence text and link, review feedback,
// an employer's organization name, saved search name and message text, wallet collection names,
// public profile headline and bio, webhook endpoint URL and description, an OAuth client's name and
// URIs (anyone may register one) on the consent page and under Account › Connected apps, and trusted
// issuer names. The demo is seeded, its rows are overwritten with the payloads straight in the
// database (what an attacker's input would leave if a form let it through), and every page showing
// them is opened in Debian's Chromium as the person who sees it: nothing executes, no markup the
// payloads would make exists, no javascript: link, and only https addresses of an OAuth client
// become links.
import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { createHash, randomBytes, randomUUID } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import BetterSqlite3 from 'better-sqlite3'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hasChromium, launchBrowser } from '../support/browser.js'
import { freePort, waitForServer } from '../support/server-process.js'

const SCRIPT = '<script>window.__xss=1</script>'
const IMG = '"><img src=x onerror=window.__xss=1>'
const JS_URL = 'javascript:window.__xss=1'
const both = (label: string) => `${label} ${SCRIPT} ${IMG}`
const INSPECT = `({
  xss: window.__xss,
  injectedImages: document.querySelectorAll('img[src="x"], img[onerror]').length,
  injectedScripts: [...document.scripts].filter((s) => s.type !== 'application/ld+json' && (s.textContent || '').includes('__xss')).length,
  dataBlocks: [...document.querySelectorAll('script[type="application/ld+json"]')].map((s) => {
    try { JSON.parse(s.textContent || ''); return 'json' } catch { return 'broken' }
  }),
  handlers: [...document.querySelectorAll('*')].filter((el) => [...el.attributes].some((a) => a.name.startsWith('on'))).length,
  javascriptLinks: [...document.querySelectorAll('[href], [src], [action], [formaction]')].filter((el) =>
    ['href', 'src', 'action', 'formaction'].some((name) => /^\\s*(javascript|data|vbscript):/i.test(el.getAttribute(name) || '')),
  ).length,
  links: [...document.querySelectorAll('a[href]')].map((a) => a.getAttribute('href')),
  text: document.body.innerText,
})`
type Found = { xss: unknown; injectedImages: number; injectedScripts: number; dataBlocks: string[]; handlers: number; javascriptLinks: number; links: string[]; text: string }

interface Demo {
  email: string
  password: string
  learner: { email: string; password: string; handle: string }
  employer: { email: string; password: string; org: string }
}

describe.skipIf(!hasChromium)('the new user-supplied fields on every page that shows them', () => {
  let dir: string
  let server: ChildProcess
  let browser: Browser
  let base: string
  let demo: Demo
  const ids = { programs: [] as string[], enrolment: '', webhook: '' }
  let clientId: string
  let clientBase: string

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'emblem-xss-new-'))
    const port = await freePort()
    base = `http://127.0.0.1:${port}`
    clientBase = `http://localhost:${port}`
    const env = { ...process.env, EMBLEM_DATA_DIR: dir, PORT: String(port), EMBLEM_PUBLIC_URL: base, EMBLEM_LOG_LEVEL: 'silent', EMBLEM_ADMIN_EMAILS: 'demo@example.org' }
    const { stdout } = await promisify(execFile)('node', ['bin/emblem.mjs', 'demo', '--credentials', '1', '--json'], { env })
    demo = JSON.parse(stdout) as Demo

    const db = new BetterSqlite3(join(dir, 'emblem.db'))
    const now = new Date().toISOString()
    const one = <T>(sql: string, ...args: unknown[]) => db.prepare(sql).get(...args) as T
    db.prepare('update programs set title = ?, summary = ?, prerequisites = ?').run(both('Program'), both('Summary'), both('Prerequisites'))
    db.prepare("update program_requirements set title = ? || ' ' || position").run(both('Requirement'))
    db.prepare('update requirement_progress set feedback = ?, submission = ?').run(both('Feedback'), JSON.stringify({ text: both('Evidence'), url: JS_URL }))
    ids.programs = (db.prepare('select id from programs').all() as { id: string }[]).map((r) => r.id)
    ids.enrolment = one<{ id: string }>('select id from enrolments').id
    const employerOrg = one<{ id: string }>('select id from organizations where slug = ?', demo.employer.org).id
    db.prepare('update organizations set name = ? where id = ?').run(both('Employer'), employerOrg)
    db.prepare('update talent_messages set body = ?').run(both('Message'))
    db.prepare('insert into talent_saved_searches (id, org_id, name, query, created_by, created_at) values (?, ?, ?, ?, null, ?)').run(randomUUID(), employerOrg, both('Saved').slice(0, 100), JSON.stringify({ skills: [both('Skill')], match: 'all' }), now)
    const learner = one<{ id: string }>('select id from users where email = ?', demo.learner.email).id
    db.prepare('update learner_profiles set headline = ?, bio = ? where user_id = ?').run(both('Headline').slice(0, 160), both('Bio'), learner)
    db.prepare('insert into wallet_collections (id, user_id, name, description, position, created_at, public) values (?, ?, ?, ?, 0, ?, 1)').run(randomUUID(), learner, both('Collection'), both('About'), now)
    const demoOrg = one<{ id: string }>("select id from organizations where slug = 'demo'").id
    ids.webhook = randomUUID()
    db.prepare('insert into webhook_endpoints (id, org_id, url, description, events, enabled, secret, created_at, updated_at) values (?, ?, ?, ?, ?, 1, ?, ?, ?)').run(
      ids.webhook, demoOrg, JS_URL, both('Hook'), JSON.stringify(['credential.issued']), `whsec_${randomBytes(24).toString('base64')}`, now, now,
    )
    db.prepare("insert into trusted_issuers (id, issuer_id, name, note, source, registry_id, created_at) values (?, 'did:web:evil.example', ?, ?, 'manual', null, ?)").run(randomUUID(), both('Trusted'), both('Note'), now)
    db.close()

    server = spawn('node', ['bin/emblem.mjs', 'serve'], { env, stdio: 'ignore' })
    await waitForServer(base, 60_000)
    // Anyone may register an OAuth client: a name with markup, plain-http addresses (shown as text), an https one (a link).
    const evil = await fetch(`${base}/ims/ob/v3p0/oauth/reg`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ client_name: both('Wallet'), client_uri: JS_URL, redirect_uris: [`${clientBase}/callback`] }),
    })
    expect(evil.status, 'a javascript: client_uri is refused as a 4xx').toBeGreaterThanOrEqual(400)
    expect(evil.status).toBeLessThan(500)
    const reg = await fetch(`${base}/ims/ob/v3p0/oauth/reg`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        client_name: both('Wallet'),
        client_uri: `${clientBase}/`,
        policy_uri: `${clientBase}/privacy`,
        tos_uri: `${clientBase.replace('http:', 'https:')}/terms`,
        logo_uri: `${clientBase}/logo.png`,
        redirect_uris: [`${clientBase}/callback`],
        scope: 'https://purl.imsglobal.org/spec/ob/v3p0/scope/credential.readonly',
      }),
    })
    expect(reg.status, await reg.clone().text()).toBe(201)
    clientId = ((await reg.json()) as { client_id: string }).client_id
    browser = await launchBrowser()
  }, 300_000)

  afterAll(async () => {
    await browser?.close()
    server?.kill('SIGTERM')
    await rm(dir, { recursive: true, force: true })
  })

  async function signIn(page: Page, email: string, password: string) {
    await page.goto(`${base}/sign-in`)
    await page.fill('input[name=email]', email)
    await page.fill('input[name=password]', password)
    await Promise.all([page.waitForURL((url) => !url.pathname.startsWith('/sign-in')), page.click('main button[type=submit]')])
  }

  /** Checks the page open in `page` shows nothing the payloads made; returns what it holds. */
  async function inspect(page: Page, what: string): Promise<Found> {
    await page.waitForLoadState('load')
    const found = (await page.evaluate(INSPECT)) as Found
    expect(found.xss, `${what}: window.__xss`).toBeUndefined()
    expect(found.injectedImages, `${what}: injected <img>`).toBe(0)
    expect(found.injectedScripts, `${what}: injected <script>`).toBe(0)
    expect(found.handlers, `${what}: inline event handlers`).toBe(0)
    // A JSON-LD data block (a program's Course) carries the payload as data: it must stay one whole JSON document.
    expect(found.dataBlocks.filter((b) => b !== 'json'), `${what}: JSON-LD blocks the payload broke out of`).toEqual([])
    expect(found.javascriptLinks, `${what}: javascript: URLs`).toBe(0)
    return found
  }

  /** Opens each path as the person signed in with `who` (or anonymous) and inspects it; returns the text of each. */
  async function visit(who: { email: string; password: string } | undefined, paths: string[]): Promise<Map<string, string>> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
    const page = await context.newPage()
    const dialogs: string[] = []
    page.on('dialog', (d) => {
      dialogs.push(d.message())
      void d.dismiss()
    })
    if (who) await signIn(page, who.email, who.password)
    const texts = new Map<string, string>()
    for (const path of paths) {
      const res = await page.goto(`${base}${path}`)
      expect(res?.status(), path).toBeLessThan(400)
      texts.set(path, (await inspect(page, path)).text)
    }
    expect(dialogs, 'dialogs opened').toEqual([])
    await context.close()
    return texts
  }

  const literal = (text: string) => text.includes(SCRIPT) || text.includes(IMG.trim())

  it('program pages, the catalog and the public profile, anonymous', { timeout: 120_000 }, async () => {
    const texts = await visit(undefined, ['/catalog', ...ids.programs.map((id) => `/programs/${id}`), `/u/${demo.learner.handle}`])
    for (const [path, text] of texts) expect(literal(text), `${path} shows the payload as text`).toBe(true)
  })

  it("the issuer's programs, reviews (evidence, its javascript: link, feedback), webhooks and trusted issuers", { timeout: 120_000 }, async () => {
    const texts = await visit(demo, [
      '/orgs/demo/programs',
      `/orgs/demo/programs/${ids.programs[0]}/edit`,
      '/orgs/demo/reviews',
      '/orgs/demo/webhooks',
      `/orgs/demo/webhooks/${ids.webhook}`,
      '/admin/trust',
    ])
    expect(texts.get('/orgs/demo/reviews')).toContain(JS_URL)
    expect(texts.get('/orgs/demo/webhooks')).toContain(both('Hook'))
    expect(texts.get('/admin/trust')).toContain(both('Trusted'))
  })

  it("the learner's wallet, programs, messages, profile and collection", { timeout: 120_000 }, async () => {
    const texts = await visit(demo.learner, ['/wallet', '/wallet/programs', `/wallet/programs/${ids.enrolment}`, '/wallet/messages', '/wallet/profile', '/wallet/visibility'])
    expect(texts.get('/wallet')).toContain(both('Collection'))
    expect(texts.get('/wallet/messages')).toContain(both('Message'))
    expect(texts.get(`/wallet/programs/${ids.enrolment}`)).toContain(both('Feedback'))
  })

  it("the employer's search, saved search and learner pages", { timeout: 120_000 }, async () => {
    const texts = await visit(demo.employer, ['/employers/search', `/employers/learners/${demo.learner.handle}`])
    expect([...texts.values()].some((t) => t.includes(both('Saved').slice(0, 60)))).toBe(true)
  })

  it('the consent page and Connected apps: the client name is text, only its https addresses are links', { timeout: 120_000 }, async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
    const page = await context.newPage()
    await signIn(page, demo.learner.email, demo.learner.password)
    const verifier = randomBytes(32).toString('base64url')
    const query = new URLSearchParams({
      response_type: 'code',
      client_id: clientId,
      redirect_uri: `${clientBase}/callback`,
      scope: 'https://purl.imsglobal.org/spec/ob/v3p0/scope/credential.readonly',
      state: 'xyz',
      code_challenge: createHash('sha256').update(verifier).digest('base64url'),
      code_challenge_method: 'S256',
    })
    await page.goto(`${base}/ims/ob/v3p0/oauth/auth?${query}`)
    await page.waitForURL(/\/oauth\/consent\//)
    const consent = await inspect(page, 'consent')
    expect(consent.text).toContain(both('Wallet'))
    expect(consent.links).toContain(`${clientBase.replace('http:', 'https:')}/terms`)
    expect(consent.links.filter((href) => href.startsWith(clientBase))).toEqual([])
    expect(consent.text).toContain(`${clientBase}/privacy`)
    expect(await page.locator(`img[src^="${clientBase}"]`).count()).toBe(0)
    await page.getByRole('button', { name: 'Allow' }).click()
    await page.waitForURL(/\/callback\?/)
    await page.goto(`${base}/account/connections`)
    const connections = await inspect(page, '/account/connections')
    expect(connections.text).toContain(both('Wallet'))
    expect(connections.links.filter((href) => href.startsWith(clientBase))).toEqual([])
    await context.close()
  })
})
