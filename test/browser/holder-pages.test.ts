// The holder's pages in Debian's Chromium at a desktop (1280 px) and a phone (390 px) width, signed
// in as the demo learner: the account page's DID and data cards, presenting credentials (the
// download is a presentation the public check verifies), notification settings and account
// deletion (refused for the last owner of an organization; done for a learner). axe-core finds no
// serious or critical WCAG violation, nothing scrolls sideways, and no request fails. Screenshots
// land in test-artifacts/screenshots/holder/.
import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runAxe, seriousViolations } from '../support/a11y.js'
import { ARTIFACTS, hasChromium, launchBrowser, keepScreenshot } from '../support/browser.js'
import { freePort, waitForServer } from '../support/server-process.js'

type Login = { email: string; password: string }

describe.skipIf(!hasChromium)('the holder pages, at desktop and phone widths', () => {
  let dir: string
  let server: ChildProcess
  let browser: Browser
  let base: string
  let demo: Login
  let learner: Login
  const shots = process.env.EMBLEM_SHOTS_DIR ?? join(ARTIFACTS, 'holder')

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'emblem-holder-'))
    const port = await freePort()
    base = `http://127.0.0.1:${port}`
    const env = { ...process.env, EMBLEM_DATA_DIR: dir, PORT: String(port), EMBLEM_PUBLIC_URL: base, EMBLEM_LOG_LEVEL: 'silent' }
    const { stdout } = await promisify(execFile)('node', ['bin/emblem.mjs', 'demo', '--credentials', '0', '--json'], { env })
    const summary = JSON.parse(stdout) as Login & { learner: Login }
    demo = { email: summary.email, password: summary.password }
    learner = summary.learner
    server = spawn('node', ['bin/emblem.mjs', 'serve'], { env, stdio: 'ignore' })
    await waitForServer(base, 15_000)
    browser = await launchBrowser()
  }, 180_000)

  afterAll(async () => {
    await browser?.close()
    server?.kill('SIGTERM')
    await rm(dir, { recursive: true, force: true })
  })

  async function signIn(page: Page, who: Login, next = '/account') {
    await page.goto(`${base}/sign-in?next=${encodeURIComponent(next)}`)
    await page.fill('input[name=email]', who.email)
    await page.fill('input[name=password]', who.password)
    await Promise.all([page.waitForURL((url) => url.pathname === next), page.click('main button[type=submit]')])
  }

  /** Opens `path` at both widths as `as`, runs `before`, checks it, keeps a screenshot of each. */
  async function check(name: string, path: string, { as = learner, status = 200, before }: { as?: Login; status?: number; before?: (page: Page) => Promise<void> } = {}) {
    const context = await browser.newContext()
    const page = await context.newPage()
    const problems: string[] = []
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`))
    page.on('console', (msg) => msg.type() === 'error' && !/status of (4\d\d)/.test(msg.text()) && problems.push(`console: ${msg.text()}`))
    page.on('response', (res) => res.status() >= 400 && !res.url().startsWith(`${base}${path.split('?')[0]}`) && problems.push(`HTTP ${res.status()} for ${res.url()}`))
    await signIn(page, as)
    for (const [width, label] of [[1280, 'desktop'], [390, 'mobile']] as const) {
      await page.setViewportSize({ width, height: 900 })
      const res = await page.goto(`${base}${path}`, { waitUntil: 'networkidle' })
      expect(res?.status(), `${name} answers ${status}`).toBe(status)
      if (before) await before(page)
      expect(seriousViolations(await runAxe(page)), `${name} at ${width}px`).toEqual([])
      const overflow = (await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth')) as number
      expect(overflow, `${name} at ${width}px scrolls sideways`).toBeLessThanOrEqual(0)
      await mkdir(shots, { recursive: true })
      await keepScreenshot(page, join(shots, `${name}-${label}.png`))
    }
    expect(problems).toEqual([])
    await context.close()
  }

  it('shows the account’s DID with a copy button and the data links', () =>
    check('account', '/account', {
      before: async (page) => {
        expect(await page.textContent('#holder-did')).toMatch(/^did:key:z6Mk/)
        expect(await page.getAttribute('a[href="/api/v1/me/export"]', 'download')).not.toBeNull()
      },
    }))

  it('lists the wallet’s credentials to present', () =>
    check('present', '/wallet/present', {
      before: async (page) => {
        expect(await page.locator('.present-item').count()).toBe(3)
        expect(await page.textContent('main')).toContain('External Academy')
      },
    }))

  it('refuses a presentation without a credential or challenge, with the errors beside the fields', () =>
    check('present-errors', '/wallet/present', {
      before: async (page) => {
        await page.evaluate('document.querySelectorAll("main form").forEach((f) => { f.noValidate = true })')
        await Promise.all([page.waitForURL(/.*/, { waitUntil: 'load' }), page.click('main form button[type=submit]')])
        expect(await page.locator('.error-summary li').count()).toBe(2)
        expect(await page.locator('#field-challenge-error').count()).toBe(1)
      },
    }))

  it('downloads a presentation the public check verifies with its challenge', async () => {
    const context = await browser.newContext({ acceptDownloads: true })
    const page = await context.newPage()
    await signIn(page, learner, '/wallet/present')
    const boxes = page.locator('.present-item input[type=checkbox]:not([disabled])')
    for (let i = 0; i < (await boxes.count()); i++) await boxes.nth(i).check()
    await page.fill('input[name=challenge]', 'browser-challenge-1')
    await page.fill('input[name=domain]', 'jobs.example.com')
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('main form button[type=submit]')])
    expect(download.suggestedFilename()).toMatch(/^presentation-\d{4}-\d{2}-\d{2}\.json$/)
    const vp = JSON.parse(await readFile((await download.path())!, 'utf8'))
    expect(vp.verifiableCredential).toHaveLength(3)
    const verify = (challenge: string) =>
      fetch(`${base}/api/v1/presentations/verify`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ presentation: vp, challenge, domain: 'jobs.example.com' }) }).then((r) => r.json())
    const good = (await verify('browser-challenge-1')) as { verified: boolean; credentials: { boundToHolder: boolean }[] }
    expect(good.verified, JSON.stringify(good)).toBe(true)
    expect(good.credentials.filter((c) => c.boundToHolder).length).toBe(2)
    expect(((await verify('another')) as { verified: boolean }).verified).toBe(false)
    await context.close()
  })

  it('saves notification settings', () =>
    check('notifications', '/account/notifications', {
      before: async (page) => {
        expect(await page.isChecked('input[name=productNews]')).toBe(false)
        await page.check('input[name=productNews]')
        await Promise.all([page.waitForURL(/saved=1/), page.click('main form button[type=submit]')])
        expect(await page.isChecked('input[name=productNews]')).toBe(true)
        await page.uncheck('input[name=productNews]')
        await Promise.all([page.waitForURL(/saved=1/), page.click('main form button[type=submit]')])
      },
    }))

  it('explains deletion and names the organizations the last owner must hand over first', () => check('delete-owner', '/account/delete', { as: demo, before: async (page) => expect(await page.locator('input[name=password]').count()).toBe(0) }))

  it('deletes a learner’s account after a wrong and then the right password', async () => {
    await check('delete', '/account/delete')
    const context = await browser.newContext()
    const page = await context.newPage()
    await signIn(page, learner, '/account/delete')
    await page.fill('input[name=password]', 'not the password')
    await Promise.all([page.waitForURL(/.*/, { waitUntil: 'load' }), page.click('main form button[type=submit]')])
    expect(await page.locator('#field-password-error').count()).toBe(1)
    await page.setViewportSize({ width: 390, height: 900 })
    await mkdir(shots, { recursive: true })
    await keepScreenshot(page, join(shots, 'delete-error-mobile.png'))
    await page.fill('input[name=password]', learner.password)
    await Promise.all([page.waitForURL(/\/account\/deleted$/), page.click('main form button[type=submit]')])
    expect(seriousViolations(await runAxe(page))).toEqual([])
    await keepScreenshot(page, join(shots, 'deleted-mobile.png'))
    const again = await fetch(`${base}/account`, { redirect: 'manual', headers: { cookie: (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ') } })
    expect([302, 303, 401]).toContain(again.status)
    await context.close()
  })
})
