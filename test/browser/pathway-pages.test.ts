// The pathway pages in Debian's Chromium at a phone (390 px) and a desktop (1280 px) width, against a
// server seeded by `emblem demo` (the "Data Analyst Professional" pathway: any two of three parts; the
// demo learner holds one). The journey: the learner sees 1 of 2 on /wallet/pathways with a missing
// part; the issuer's pathway page counts one learner at 1/2; the main organization issues a second
// part to the learner; the learner's progress moves to "Awarded", the target credential is issued to
// them, and the issuer's page counts the learner at 2/2. axe-core finds no serious
// or critical violation, nothing scrolls sideways, no console errors. Screenshots (JPEG) in
// docs/screenshots/programs/ (pathway-*, wallet-pathways-*) and test-artifacts/screenshots/pathways/.
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
  email: string
  password: string
  org: string
  apiKey: string
  orgs: { slug: string; achievements: string[] }[]
  learner: { email: string; password: string }
}

const DOCS = join(process.cwd(), 'docs', 'screenshots', 'programs')

describe.skipIf(!hasChromium)('the pathway pages, at phone and desktop widths', () => {
  let dir: string
  let server: ChildProcess
  let browser: Browser
  let owner: BrowserContext
  let learner: BrowserContext
  let base: string
  let demo: Demo
  let pathwayId: string

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
    dir = await mkdtemp(join(tmpdir(), 'emblem-pathway-pages-'))
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
  }, 240_000)

  afterAll(async () => {
    await owner?.close()
    await learner?.close()
    await browser?.close()
    server?.kill('SIGTERM')
    await rm(dir, { recursive: true, force: true })
  })

  /** Opens `path` at both widths as `who`, checks it, keeps screenshots (JPEG under docs/ when `doc` names them). */
  async function check(name: string, path: string, who: 'anonymous' | 'owner' | 'learner', doc?: string): Promise<Page> {
    const context = who === 'anonymous' ? await browser.newContext() : who === 'owner' ? owner : learner
    const page = await context.newPage()
    const problems: string[] = []
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`))
    page.on('console', (msg) => msg.type() === 'error' && !/status of 4\d\d/.test(msg.text()) && problems.push(`console: ${msg.text()}`))
    for (const [width, label] of [[1280, 'desktop'], [390, 'mobile']] as const) {
      await page.setViewportSize({ width, height: 900 })
      const res = await page.goto(`${base}${path}`, { waitUntil: 'networkidle' })
      expect(res?.status(), `${name} answers 200`).toBe(200)
      expect(seriousViolations(await runAxe(page)), `${name} at ${width}px`).toEqual([])
      const overflow = (await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth')) as number
      expect(overflow, `${name} at ${width}px scrolls sideways`).toBeLessThanOrEqual(0)
      await mkdir(join(ARTIFACTS, 'pathways'), { recursive: true })
      await keepScreenshot(page, join(ARTIFACTS, 'pathways', `${name}-${label}.png`))
      if (doc) {
        await mkdir(DOCS, { recursive: true })
        await keepScreenshot(page, join(DOCS, `${doc}-${label}.jpg`))
      }
    }
    expect(problems).toEqual([])
    return page
  }

  const progressText = async () => {
    const page = await learner.newPage()
    await page.goto(`${base}/wallet/pathways`)
    const text = (await page.textContent('main')) ?? ''
    await page.close()
    return text
  }

  it('the learner sees the demo pathway started: one part held, one more needed', async () => {
    const page = await check('wallet-pathways', '/wallet/pathways', 'learner', 'wallet-pathways')
    const text = (await page.textContent('main')) ?? ''
    expect(text).toContain('Data Analyst Professional')
    expect(text).toContain('1 of 2')
    expect(await page.$$eval('.path-progress .pill.ok', (els) => els.length)).toBe(1)
    pathwayId = (await page.$eval('.path-progress h2 a', (a) => a.getAttribute('href') ?? '')).split('/').pop()!
    await page.close()
  })

  it('the public pathway page shows what it takes, the parts as badge tiles', async () => {
    const page = await check('pathway-public', `/pathways/${pathwayId}`, 'anonymous', 'pathway')
    expect(await page.$$eval('.badge-grid .badge-tile', (els) => els.length)).toBe(3)
    expect((await page.textContent('main')) ?? '').toContain('Any 2 of 3 parts')
    await page.close()
  })

  it('the issuer sees learners at each step; the form and the list render', async () => {
    const page = await check('org-pathway', `/orgs/${demo.org}/pathways/${pathwayId}`, 'owner')
    expect(await page.$$eval('.path-step-count', (els) => els.map((e) => e.textContent))).toEqual(['no learners', '1 learner', 'no learners'])
    await page.close()
    await (await check('org-pathways', `/orgs/${demo.org}/pathways`, 'owner')).close()
    await (await check('org-pathway-edit', `/orgs/${demo.org}/pathways/${pathwayId}/edit`, 'owner')).close()
  })

  it('when a second part arrives, the learner’s progress moves to awarded and the issuer counts them at 2/2', async () => {
    const python = demo.orgs[0]!.achievements[3]!
    const res = await fetch(`${base}/api/v1/orgs/${demo.org}/achievements/${python}/credentials`, {
      method: 'POST',
      headers: { authorization: `Bearer ${demo.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ recipient: { email: demo.learner.email, name: 'Alex Morgan' } }),
    })
    expect(res.status).toBe(201)
    const text = await progressText()
    expect(text).toContain('Awarded')
    const page = await owner.newPage()
    await page.goto(`${base}/orgs/${demo.org}/pathways/${pathwayId}`)
    expect(await page.$$eval('.path-step-count', (els) => els.map((e) => e.textContent))).toEqual(['no learners', 'no learners', '1 learner'])
    await page.close()
    // The target credential was issued to the learner: its public page names it.
    const mine = (await (await learner.request.get(`${base}/api/v1/me/pathways`)).json()) as { items: { awarded: boolean; credentialId: string | null }[] }
    expect(mine.items[0]).toMatchObject({ awarded: true, credentialId: expect.stringMatching(/^urn:uuid:/) })
    const credential = await learner.newPage()
    await credential.goto(`${base}/c/${mine.items[0]!.credentialId!.replace('urn:uuid:', '')}`)
    expect((await credential.textContent('main')) ?? '').toContain('Data Analyst Professional')
    await credential.close()
  })
})
