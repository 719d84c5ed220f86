// The talent pages in Debian's Chromium at a desktop (1280 px) and a phone (390 px) width, against
// a real server with the demo (organizations, the demo learner, the employer side): the employer's
// search with results, a saved search, the conversation page; the learner's visibility page (who
// viewed them) and messages (who contacted them); the profile settings' opt-in card. axe-core finds
// no serious or critical violation and nothing scrolls sideways. Screenshots land in
// test-artifacts/screenshots/talent/ (and EMBLEM_SHOTS_DIR when set).
import { randomBytes } from 'node:crypto'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, BrowserContext } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hashSecret } from '../../src/app/platform/secret-token.js'
import { loadConfig } from '../../src/config.js'
import { SESSION_COOKIE } from '../../src/http/auth/tokens.js'
import { silentLogger } from '../../src/http/logger.js'
import { localFetch } from '../../src/http/routes/public-credentials.js'
import { createApp, openServices, startServer, type RunningServer, type Services } from '../../src/main.js'
import { runAxe, seriousViolations, type A11yResult } from '../support/a11y.js'
import { ARTIFACTS, hasChromium, launchBrowser, keepScreenshot } from '../support/browser.js'
import { freePort } from '../support/server-process.js'

const SHOTS = [join(ARTIFACTS, 'talent'), process.env.EMBLEM_SHOTS_DIR].filter((d): d is string => Boolean(d))

describe.skipIf(!hasChromium)('the talent pages, at phone and desktop widths', () => {
  let dir: string
  let services: Services
  let server: RunningServer
  let browser: Browser
  let base: string
  const cookies: Record<'employer' | 'learner' | 'none', { name: string; value: string; url: string }[]> = { employer: [], learner: [], none: [] }
  const results: Record<string, A11yResult> = {}
  let org = ''

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'emblem-talent-'))
    const port = await freePort()
    base = `http://127.0.0.1:${port}`
    const config = loadConfig({ PORT: String(port), EMBLEM_DATA_DIR: dir, EMBLEM_PUBLIC_URL: base, EMBLEM_LOG_LEVEL: 'silent' }, {})
    services = await openServices(config, silentLogger)
    server = await startServer(config, { log: silentLogger, platform: services.platform.platform, transparencyLog: services.transparencyLog, handleSignals: false })
    const { platform } = services.platform
    const app = createApp(config, { log: silentLogger, transparencyLog: services.transparencyLog, platform })
    const fetchLocal = localFetch((path, init) => app.request(path, init))
    const seed = await platform.demo.seed({ count: 0 })
    const main = seed.orgs[0]!
    const learner = await platform.demo.seedLearner({ id: main.id, achievements: main.achievements }, fetchLocal)
    const employer = await platform.demo.seedTalent(seed.orgs, fetchLocal, learner.handle)
    org = employer.org
    const sessionOf = async (email: string) => {
      const user = await services.store.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()
      const token = randomBytes(32).toString('base64url')
      const now = new Date().toISOString()
      await services.store.db.insertInto('sessions').values({ id_hash: hashSecret(token), user_id: user.id, csrf_token: 'csrf', created_at: now, expires_at: new Date(Date.now() + 86_400_000).toISOString() }).execute()
      return [{ name: SESSION_COOKIE, value: token, url: base }]
    }
    cookies.employer = await sessionOf(employer.email)
    cookies.learner = await sessionOf(learner.email)
    browser = await launchBrowser()
  }, 300_000)

  afterAll(async () => {
    await mkdir(join(ARTIFACTS, 'talent'), { recursive: true })
    await writeFile(join(ARTIFACTS, 'talent', 'a11y.json'), JSON.stringify(results, null, 2))
    await browser?.close()
    await server?.close()
    await services?.close()
    await rm(dir, { recursive: true, force: true })
  })

  async function check(name: string, path: string, as: keyof typeof cookies, { status = 200 } = {}): Promise<string> {
    const context: BrowserContext = await browser.newContext()
    await context.addCookies(cookies[as])
    const page = await context.newPage()
    const problems: string[] = []
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`))
    let text = ''
    for (const [width, label] of [[1280, 'desktop'], [390, 'mobile']] as const) {
      await page.setViewportSize({ width, height: 900 })
      const res = await page.goto(`${base}${path}`, { waitUntil: 'networkidle' })
      expect(res?.status(), `${name} answers ${status}`).toBe(status)
      const result = await runAxe(page)
      results[`${name} (${label})`] = result
      expect(seriousViolations(result), `${name} at ${width}px`).toEqual([])
      const overflow = (await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth')) as number
      expect(overflow, `${name} at ${width}px scrolls sideways`).toBeLessThanOrEqual(0)
      for (const d of SHOTS) {
        await mkdir(d, { recursive: true })
        await keepScreenshot(page, join(d, `${name}-${label}.png`))
      }
      text = (await page.textContent('main')) ?? ''
    }
    expect(problems).toEqual([])
    await context.close()
    return text
  }

  it('the employer searches by a broader skill and finds opted-in learners with their proofs', async () => {
    const text = await check('employer-search', `/employers/search?org=${org}&skills=analyse+data`, 'employer')
    for (const name of ['Amara Okafor', 'Lukas Becker', 'Sofía Ramírez']) expect(text).toContain(name)
    expect(text).not.toContain('@example.org')
    expect(text).toContain('Verified')
  })
  it('the employer search with filters, all of two skills', () => check('employer-search-filtered', `/employers/search?org=${org}&skills=Python%0D%0Avisualise+data&country=ES`, 'employer').then((t) => expect(t).toContain('Sofía Ramírez')))
  it('the employer search before searching', () => check('employer-search-start', `/employers/search?org=${org}`, 'employer').then((t) => expect(t).toContain('Search by skills')))
  it('the employer’s conversation with the demo learner', () => check('employer-contact', `/employers/learners/alex-morgan?org=${org}`, 'employer').then((t) => expect(t).toContain('Alex Morgan')))
  it('creating an employer account', () => check('employer-new', '/employers/new', 'learner').then((t) => expect(t).toContain('Create an employer account')))
  it('the learner sees who viewed them', () => check('learner-visibility', '/wallet/visibility', 'learner').then((t) => expect(t).toContain('Northwind Analytics')))
  it('the learner reads who contacted them', () => check('learner-messages', '/wallet/messages', 'learner').then((t) => expect(t).toContain('would you like to talk?')))
  it('the opt-in card on the profile settings', () => check('learner-profile-settings', '/wallet/profile', 'learner').then((t) => expect(t).toContain('Let employers find me')))
})
