// What issue #14 item 4 changed on pages, in Debian's Chromium at a phone (390 px) and a desktop
// (1280 px) width, against a server seeded by `emblem demo`: the organization settings, where the
// suite cards say which suites other wallets cannot verify and the status entries are chosen, and
// a credential page that says a suspension is enforced only here. axe-core finds no serious or
// critical violation, nothing scrolls sideways. Screenshots in test-artifacts/screenshots/formats/.
import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runAxe, seriousViolations } from '../support/a11y.js'
import { ARTIFACTS, hasChromium, launchBrowser, keepScreenshot } from '../support/browser.js'
import { freePort, waitForServer } from '../support/server-process.js'

interface Demo {
  org: { slug: string } | string
  email: string
  password: string
}

describe.skipIf(!hasChromium)('status entries and suite notes on the pages, at phone and desktop widths', () => {
  let dir: string
  let server: ChildProcess
  let browser: Browser
  let owner: BrowserContext
  let base: string
  let slug: string

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'emblem-formats-pages-'))
    const port = await freePort()
    base = `http://127.0.0.1:${port}`
    const env = { ...process.env, EMBLEM_DATA_DIR: dir, PORT: String(port), EMBLEM_PUBLIC_URL: base, EMBLEM_LOG_LEVEL: 'silent' }
    const { stdout } = await promisify(execFile)('node', ['bin/emblem.mjs', 'demo', '--credentials', '6', '--json'], { env })
    const demo = JSON.parse(stdout) as Demo
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
    await page.close()
  }, 180_000)

  afterAll(async () => {
    await owner?.close()
    await browser?.close()
    server?.kill('SIGTERM')
    await rm(dir, { recursive: true, force: true })
  })

  /** Checks the page as it is at both widths: axe, no sideways scroll, a screenshot of each. */
  async function checkBothWidths(page: Page, name: string, open: () => Promise<void>) {
    for (const [width, label] of [[1280, 'desktop'], [390, 'mobile']] as const) {
      await page.setViewportSize({ width, height: 900 })
      await open()
      expect(seriousViolations(await runAxe(page)), `${name} at ${width}px`).toEqual([])
      const overflow = (await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth')) as number
      expect(overflow, `${name} at ${width}px scrolls sideways`).toBeLessThanOrEqual(0)
      await mkdir(join(ARTIFACTS, 'formats'), { recursive: true })
      await keepScreenshot(page, join(ARTIFACTS, 'formats', `${name}-${label}.png`))
    }
  }

  it('shows a credential of the default organization with the note that a suspension is enforced only here', async () => {
    const page = await owner.newPage()
    const list = (await (await page.request.get(`${base}/api/v1/orgs/${slug}/credentials`)).json()) as { items: { links: { page: string } }[] }
    const url = list.items[0]!.links.page
    await checkBothWidths(page, 'credential-suspension-note', async () => {
      await page.goto(url, { waitUntil: 'networkidle' })
    })
    expect(await page.textContent('[data-suspension-local]')).toContain('a suspension is enforced only by this instance')
    await page.close()
  })

  it('says which suites other wallets cannot verify, and saves the choice of revocation and suspension entries', async () => {
    const page = await owner.newPage()
    await checkBothWidths(page, 'org-settings-status-entries', async () => {
      await page.goto(`${base}/orgs/${slug}/settings`, { waitUntil: 'networkidle' })
    })
    const text = (await page.textContent('#profile-form')) ?? ''
    expect(text.match(/Not verifiable in the Learner Credential Wallet, VerifierPlus or DIDKit/g)).toHaveLength(2)
    expect(await page.isChecked('input[name=statusEntries][value=revocation]')).toBe(true)
    await page.locator('input[name=statusEntries][value=revocation-and-suspension]').check({ force: true })
    await Promise.all([page.waitForURL(/done=saved/), page.click('#profile-form button[type=submit]')])
    expect(await page.isChecked('input[name=statusEntries][value=revocation-and-suspension]')).toBe(true)
    const org = (await (await page.request.get(`${base}/api/v1/orgs/${slug}`)).json()) as { statusEntries: string }
    expect(org.statusEntries).toBe('revocation-and-suspension')
    await page.close()
  })
})
