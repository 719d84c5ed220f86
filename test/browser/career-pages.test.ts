// The occupation and career pages in Debian's Chromium at a desktop (1280 px) and a phone (390 px)
// width, against a real server with the demo (its demo occupations): occupation search and detail
// (public), the learner's career planner toward "research data steward" (covered skills with the
// credentials and why, including through a narrower skill; the gap, essential first), where a
// credential leads, and the demand signals (six learners with targets). axe-core finds no serious
// or critical violation and nothing scrolls sideways. Screenshots land in
// test-artifacts/screenshots/career/ (and EMBLEM_SHOTS_DIR when set).
import { createHash, randomBytes } from 'node:crypto'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, BrowserContext } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hashSecret } from '../../src/app/platform/secret-token.js'
import { displayOf } from '../../src/app/wallet/display.js'
import { loadConfig } from '../../src/config.js'
import { demoOccupationUri } from '../../src/core/occupations/index.js'
import { SESSION_COOKIE } from '../../src/http/auth/tokens.js'
import { silentLogger } from '../../src/http/logger.js'
import { openServices, startServer, type RunningServer, type Services } from '../../src/main.js'
import { runAxe, seriousViolations, type A11yResult } from '../support/a11y.js'
import { ARTIFACTS, hasChromium, launchBrowser, keepScreenshot } from '../support/browser.js'
import { freePort } from '../support/server-process.js'

const SHOTS = [join(ARTIFACTS, 'career'), process.env.EMBLEM_SHOTS_DIR].filter((d): d is string => Boolean(d))
const STEWARD = demoOccupationUri('research-data-steward')

describe.skipIf(!hasChromium)('the occupation and career pages, at phone and desktop widths', () => {
  let dir: string
  let services: Services
  let server: RunningServer
  let browser: Browser
  let base: string
  let cookie: { name: string; value: string; url: string }
  const results: Record<string, A11yResult> = {}

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'emblem-career-'))
    const port = await freePort()
    base = `http://127.0.0.1:${port}`
    const config = loadConfig({ PORT: String(port), EMBLEM_DATA_DIR: dir, EMBLEM_PUBLIC_URL: base, EMBLEM_LOG_LEVEL: 'silent' }, {})
    services = await openServices(config, silentLogger)
    server = await startServer(config, { log: silentLogger, platform: services.platform.platform, transparencyLog: services.transparencyLog, handleSignals: false })
    const { platform } = services.platform
    const { store } = services
    const demo = await platform.demo.seed({ count: 0 })
    const now = new Date().toISOString()
    const user = async (email: string, name: string) => {
      const id = crypto.randomUUID()
      await store.db.insertInto('users').values({ id, email, name, password_hash: '$argon2id$unused', email_verified_at: now, created_at: now }).execute()
      return id
    }
    const userId = await user('amara@example.org', 'Amara Okafor')
    const token = randomBytes(32).toString('base64url')
    await store.db.insertInto('sessions').values({ id_hash: hashSecret(token), user_id: userId, csrf_token: 'csrf', created_at: now, expires_at: new Date(Date.now() + 86_400_000).toISOString() }).execute()
    cookie = { name: SESSION_COOKIE, value: token, url: base }
    // The first two demo achievements: a data management plan (with FAIR data), web accessibility.
    for (const [i, achievementId] of demo.achievements.slice(0, 2).entries()) {
      const outcome = await platform.issuance.issueCredential({ orgId: demo.org.id, achievementId, input: { recipient: { email: 'amara@example.org', name: 'Amara Okafor' } } })
      if (outcome.replayed) throw new Error('not issued')
      const credential = outcome.view.credential as Record<string, unknown>
      const document = JSON.stringify(credential)
      const d = displayOf(credential)
      await store.repos.walletItems.insert({
        id: `w_claimed${i}`,
        userId,
        digest: createHash('sha256').update(document).digest('hex'),
        credentialId: outcome.view.id,
        issuedCredentialId: outcome.view.id,
        source: 'claim',
        format: 'vc-json',
        document,
        verified: true,
        report: JSON.stringify({ verified: true, checks: [] }),
        checkedAt: now,
        name: d.name,
        description: d.description ?? '',
        imageUrl: null,
        issuerId: d.issuer.id ?? null,
        issuerName: d.issuer.name,
        issuedAt: d.issuedAt ?? null,
        expiresAt: null,
        skills: d.skills,
        addedAt: now,
      })
    }
    await platform.career.setTargets(userId, [STEWARD, demoOccupationUri('data-analyst')])
    for (let i = 0; i < 5; i += 1) await platform.career.setTargets(await user(`cohort${i}@example.org`, `Cohort ${i}`), [i % 2 ? STEWARD : demoOccupationUri('data-analyst'), demoOccupationUri('project-coordinator')])
    browser = await launchBrowser()
  }, 180_000)

  afterAll(async () => {
    await mkdir(join(ARTIFACTS, 'career'), { recursive: true })
    await writeFile(join(ARTIFACTS, 'career', 'a11y.json'), JSON.stringify(results, null, 2))
    await browser?.close()
    await server?.close()
    await services?.close()
    await rm(dir, { recursive: true, force: true })
  })

  /** Opens `path` at both widths: no serious axe violation, no sideways scrolling, a screenshot each. */
  async function check(name: string, path: string, { status = 200, signedIn = false } = {}): Promise<string> {
    const context: BrowserContext = await browser.newContext()
    if (signedIn) await context.addCookies([cookie])
    const page = await context.newPage()
    const problems: string[] = []
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`))
    page.on('response', (res) => res.status() >= 400 && res.url() !== `${base}${path}` && problems.push(`HTTP ${res.status()} for ${res.url()}`))
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

  it('searches occupations, public', async () => {
    const text = await check('occupations', '/occupations?q=data')
    expect(text).toContain('research data steward')
    expect(text).toContain('data analyst')
  })
  it('shows an occupation’s essential and optional skills', async () => {
    const text = await check('occupation', `/occupations/${encodeURIComponent(STEWARD)}`)
    expect(text).toContain('Essential skills')
    expect(text).toContain('write a data management plan')
  })
  it('plans toward the target: covered skills and why (directly and through a narrower skill), the gap essential first', async () => {
    const text = await check('career-planner', '/wallet/career', { signedIn: true })
    expect(text).toContain('research data steward')
    expect(text).toMatch(/3 of 4 essential skills covered/)
    expect(text).toContain('Counts through the narrower skill')
    expect(text).toContain('data protection (GDPR)')
  })
  it('chooses a target through the form, without script', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false })
    await context.addCookies([cookie])
    const page = await context.newPage()
    await page.goto(`${base}/wallet/career?q=coordinator`)
    await page.getByRole('button', { name: 'Choose project coordinator as your target' }).click()
    await page.waitForURL(/done=saved/)
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('project coordinator')
    await page.goto(`${base}/wallet/career?occupation=${encodeURIComponent(STEWARD)}`)
    await context.close()
    await services.platform.platform.career.setTargets((await services.store.repos.accounts.userByEmail('amara@example.org'))!.id, [STEWARD, demoOccupationUri('data-analyst')])
  })
  it('shows where a credential leads', async () => {
    const text = await check('career-credential', '/wallet/career/credentials/w_claimed0', { signedIn: true })
    expect(text).toContain('research data steward')
  })
  it('shows the demand signals, aggregated', async () => {
    const text = await check('insights', '/insights/skills', { signedIn: true })
    expect(text).toContain('6 learners with a target occupation')
    expect(text).toContain('communicate clearly')
  })
})
