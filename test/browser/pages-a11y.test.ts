// Every page in Debian's Chromium at a phone (390 px) and a desktop (1280 px) width, against a
// server seeded by `emblem demo`: axe-core finds no serious or critical WCAG violation, the page
// loads without console errors or failed requests, and nothing overflows the viewport sideways.
// Screenshots land in test-artifacts/screenshots/pages/, axe results in test-artifacts/a11y.json.
import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runAxe, seriousViolations, type A11yResult } from '../support/a11y.js'
import { ARTIFACTS, hasChromium, launchBrowser, keepScreenshot } from '../support/browser.js'
import { freePort, waitForServer } from '../support/server-process.js'

interface Demo {
  org: string
  apiKey: string
  email: string
  password: string
  achievements: string[]
}

describe.skipIf(!hasChromium)('every page, at phone and desktop widths', () => {
  let dir: string
  let server: ChildProcess
  let browser: Browser
  let base: string
  let demo: Demo
  let credential: string
  const results: Record<string, A11yResult> = {}

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'emblem-pages-'))
    const port = await freePort()
    base = `http://127.0.0.1:${port}`
    const env = { ...process.env, EMBLEM_DATA_DIR: dir, PORT: String(port), EMBLEM_PUBLIC_URL: base, EMBLEM_LOG_LEVEL: 'silent' }
    const { stdout } = await promisify(execFile)('node', ['bin/emblem.mjs', 'demo', '--credentials', '12', '--json'], { env })
    demo = JSON.parse(stdout) as Demo
    server = spawn('node', ['bin/emblem.mjs', 'serve'], { env, stdio: 'ignore' })
    await waitForServer(base, 60_000)
    const list = (await (await fetch(`${base}/api/v1/orgs/${demo.org}/credentials?limit=1`, { headers: { authorization: `Bearer ${demo.apiKey}` } })).json()) as { items: { id: string }[] }
    credential = list.items[0]!.id.replace('urn:uuid:', '')
    browser = await launchBrowser()
  }, 120_000)

  afterAll(async () => {
    await mkdir(join(ARTIFACTS, '..'), { recursive: true })
    await writeFile(join(ARTIFACTS, '..', 'a11y.json'), JSON.stringify(results, null, 2))
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

  /** Opens `path` at both widths, checks it, keeps a screenshot of each. */
  async function check(name: string, path: () => string, { signedIn = false, status = 200 } = {}) {
    const context = await browser.newContext()
    const page = await context.newPage()
    const problems: string[] = []
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`))
    page.on('console', (msg) => msg.type() === 'error' && !/status of 404/.test(msg.text()) && problems.push(`console: ${msg.text()}`))
    page.on('response', (res) => res.status() >= 400 && res.url() !== `${base}${path()}` && problems.push(`HTTP ${res.status()} for ${res.url()}`))
    if (signedIn) await signIn(page)
    for (const [width, label] of [[1280, 'desktop'], [390, 'mobile']] as const) {
      await page.setViewportSize({ width, height: 900 })
      const res = await page.goto(`${base}${path()}`, { waitUntil: 'networkidle' })
      expect(res?.status(), `${name} answers ${status}`).toBe(status)
      const result = await runAxe(page)
      results[`${name} (${label})`] = result
      expect(seriousViolations(result), `${name} at ${width}px`).toEqual([])
      const overflow = await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth') as number
      expect(overflow, `${name} at ${width}px scrolls sideways`).toBeLessThanOrEqual(0)
      await mkdir(join(ARTIFACTS, 'pages'), { recursive: true })
      await keepScreenshot(page, join(ARTIFACTS, 'pages', `${name}-${label}.png`))
    }
    expect(problems).toEqual([])
    await context.close()
  }

  it('home', () => check('home', () => '/'))
  it('transparency log with an inclusion check', () => check('log', () => `/log?credential=${credential}`))
  it('credential page', () => check('credential', () => `/c/${credential}`))
  it('not-found page', () => check('not-found', () => '/c/00000000-0000-4000-8000-000000000000', { status: 404 }))
  it('dashboard', () => check('dashboard', () => '/dashboard', { signedIn: true }))
  it('organization dashboard', () => check('org-dashboard', () => `/orgs/${demo.org}/dashboard`, { signedIn: true }))
  it('API reference', () => check('api-docs', () => '/api/docs'), 300_000)
})
