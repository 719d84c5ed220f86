// The trust and endorsement pages in Debian's Chromium at a phone (390 px) and a desktop (1280 px)
// width, against a server seeded by `emblem demo` (its user owns four organizations and is this
// instance's administrator here): another organization endorses the demo organization and one of
// its achievements through the /endorse form; the endorsements show, verified, on the public
// organization page and on a credential's page; the endorsing organization lists and withdraws
// them; /admin/trust adds an issuer by hand and subscribes to a registry in the Digital Credentials
// Consortium's format served by a local server. axe-core finds no serious or critical violation,
// nothing scrolls sideways, no console errors. Screenshots in test-artifacts/screenshots/trust/.
import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runAxe, seriousViolations, type A11yResult } from '../support/a11y.js'
import { ARTIFACTS, hasChromium, launchBrowser, keepScreenshot } from '../support/browser.js'
import { freePort, waitForServer } from '../support/server-process.js'

interface DemoOrg {
  slug: string
  name: string
  achievements: string[]
  credentials: { id: string; achievementId: string; state: string; page: string }[]
}
interface Demo {
  email: string
  password: string
  orgs: DemoOrg[]
}

const REGISTRY_DID = 'did:key:z6MkpLDL3RoAoMRTwTgo3rs39ZwssfaPKtGdZw7AGRN7CK4W'

describe.skipIf(!hasChromium)('the trust and endorsement pages, at phone and desktop widths', () => {
  let dir: string
  let server: ChildProcess
  let registry: Server
  let registryUrl: string
  let browser: Browser
  let admin: BrowserContext
  let base: string
  let demo: Demo
  let subject: DemoOrg
  let endorser: DemoOrg
  let credentialPath: string
  const results: Record<string, A11yResult> = {}

  beforeAll(async () => {
    registry = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ meta: { created: '2026-01-01T00:00:00Z' }, registry: { [REGISTRY_DID]: { name: '(Example) My University', location: 'Cambridge, MA, USA', url: 'https://digitalcredentials.mit.edu' } } }))
    })
    await new Promise<void>((resolve) => registry.listen(0, '127.0.0.1', resolve))
    registryUrl = `http://127.0.0.1:${(registry.address() as AddressInfo).port}/registry.json`
    dir = await mkdtemp(join(tmpdir(), 'emblem-trust-pages-'))
    const port = await freePort()
    base = `http://127.0.0.1:${port}`
    const env = { ...process.env, EMBLEM_DATA_DIR: dir, PORT: String(port), EMBLEM_PUBLIC_URL: base, EMBLEM_LOG_LEVEL: 'silent', EMBLEM_ADMIN_EMAILS: 'demo@example.org', EMBLEM_FETCH_ALLOW_HTTP: 'true', EMBLEM_FETCH_ALLOW_PRIVATE: 'true' }
    const { stdout } = await promisify(execFile)('node', ['bin/emblem.mjs', 'demo', '--credentials', '12', '--json'], { env })
    demo = JSON.parse(stdout) as Demo
    subject = demo.orgs[0]!
    endorser = demo.orgs[1]!
    const credential = subject.credentials.find((c) => c.state === 'active')!
    credentialPath = new URL(credential.page).pathname
    server = spawn('node', ['bin/emblem.mjs', 'serve'], { env, stdio: 'ignore' })
    await waitForServer(base, 60_000)
    browser = await launchBrowser()
    admin = await browser.newContext()
    const page = await admin.newPage()
    await page.goto(`${base}/sign-in`)
    await page.fill('input[name=email]', demo.email)
    await page.fill('input[name=password]', demo.password)
    await Promise.all([page.waitForURL(/dashboard/), page.click('main button[type=submit]')])
    await page.close()
  }, 180_000)

  afterAll(async () => {
    await mkdir(join(ARTIFACTS, 'trust'), { recursive: true })
    await writeFile(join(ARTIFACTS, 'trust', 'a11y.json'), JSON.stringify(results, null, 2))
    await admin?.close()
    await browser?.close()
    server?.kill('SIGTERM')
    await new Promise((resolve) => registry?.close(resolve))
    await rm(dir, { recursive: true, force: true })
  })

  /** Opens `path` at both widths (signed in unless `anonymous`), checks it, keeps a screenshot of each. */
  async function check(name: string, path: () => string, { anonymous = false, status = 200, before }: { anonymous?: boolean; status?: number; before?: (page: Page) => Promise<void> } = {}) {
    const context = anonymous ? await browser.newContext() : admin
    const page = await context.newPage()
    const problems: string[] = []
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`))
    page.on('console', (msg) => msg.type() === 'error' && !/status of 4\d\d/.test(msg.text()) && problems.push(`console: ${msg.text()}`))
    for (const [width, label] of [[1280, 'desktop'], [390, 'mobile']] as const) {
      await page.setViewportSize({ width, height: 900 })
      if (before) await before(page)
      else {
        const res = await page.goto(`${base}${path()}`, { waitUntil: 'networkidle' })
        expect(res?.status(), `${name} answers ${status}`).toBe(status)
      }
      const result = await runAxe(page)
      results[`${name} (${label})`] = result
      expect(seriousViolations(result), `${name} at ${width}px`).toEqual([])
      const overflow = (await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth')) as number
      expect(overflow, `${name} at ${width}px scrolls sideways`).toBeLessThanOrEqual(0)
      await mkdir(join(ARTIFACTS, 'trust'), { recursive: true })
      await keepScreenshot(page, join(ARTIFACTS, 'trust', `${name}-${label}.png`))
    }
    expect(problems).toEqual([])
    await page.close()
    if (anonymous) await context.close()
  }

  it('endorses an organization from its public page through the /endorse form', async () => {
    const page = await admin.newPage()
    await page.goto(`${base}/orgs/${subject.slug}`)
    await Promise.all([page.waitForURL(/\/endorse\?/), page.click(`#endorsements a.button`)])
    // Its own organization is not offered: endorsing needs another one.
    const offered = await page.$$eval('#field-endorser option', (options) => options.map((o) => o.getAttribute('value') ?? '').filter(Boolean))
    expect(offered).not.toContain(subject.slug)
    expect(offered).toContain(endorser.slug)
    // A comment is required: refused beside its field, the choice kept.
    await page.selectOption('#field-endorser', endorser.slug)
    await page.fill('#field-comment', '   ')
    const [refused] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.click('#endorse-form button[type=submit]')])
    expect(refused.status()).toBe(422)
    await page.waitForLoadState('networkidle')
    expect(await page.isVisible('#field-comment-error')).toBe(true)
    await page.fill('#field-comment', 'Demo University runs careful, well-assessed courses.\nWe recognise its credentials for our own programmes.')
    await Promise.all([page.waitForURL(/\/endorsements\?done=endorsed/), page.click('#endorse-form button[type=submit]')])
    expect(await page.textContent('#given')).toContain(subject.name)
    await page.close()
  })

  it('endorses an achievement from the badge tile of the public page', async () => {
    const page = await admin.newPage()
    await page.goto(`${base}/orgs/${subject.slug}`)
    const achievementId = subject.credentials.find((c) => c.state === 'active')!.achievementId
    await Promise.all([page.waitForURL(/\/endorse\?/), page.click(`a.endorse-link[href*="${achievementId}"]`)])
    await page.selectOption('#field-endorser', endorser.slug)
    await page.fill('#field-comment', 'A rigorous micro-credential: the assessment matches what we expect of new hires.')
    await Promise.all([page.waitForURL(/\/endorsements\?done=endorsed/), page.click('#endorse-form button[type=submit]')])
    await page.close()
  })

  it('the /endorse form', () => check('endorse-form', () => `/endorse?organization=${subject.slug}`))
  it('public organization page with verified endorsements', async () => {
    await check('org-public-endorsed', () => `/orgs/${subject.slug}`, { anonymous: true })
    const page = await browser.newPage()
    await page.goto(`${base}/orgs/${subject.slug}`)
    expect(await page.$$eval('#endorsements [data-endorsement-verified="true"]', (items) => items.length)).toBe(2)
    expect(await page.textContent('#endorsements')).toContain('Verified endorsement')
    await page.close()
  })
  it('credential page with its achievement’s and issuer’s endorsements', async () => {
    await check('credential-endorsed', () => credentialPath, { anonymous: true })
    const page = await browser.newPage()
    await page.goto(`${base}${credentialPath}`)
    expect(await page.$$eval('#endorsements [data-endorsement-verified="true"]', (items) => items.length)).toBe(2)
    expect(await page.getAttribute('[data-check="trust"]', 'data-outcome')).toBe('passed')
    await page.close()
  })
  it('the endorsing organization’s endorsements, and a withdrawal', async () => {
    await check('org-endorsements', () => `/orgs/${endorser.slug}/endorsements`)
    const page = await admin.newPage()
    await page.goto(`${base}/orgs/${endorser.slug}/endorsements`)
    await Promise.all([page.waitForURL(/done=withdrawn/), page.click('#given form button[type=submit]')])
    expect(await page.$$eval('#given [data-state="withdrawn"]', (items) => items.length)).toBe(1)
    await page.goto(`${base}/orgs/${subject.slug}`)
    expect(await page.$$eval('#endorsements [data-endorsement]', (items) => items.length)).toBe(1)
    await page.close()
  })
  it('the received endorsements of the endorsed organization', () => check('org-endorsements-received', () => `/orgs/${subject.slug}/endorsements`))

  it('/admin/trust: an issuer added by hand and a subscribed registry', async () => {
    const page = await admin.newPage()
    await page.goto(`${base}/admin/trust`)
    await page.fill('#field-issuerId', 'did:web:university.example')
    await page.fill('#field-name', 'Example University')
    await page.fill('#field-note', 'Confirmed with their registrar in March.')
    await Promise.all([page.waitForURL(/done=issuerAdded/), page.click('#add-issuer button[type=submit]')])
    expect(await page.textContent('#issuers')).toContain('did:web:university.example')
    await page.fill('#field-registryName', 'DCC Sandbox Registry')
    await page.fill('#field-url', registryUrl)
    await page.selectOption('#field-format', 'dcc')
    await Promise.all([page.waitForURL(/done=registryAdded/), page.click('#add-registry button[type=submit]')])
    expect(await page.textContent('#registries')).toContain('DCC Sandbox Registry')
    expect(await page.getAttribute(`[data-registry="${registryUrl}"] [data-issuer-count]`, 'data-issuer-count')).toBe('1')
    expect(await page.textContent(`[data-registry="${registryUrl}"]`)).toContain('1 issuer')
    // A registry that cannot be read keeps its issuers and says why.
    await page.fill('#field-registryName', 'Unreachable')
    await page.fill('#field-url', 'http://127.0.0.1:9/registry.json')
    await page.selectOption('#field-format', 'list')
    await Promise.all([page.waitForURL(/done=registryAdded/), page.click('#add-registry button[type=submit]')])
    expect(await page.isVisible('[data-registry-error]')).toBe(true)
    await page.close()
    await check('admin-trust', () => '/admin/trust')
  })
  it('/admin/trust refuses a bad issuer beside its fields', () =>
    check('admin-trust-refused', () => '', {
      before: async (page) => {
        await page.goto(`${base}/admin/trust`)
        await page.fill('#field-issuerId', 'not a did')
        await page.fill('#field-name', 'Somebody')
        const [res] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.click('#add-issuer button[type=submit]')])
        expect(res.status()).toBe(422)
        await page.waitForLoadState('networkidle')
        expect(await page.isVisible('#field-issuerId-error')).toBe(true)
      },
    }))
})
