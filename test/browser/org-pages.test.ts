// The organization pages in Debian's Chromium at a phone (390 px) and a desktop (1280 px) width,
// against a server seeded by `emblem demo`: settings (filled in through its form: profile, brand
// colour, logo), members, signing keys, API keys (with a new key shown once), an invitation opened
// by someone signed out, and the public organization page. axe-core finds no serious or critical
// violation, nothing scrolls sideways, no console errors. Screenshots in test-artifacts/screenshots/org/.
import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runAxe, seriousViolations, type A11yResult } from '../support/a11y.js'
import { ARTIFACTS, hasChromium, launchBrowser, keepScreenshot } from '../support/browser.js'
import { freePort, waitForServer } from '../support/server-process.js'

interface Demo {
  org: { slug: string } | string
  email: string
  password: string
}

const LOGO = `<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256" viewBox="0 0 256 256">
  <rect width="256" height="256" rx="56" fill="#0f766e"/>
  <path d="M128 44l70 40v80l-70 40-70-40V84z" fill="none" stroke="#ffffff" stroke-width="16" stroke-linejoin="round"/>
  <circle cx="128" cy="124" r="30" fill="#ffffff"/>
</svg>`

describe.skipIf(!hasChromium)('the organization pages, at phone and desktop widths', () => {
  let dir: string
  let server: ChildProcess
  let browser: Browser
  let owner: BrowserContext
  let base: string
  let demo: Demo
  let slug: string
  let invitation: string
  const results: Record<string, A11yResult> = {}

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'emblem-org-pages-'))
    const port = await freePort()
    base = `http://127.0.0.1:${port}`
    const env = { ...process.env, EMBLEM_DATA_DIR: dir, PORT: String(port), EMBLEM_PUBLIC_URL: base, EMBLEM_LOG_LEVEL: 'silent' }
    const { stdout } = await promisify(execFile)('node', ['bin/emblem.mjs', 'demo', '--credentials', '12', '--json'], { env })
    demo = JSON.parse(stdout) as Demo
    slug = typeof demo.org === 'string' ? demo.org : demo.org.slug
    server = spawn('node', ['bin/emblem.mjs', 'serve'], { env, stdio: 'ignore' })
    await waitForServer(base, 60_000)
    browser = await launchBrowser()
    owner = await browser.newContext()
    const page = await owner.newPage()
    await page.goto(`${base}/sign-in`)
    await page.fill('input[name=email]', demo.email)
    await page.fill('input[name=password]', demo.password)
    await Promise.all([page.waitForURL(/dashboard/), page.click('main button[type=submit]')])

    // The profile through its form, as an owner fills it in: description, website, country, brand colour, then a logo.
    await page.goto(`${base}/orgs/${slug}/settings`)
    await page.fill('#field-description', 'We run short, practical courses in data, software and open science for researchers and professionals across Europe.\n\nEvery course ends with a signed micro-credential that anyone can verify.')
    await page.fill('#field-url', 'https://academy.example.org')
    await page.fill('#field-email', 'badges@academy.example.org')
    await page.selectOption('#field-country', 'NL')
    await page.fill('#field-brandColor', '#0f766e')
    await Promise.all([page.waitForURL(/done=saved/), page.click('#profile-form button[type=submit]')])
    await page.setInputFiles('#field-logo', { name: 'logo.svg', mimeType: 'image/svg+xml', buffer: Buffer.from(LOGO) })
    await Promise.all([page.waitForURL(/done=logo/), page.click('#logo-form button[type=submit]')])

    // An invitation, whose link the outbox holds (this instance sends no e-mail).
    await page.goto(`${base}/orgs/${slug}/members`)
    await page.fill('#field-email', 'new.colleague@example.org')
    await page.selectOption('#field-role', 'issuer')
    await Promise.all([page.waitForURL(/done=invited/), page.click('#invite button[type=submit]')])
    const outbox = await (await page.request.get(`${base}/orgs/${slug}/outbox`)).text()
    const newest = new RegExp(`/orgs/${slug}/outbox/[0-9a-f-]{36}`).exec(outbox)?.[0] ?? ''
    const message = newest ? await (await page.request.get(`${base}${newest}`)).text() : ''
    invitation = /\/invitations\/[A-Za-z0-9_-]{43}/.exec(message)?.[0] ?? ''
    expect(invitation).not.toBe('')
    await page.close()
  }, 180_000)

  afterAll(async () => {
    await mkdir(join(ARTIFACTS, 'org'), { recursive: true })
    await writeFile(join(ARTIFACTS, 'org', 'a11y.json'), JSON.stringify(results, null, 2))
    await owner?.close()
    await browser?.close()
    server?.kill('SIGTERM')
    await rm(dir, { recursive: true, force: true })
  })

  /** Opens `path` at both widths (signed in as the owner unless `anonymous`), checks it, keeps a screenshot of each. */
  async function check(name: string, path: () => string, { anonymous = false, status = 200, before }: { anonymous?: boolean; status?: number; before?: (page: Page) => Promise<void> } = {}) {
    const context = anonymous ? await browser.newContext() : owner
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
      await mkdir(join(ARTIFACTS, 'org'), { recursive: true })
      await keepScreenshot(page, join(ARTIFACTS, 'org', `${name}-${label}.png`))
    }
    expect(problems).toEqual([])
    await page.close()
    if (anonymous) await context.close()
  }

  it('settings', () => check('org-settings', () => `/orgs/${slug}/settings`))
  it('settings with a refused brand colour', () =>
    check('org-settings-refused', () => '', {
      before: async (page) => {
        await page.goto(`${base}/orgs/${slug}/settings`)
        // The preview follows the colour as it is typed (with script; without, it shows the saved one).
        await page.fill('#field-brandColor', '#0a5')
        expect(await page.getAttribute('[data-brand-preview] rect[data-brand-fill]', 'fill')).toBe('#00aa55')
        await page.fill('#field-brandColor', '#fde047')
        const [res] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.click('#profile-form button[type=submit]')])
        expect(res.status()).toBe(422)
        await page.waitForLoadState('networkidle')
        expect(await page.textContent('.error-summary')).toContain('too light to read on white')
      },
    }))
  it('members', () => check('org-members', () => `/orgs/${slug}/members`))
  it('signing keys', () => check('org-keys', () => `/orgs/${slug}/keys`))
  it('API keys', () => check('org-api-keys', () => `/orgs/${slug}/api-keys`))
  it('API keys with a new key shown once', () =>
    check('org-api-keys-created', () => '', {
      before: async (page) => {
        await page.goto(`${base}/orgs/${slug}/api-keys`)
        await page.fill('#field-name', 'Moodle integration')
        await page.selectOption('#field-role', 'issuer')
        await Promise.all([page.waitForLoadState('networkidle'), page.click('#create button[type=submit]')])
        expect(await page.textContent('#new-key-secret')).toMatch(/^emb_/)
      },
    }))
  it('invitation (signed out)', () => check('org-invitation', () => invitation, { anonymous: true }))
  it('public organization page', () => check('org-public', () => `/orgs/${slug}`, { anonymous: true }))
})
