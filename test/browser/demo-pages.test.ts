// The demo as a first-time visitor sees it, in Debian's Chromium at 1280 and 390 px: after
// `emblem demo`, the dashboards show 90 days of activity across several organizations, public pages
// show logos, and credentials print learners' names in their own scripts. axe-core finds no serious
// or critical violation. Screenshots land in test-artifacts/screenshots/demo/.
import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DemoSummary } from '../../src/cli/demo.js'
import { runAxe, seriousViolations, type A11yResult } from '../support/a11y.js'
import { ARTIFACTS, hasChromium, launchBrowser, keepScreenshot } from '../support/browser.js'
import { freePort, waitForServer } from '../support/server-process.js'

describe.skipIf(!hasChromium)('the demo, at phone and desktop widths', () => {
  let dir: string
  let server: ChildProcess
  let browser: Browser
  let base: string
  let demo: DemoSummary
  const results: Record<string, A11yResult> = {}

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'emblem-demo-pages-'))
    const port = await freePort()
    base = `http://127.0.0.1:${port}`
    const env = { ...process.env, EMBLEM_DATA_DIR: dir, PORT: String(port), EMBLEM_PUBLIC_URL: base, EMBLEM_LOG_LEVEL: 'silent' }
    const { stdout } = await promisify(execFile)('node', ['bin/emblem.mjs', 'demo', '--json'], { env })
    demo = JSON.parse(stdout) as DemoSummary
    server = spawn('node', ['bin/emblem.mjs', 'serve'], { env, stdio: 'ignore' })
    await waitForServer(base, 15_000)
    browser = await launchBrowser()
  }, 300_000)

  afterAll(async () => {
    await mkdir(join(ARTIFACTS, '..'), { recursive: true })
    await writeFile(join(ARTIFACTS, '..', 'a11y-demo.json'), JSON.stringify(results, null, 2))
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

  /** Opens `path` at both widths: no serious axe violation, nothing scrolls sideways, a screenshot each; returns the main region's text and how many stored images it shows, at 1280 px. */
  async function check(name: string, path: string, { signedIn = false } = {}): Promise<{ text: string; images: number }> {
    const context = await browser.newContext()
    const page = await context.newPage()
    if (signedIn) await signIn(page)
    let text = ''
    let images = 0
    for (const [width, label] of [[1280, 'desktop'], [390, 'mobile']] as const) {
      await page.setViewportSize({ width, height: 900 })
      const res = await page.goto(`${base}${path}`, { waitUntil: 'networkidle' })
      expect(res?.status(), `${name} answers 200`).toBe(200)
      const result = await runAxe(page)
      results[`${name} (${label})`] = result
      expect(seriousViolations(result), `${name} at ${width}px`).toEqual([])
      const overflow = (await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth')) as number
      expect(overflow, `${name} at ${width}px scrolls sideways`).toBeLessThanOrEqual(0)
      await mkdir(join(ARTIFACTS, 'demo'), { recursive: true })
      await keepScreenshot(page, join(ARTIFACTS, 'demo', `${name}-${label}.png`))
      if (width === 1280) {
        text = await page.innerText('main')
        images = await page.locator('main img[src^="/images/"]').count()
      }
    }
    await context.close()
    return { text, images }
  }

  it("the user's dashboard lists the demo organizations", async () => {
    const { text, images } = await check('dashboard', '/dashboard', { signedIn: true })
    for (const org of demo.orgs) expect(text).toContain(org.name)
    expect(images, 'a logo on each organization card').toBe(demo.orgs.length)
  }, 300_000)

  it("each organization's dashboard shows its activity", async () => {
    for (const org of demo.orgs) {
      const { text, images } = await check(org.slug === demo.org ? 'org-dashboard' : `org-dashboard-${org.slug}`, `/orgs/${org.slug}/dashboard`, { signedIn: true })
      expect(text).toContain(String(org.credentials.length))
      expect(images, 'the logo beside the name').toBeGreaterThanOrEqual(1)
    }
  }, 300_000)

  it('public organization pages show the logo', async () => {
    for (const org of demo.orgs.slice(0, 2)) {
      await check(`org-${org.slug}`, `/orgs/${org.slug}`)
      const res = await fetch(`${base}/orgs/${org.slug}`)
      expect(await res.text()).toMatch(/<img[^>]+src="[^"]*\/images\/[0-9a-f]{64}/)
    }
  }, 300_000)

  it('credential pages print names in their own scripts', async () => {
    const credentials = demo.orgs.flatMap((o) => o.credentials)
    const byScript = [/\p{Script=Arabic}/u, /\p{Script=Han}/u, /\p{Script=Devanagari}/u, /\p{Script=Greek}/u]
    for (const [i, script] of byScript.entries()) {
      // One whose learner lets the page show their name (one in ten keeps it private).
      let credential: (typeof credentials)[number] | undefined
      for (const c of credentials.filter((c) => c.claimed && c.state === 'active' && script.test(c.recipient.name))) {
        if ((await (await fetch(c.page)).text()).includes(c.recipient.name)) {
          credential = c
          break
        }
      }
      expect(credential, `a credential page showing a name matching ${script}`).toBeDefined()
      if (!credential) continue
      const { text } = await check(`credential-${i + 1}`, new URL(credential.page).pathname)
      expect(text).toContain(credential.recipient.name)
    }
  }, 300_000)
})
