// CLR 2.0 pages in Debian's Chromium at a desktop (1280 px) and a phone (390 px) width, signed in as
// the demo learner: choosing wallet credentials on /wallet/clr downloads a signed record, and /verify
// (where the browser hands a CLR to the server) shows the record's verdict and each credential it
// holds with its own checks. axe-core finds no serious or critical WCAG violation and nothing scrolls
// sideways. Screenshots (JPEG) land in docs/screenshots/clr/ (EMBLEM_SHOTS_DIR to change).
import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runAxe, seriousViolations } from '../support/a11y.js'
import { hasChromium, launchBrowser, keepScreenshot } from '../support/browser.js'
import { freePort, waitForServer } from '../support/server-process.js'

type Login = { email: string; password: string }

describe.skipIf(!hasChromium)('the CLR 2.0 pages, at desktop and phone widths', () => {
  let dir: string
  let server: ChildProcess
  let browser: Browser
  let base: string
  let learner: Login
  const shots = process.env.EMBLEM_SHOTS_DIR ?? join(process.cwd(), 'docs', 'screenshots', 'clr')

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'emblem-clr-'))
    const port = await freePort()
    base = `http://127.0.0.1:${port}`
    const env = { ...process.env, EMBLEM_DATA_DIR: dir, PORT: String(port), EMBLEM_PUBLIC_URL: base, EMBLEM_LOG_LEVEL: 'silent' }
    const { stdout } = await promisify(execFile)('node', ['bin/emblem.mjs', 'demo', '--credentials', '0', '--json'], { env })
    learner = (JSON.parse(stdout) as { learner: Login }).learner
    server = spawn('node', ['bin/emblem.mjs', 'serve'], { env, stdio: 'ignore' })
    await waitForServer(base, 15_000)
    browser = await launchBrowser()
  }, 180_000)

  afterAll(async () => {
    await browser?.close()
    server?.kill('SIGTERM')
    await rm(dir, { recursive: true, force: true })
  })

  async function signIn(page: Page, who: Login, next: string) {
    await page.goto(`${base}/sign-in?next=${encodeURIComponent(next)}`)
    await page.fill('input[name=email]', who.email)
    await page.fill('input[name=password]', who.password)
    await Promise.all([page.waitForURL((url) => url.pathname === next), page.click('main button[type=submit]')])
  }

  async function look(page: Page, name: string, width: number) {
    expect(seriousViolations(await runAxe(page)), `${name} at ${width}px`).toEqual([])
    const overflow = (await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth')) as number
    expect(overflow, `${name} at ${width}px scrolls sideways`).toBeLessThanOrEqual(0)
    await mkdir(shots, { recursive: true })
    await keepScreenshot(page, join(shots, `${name}-${width === 1280 ? 'desktop' : 'mobile'}.jpg`))
  }

  it('downloads a record of the chosen credentials, and /verify shows each credential it holds', async () => {
    const context = await browser.newContext({ acceptDownloads: true })
    const page = await context.newPage()
    const problems: string[] = []
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`))
    await signIn(page, learner, '/wallet/clr')
    let record = ''
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 900 })
      await page.goto(`${base}/wallet/clr`, { waitUntil: 'networkidle' })
      const boxes = page.locator('.present-item input[type=checkbox]:not([disabled])')
      expect(await boxes.count()).toBeGreaterThanOrEqual(2)
      for (let i = 0; i < (await boxes.count()); i++) await boxes.nth(i).check()
      await page.fill('input[name=name]', 'Transcript for my application')
      await look(page, 'wallet-clr', width)
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('main form button[type=submit]')])
      expect(download.suggestedFilename()).toMatch(/^learner-record-\d{4}-\d{2}-\d{2}\.clr\.json$/)
      record = await readFile((await download.path())!, 'utf8')
      expect(JSON.parse(record).type).toEqual(['VerifiableCredential', 'ClrCredential'])
    }
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 900 })
      await page.goto(`${base}/verify`, { waitUntil: 'networkidle' })
      await page.fill('textarea[name=credential]', record)
      await Promise.all([page.waitForURL(`${base}/verify`), page.click('.verify-paste button[type=submit]')])
      await page.waitForSelector('[data-verdict]')
      // The demo wallet holds an imported credential of an issuer in no trusted list: the record is
      // then "issuer not trusted" (trust is judged on the credentials' issuers, not the learner's DID).
      expect(['verified', 'issuer-untrusted']).toContain(await page.getAttribute('[data-verdict]', 'data-verdict'))
      expect(await page.locator('[data-embedded][data-verified="true"]').count()).toBeGreaterThanOrEqual(2)
      await look(page, 'verify-clr', width)
    }
    expect(problems).toEqual([])
    await context.close()
  }, 120_000)
})
