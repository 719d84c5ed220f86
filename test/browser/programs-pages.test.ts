// The program pages in Debian's Chromium at a phone (390 px) and a desktop (1280 px) width, against a
// server seeded by `emblem demo` (two programs of the main organization; the demo learner enrolled,
// a project awaiting review). The journey: the demo user finds the open program in the catalog,
// enrols, submits evidence and a project, accepts the project in the review queue as an assessor,
// sees the program completed and the credential arrive in the wallet; it starts from the career planner
// (a target occupation, the programs that close its gap) and ends with the pathway's progress moved and
// the gap shrunk. axe-core finds no serious or critical violation, nothing scrolls sideways, no console errors. Screenshots in
// test-artifacts/screenshots/programs/ (and /work/notes/shots/programs/ when that folder exists).
import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import type { Browser, BrowserContext } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runAxe, seriousViolations, type A11yResult } from '../support/a11y.js'
import { ARTIFACTS, hasChromium, launchBrowser, keepScreenshot } from '../support/browser.js'
import { freePort, waitForServer } from '../support/server-process.js'

interface Demo {
  email: string
  password: string
  org: string
  learner: { email: string; password: string }
}

const NOTES_SHOTS = '/work/notes/shots/programs'

describe.skipIf(!hasChromium)('the program pages, at phone and desktop widths', () => {
  let dir: string
  let server: ChildProcess
  let browser: Browser
  let owner: BrowserContext
  let learner: BrowserContext
  let base: string
  let demo: Demo
  let programId: string
  let learnerEnrolment: string
  const results: Record<string, A11yResult> = {}

  async function signIn(email: string, password: string): Promise<BrowserContext> {
    const context = await browser.newContext()
    const page = await context.newPage()
    await page.goto(`${base}/sign-in`)
    await page.fill('input[name=email]', email)
    await page.fill('input[name=password]', password)
    await Promise.all([page.waitForURL((url) => !url.pathname.startsWith('/sign-in')), page.click('main button[type=submit]')])
    await page.close()
    return context
  }

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'emblem-program-pages-'))
    const port = await freePort()
    base = `http://127.0.0.1:${port}`
    const env = { ...process.env, EMBLEM_DATA_DIR: dir, PORT: String(port), EMBLEM_PUBLIC_URL: base, EMBLEM_LOG_LEVEL: 'silent' }
    const { stdout } = await promisify(execFile)('node', ['bin/emblem.mjs', 'demo', '--credentials', '0', '--json'], { env })
    demo = JSON.parse(stdout) as Demo
    server = spawn('node', ['bin/emblem.mjs', 'serve'], { env, stdio: 'ignore' })
    await waitForServer(base, 60_000)
    browser = await launchBrowser()
    owner = await signIn(demo.email, demo.password)
    learner = await signIn(demo.learner.email, demo.learner.password)
  }, 180_000)

  afterAll(async () => {
    await mkdir(join(ARTIFACTS, 'programs'), { recursive: true })
    await writeFile(join(ARTIFACTS, 'programs', 'a11y.json'), JSON.stringify(results, null, 2))
    await owner?.close()
    await learner?.close()
    await browser?.close()
    server?.kill('SIGTERM')
    await rm(dir, { recursive: true, force: true })
  })

  /** Opens `path` at both widths as `who`, checks it, keeps a screenshot of each. */
  async function check(name: string, path: () => string, who: 'anonymous' | 'owner' | 'learner' = 'owner') {
    const context = who === 'anonymous' ? await browser.newContext() : who === 'owner' ? owner : learner
    const page = await context.newPage()
    const problems: string[] = []
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`))
    page.on('console', (msg) => msg.type() === 'error' && !/status of 4\d\d/.test(msg.text()) && problems.push(`console: ${msg.text()}`))
    for (const [width, label] of [[1280, 'desktop'], [390, 'mobile']] as const) {
      await page.setViewportSize({ width, height: 900 })
      const res = await page.goto(`${base}${path()}`, { waitUntil: 'networkidle' })
      expect(res?.status(), `${name} answers 200`).toBe(200)
      const result = await runAxe(page)
      results[`${name} (${label})`] = result
      expect(seriousViolations(result), `${name} at ${width}px`).toEqual([])
      const overflow = (await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth')) as number
      expect(overflow, `${name} at ${width}px scrolls sideways`).toBeLessThanOrEqual(0)
      await mkdir(join(ARTIFACTS, 'programs'), { recursive: true })
      await keepScreenshot(page, join(ARTIFACTS, 'programs', `${name}-${label}.png`))
      if (existsSync('/work/notes')) {
        await mkdir(NOTES_SHOTS, { recursive: true })
        await keepScreenshot(page, join(NOTES_SHOTS, `${name}-${label}.png`))
      }
    }
    expect(problems).toEqual([])
    await page.close()
    if (who === 'anonymous') await context.close()
  }

  it('the catalog lists the demo programs, filtered', async () => {
    const page = await (await browser.newContext()).newPage()
    await page.goto(`${base}/catalog`)
    const links = await page.$$eval('.prog-grid a', (as) => as.map((a) => a.getAttribute('href') ?? ''))
    expect(links).toHaveLength(2)
    await page.selectOption('#field-format', 'online')
    await Promise.all([page.waitForURL(/format=online/), page.click('.prog-filters button[type=submit]')])
    const online = await page.$$eval('.prog-grid a', (as) => as.map((a) => a.getAttribute('href') ?? ''))
    expect(online).toHaveLength(1)
    programId = online[0]!.split('/').pop()!
    await page.close()
    await check('catalog', () => '/catalog', 'anonymous')
  })

  it('a program page, with its Course data for search engines', async () => {
    await check('program', () => `/programs/${programId}`, 'anonymous')
    const page = await (await browser.newContext()).newPage()
    await page.goto(`${base}/programs/${programId}`)
    const ld = JSON.parse((await page.textContent('script[type="application/ld+json"]')) ?? '{}')
    expect(ld).toMatchObject({ '@type': 'Course', hasCourseInstance: { courseMode: 'Online' } })
    await page.close()
  })

  it('the learner’s programs and the enrolment awaiting review', async () => {
    await check('wallet-programs', () => '/wallet/programs', 'learner')
    const page = await learner.newPage()
    await page.goto(`${base}/wallet/programs`)
    learnerEnrolment = (await page.getAttribute('.prog-grid a', 'href'))!.split('/').pop()!
    await page.close()
    await check('enrolment', () => `/wallet/programs/${learnerEnrolment}`, 'learner')
  })

  it('the organization’s programs, the program form and the review queue', async () => {
    await check('org-programs', () => `/orgs/${demo.org}/programs`)
    await check('program-form', () => `/orgs/${demo.org}/programs/new`)
    await check('review-queue', () => `/orgs/${demo.org}/reviews`)
  })

  it('the journey: a program for a target occupation, enrol, submit evidence, the assessor accepts, the credential arrives in the wallet, the pathway moves, the gap shrinks', async () => {
    const page = await owner.newPage()
    const gapSkills = async () => page.$$eval('.career-gap .skill-row-label', (rows) => rows.map((r) => (r.textContent ?? '').trim()))
    // Before: no pathway started, and the career planner lists what "research data steward" asks for.
    await page.goto(`${base}/wallet/pathways`)
    expect(await page.textContent('main')).toContain('No pathways started')
    await page.goto(`${base}/wallet/career`)
    await Promise.all([page.waitForURL(/done=saved/), page.getByRole('button', { name: 'Choose research data steward as your target' }).click()])
    const gapBefore = await gapSkills()
    expect(gapBefore).toContain('Python')
    expect(await page.textContent('.career-progress')).toContain('You have no verified credentials yet')
    // Find the program among those that close the gap, and open it from there.
    const suggested = page.locator('main a[href^="/programs/"]', { hasText: 'practical track' })
    expect(await suggested.getAttribute('href')).toBe(`/programs/${programId}`)
    await Promise.all([page.waitForURL(new RegExp(`/programs/${programId}$`)), suggested.click()])
    const achievement = ((await page.textContent('.prog-earn a')) ?? '').trim()
    expect(achievement).not.toBe('')
    await Promise.all([page.waitForURL(/\/wallet\/programs\//), page.click('.prog-enrol button[type=submit]')])
    const enrolmentUrl = page.url().split('?')[0]!
    const forms = page.locator('.prog-step form')
    await forms.nth(0).locator('textarea').fill('We keep raw data on a shared drive with a README per dataset.')
    await Promise.all([page.waitForURL(/done=submitted/), forms.nth(0).locator('button[type=submit]').click()])
    await page.locator('.prog-step form').nth(0).locator('textarea').fill('My final project: a data management plan.')
    await Promise.all([page.waitForURL(/done=submitted/), page.locator('.prog-step form').nth(0).locator('button[type=submit]').click()])
    expect(await page.textContent('main')).toContain('1 of 2 requirements met')

    await page.goto(`${base}/orgs/${demo.org}/reviews?status=submitted`)
    const mine = page.locator('.prog-review', { hasText: 'My final project' })
    await mine.locator('textarea').fill('A clear, complete plan.')
    await mine.locator('select[name=supervision]').selectOption('identity-verified')
    await Promise.all([page.waitForURL(/done=reviewed/), mine.locator('form').first().locator('button[type=submit]').click()])

    await page.goto(enrolmentUrl)
    expect(await page.textContent('main')).toContain('Your credential has been issued')
    await page.goto(`${base}/wallet`)
    await Promise.all([page.waitForLoadState('networkidle'), page.click('form[action="/wallet/claim-all"] button[type=submit]')])
    await page.goto(`${base}/wallet`)
    expect(await page.textContent('main')).toContain(achievement)

    // The credential is a part of the demo pathway "Data Analyst Professional" (any two of three).
    await page.goto(`${base}/wallet/pathways`)
    const progress = page.locator('.path-progress', { hasText: 'Data Analyst Professional' })
    expect(await progress.locator('.path-progress-head .pill').textContent()).toMatch(/1 of 2/)
    expect(await progress.locator('progress').getAttribute('value')).toBe('1')
    // The gap toward the target shrank by the skill the credential carries, and says where it comes from.
    await page.goto(`${base}/wallet/career`)
    const gapAfter = await gapSkills()
    expect(gapAfter).not.toContain('Python')
    expect(gapAfter).toEqual(gapBefore.filter((s) => s !== 'Python'))
    expect(await page.textContent('.career-covered')).toContain('Python')
    expect(await page.textContent('.career-covered')).toContain(achievement)
    await page.close()
  }, 120_000)
})
