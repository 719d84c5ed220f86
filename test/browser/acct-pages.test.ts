// The account pages in Debian's Chromium at a phone (390 px) and a desktop (1280 px) width: the way
// in (sign in, sign up, check your e-mail, forgot password), the account page, a new organization and
// the instance outbox. axe-core finds no serious or critical WCAG violation, nothing scrolls sideways,
// and no request fails. Screenshots land in test-artifacts/screenshots/acct/.
import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runAxe, seriousViolations } from '../support/a11y.js'
import { ARTIFACTS, hasChromium, launchBrowser, keepScreenshot } from '../support/browser.js'
import { freePort, waitForServer } from '../support/server-process.js'

describe.skipIf(!hasChromium)('the account pages, at phone and desktop widths', () => {
  let dir: string
  let server: ChildProcess
  let browser: Browser
  let base: string
  let demo: { email: string; password: string }

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'emblem-acct-'))
    const port = await freePort()
    base = `http://127.0.0.1:${port}`
    // No SMTP; the demo administrator administers the instance, so held account mail is readable.
    const env = { ...process.env, EMBLEM_DATA_DIR: dir, PORT: String(port), EMBLEM_PUBLIC_URL: base, EMBLEM_LOG_LEVEL: 'silent', EMBLEM_ADMIN_EMAILS: 'demo@example.org' }
    const { stdout } = await promisify(execFile)('node', ['bin/emblem.mjs', 'demo', '--credentials', '2', '--json'], { env })
    demo = JSON.parse(stdout) as { email: string; password: string }
    server = spawn('node', ['bin/emblem.mjs', 'serve'], { env, stdio: 'ignore' })
    await waitForServer(base, 15_000)
    browser = await launchBrowser()
  }, 120_000)

  afterAll(async () => {
    await browser?.close()
    server?.kill('SIGTERM')
    await rm(dir, { recursive: true, force: true })
  })

  async function signIn(page: Page, email = demo.email, password = demo.password) {
    await page.goto(`${base}/sign-in`)
    await page.fill('input[name=email]', email)
    await page.fill('input[name=password]', password)
    await Promise.all([page.waitForURL(/\/(dashboard|wallet)/), page.click('main button[type=submit]')])
  }

  /** Opens `path` at both widths (after `before`, when given), checks it, keeps a screenshot of each. */
  async function check(name: string, path: string, { as, status = 200, before }: { as?: { email: string; password: string }; status?: number; before?: (page: Page) => Promise<void> } = {}) {
    const context = await browser.newContext()
    const page = await context.newPage()
    const problems: string[] = []
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`))
    page.on('console', (msg) => msg.type() === 'error' && !/status of (4\d\d)/.test(msg.text()) && problems.push(`console: ${msg.text()}`))
    page.on('response', (res) => res.status() >= 400 && !res.url().startsWith(`${base}${path.split('?')[0]}`) && problems.push(`HTTP ${res.status()} for ${res.url()}`))
    if (as) await signIn(page, as.email, as.password)
    for (const [width, label] of [[1280, 'desktop'], [390, 'mobile']] as const) {
      await page.setViewportSize({ width, height: 900 })
      const res = await page.goto(`${base}${path}`, { waitUntil: 'networkidle' })
      expect(res?.status(), `${name} answers ${status}`).toBe(status)
      if (before) await before(page)
      const result = await runAxe(page)
      expect(seriousViolations(result), `${name} at ${width}px`).toEqual([])
      const overflow = (await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth')) as number
      expect(overflow, `${name} at ${width}px scrolls sideways`).toBeLessThanOrEqual(0)
      await mkdir(join(ARTIFACTS, 'acct'), { recursive: true })
      await keepScreenshot(page, join(ARTIFACTS, 'acct', `${name}-${label}.png`))
    }
    expect(problems).toEqual([])
    await context.close()
  }

  const submitForm = (page: Page) => Promise.all([page.waitForLoadState('load'), page.click('main button[type=submit]')]).then(() => undefined)
  /** Submits past the browser's own checks, so the server's answer (422, errors beside the fields) shows. */
  const submitUnchecked = async (page: Page) => {
    await page.evaluate('document.querySelectorAll("main form").forEach((f) => { f.noValidate = true })')
    await Promise.all([page.waitForURL(/.*/, { waitUntil: 'load' }), page.click('main button[type=submit]')])
  }

  it('sign-in', () => check('sign-in', '/sign-in'))
  it('sign-in with a wrong password', () =>
    check('sign-in-error', '/sign-in', {
      before: async (page) => {
        await page.fill('input[name=email]', 'nobody@example.org')
        await page.fill('input[name=password]', 'not the password at all')
        await submitForm(page)
      },
    }))
  it('sign-up', () => check('sign-up', '/sign-up'))
  it('sign-up with problems', () =>
    check('sign-up-errors', '/sign-up', {
      before: async (page) => {
        await page.fill('input[name=email]', 'not-an-address')
        await page.fill('input[name=password]', 'short')
        await submitUnchecked(page)
        expect(await page.locator('.error-summary li').count()).toBe(3)
      },
    }))
  it('check your e-mail, with the link held for the administrator', async () => {
    const page = await browser.newPage()
    await page.goto(`${base}/sign-up`)
    await page.fill('input[name=name]', 'Nadia Newcomer')
    await page.fill('input[name=email]', 'nadia@example.org')
    await page.fill('input[name=password]', 'a long and unusual passphrase 42')
    await submitForm(page)
    expect(new URL(page.url()).pathname).toBe('/sign-up/check-email')
    expect(await page.textContent('[data-mail-route]')).toContain('waiting in this server’s outbox')
    await page.close()
    await check('check-email', '/sign-up/check-email')
  })
  it('forgot-password', () => check('forgot-password', '/forgot-password'))
  it('account', () => check('account', '/account', { as: demo }))
  it('new organization', () => check('new-org', '/orgs/new', { as: demo }))
  it('new organization, address not confirmed', async () => {
    await check('new-org-unconfirmed', '/orgs/new', { as: { email: 'nadia@example.org', password: 'a long and unusual passphrase 42' } })
  })
  it('instance outbox, with the newcomer’s confirmation link clickable', async () => {
    await check('admin-outbox', '/admin/outbox', { as: demo })
    const context = await browser.newContext()
    const page = await context.newPage()
    await signIn(page)
    await page.goto(`${base}/admin/outbox`)
    const link = page.locator('.outbox-links a[href*="/verify-email?token="]').first()
    expect(await link.textContent()).toContain('/verify-email?token=')
    await context.close()
  })
  it('instance outbox refuses someone else', () => check('admin-outbox-forbidden', '/admin/outbox', { as: { email: 'nadia@example.org', password: 'a long and unusual passphrase 42' }, status: 403 }))
})
