// The claim pages in Debian's Chromium at a desktop (1280 px) and a phone (390 px) width, against a
// real server with the demo organization: a fresh claim link, a used one, and one replaced by a
// newer link. axe-core finds no serious or critical violation, nothing scrolls sideways, and the
// journey works: accept → the credential page; the used link → its page and "send me a new link".
// Screenshots land in test-artifacts/screenshots/claim/.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config.js'
import { silentLogger } from '../../src/http/logger.js'
import { openServices, startServer, type RunningServer, type Services } from '../../src/main.js'
import { runAxe, seriousViolations, type A11yResult } from '../support/a11y.js'
import { ARTIFACTS, hasChromium, launchBrowser, keepScreenshot } from '../support/browser.js'
import { freePort } from '../support/server-process.js'

describe.skipIf(!hasChromium)('the claim pages, at phone and desktop widths', () => {
  let dir: string
  let services: Services
  let server: RunningServer
  let browser: Browser
  let base: string
  let issue: (email: string, name: string) => Promise<{ uuid: string; token: string }>
  const results: Record<string, A11yResult> = {}

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'emblem-claim-'))
    const port = await freePort()
    base = `http://127.0.0.1:${port}`
    const config = loadConfig({ PORT: String(port), EMBLEM_DATA_DIR: dir, EMBLEM_PUBLIC_URL: base, EMBLEM_LOG_LEVEL: 'silent' }, {})
    services = await openServices(config, silentLogger)
    server = await startServer(config, { log: silentLogger, platform: services.platform.platform, transparencyLog: services.transparencyLog, handleSignals: false })
    const { platform } = services.platform
    const demo = await platform.demo.seed({ count: 0 })
    issue = async (email, name) => {
      const outcome = await platform.issuance.issueCredential({ orgId: demo.org.id, achievementId: demo.achievements[0]!, input: { recipient: { email, name } } })
      if (outcome.replayed) throw new Error('not issued')
      const uuid = outcome.view.id.replace('urn:uuid:', '')
      const mail = await services.store.db.selectFrom('outbox').select('text').where('text', 'like', `%/c/${uuid}%`).executeTakeFirstOrThrow()
      return { uuid, token: /\/claim\/([A-Za-z0-9_-]+)/.exec(mail.text)![1]! }
    }
    browser = await launchBrowser()
  }, 120_000)

  afterAll(async () => {
    await mkdir(join(ARTIFACTS, 'claim'), { recursive: true })
    await writeFile(join(ARTIFACTS, 'claim', 'a11y.json'), JSON.stringify(results, null, 2))
    await browser?.close()
    await server?.close()
    await services?.close()
    await rm(dir, { recursive: true, force: true })
  })

  /** Opens `path` at both widths: no serious axe violation, no sideways scrolling, a screenshot each. */
  async function check(name: string, path: string, status = 200) {
    const context = await browser.newContext()
    const page = await context.newPage()
    const problems: string[] = []
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`))
    page.on('response', (res) => res.status() >= 400 && res.url() !== `${base}${path}` && problems.push(`HTTP ${res.status()} for ${res.url()}`))
    for (const [width, label] of [[1280, 'desktop'], [390, 'mobile']] as const) {
      await page.setViewportSize({ width, height: 900 })
      const res = await page.goto(`${base}${path}`, { waitUntil: 'networkidle' })
      expect(res?.status(), `${name} answers ${status}`).toBe(status)
      const result = await runAxe(page)
      results[`${name} (${label})`] = result
      expect(seriousViolations(result), `${name} at ${width}px`).toEqual([])
      const overflow = (await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth')) as number
      expect(overflow, `${name} at ${width}px scrolls sideways`).toBeLessThanOrEqual(0)
      await mkdir(join(ARTIFACTS, 'claim'), { recursive: true })
      await keepScreenshot(page, join(ARTIFACTS, 'claim', `${name}-${label}.png`))
    }
    expect(problems).toEqual([])
    await context.close()
  }

  it('a fresh claim link', async () => {
    const { token } = await issue('fresh@example.org', 'Amélie Laurent')
    await check('claim-fresh', `/claim/${token}`)
  })

  it('accepting, then the used link: its page links to the credential and offers a new link, which replaces it', async () => {
    const { uuid, token } = await issue('used@example.org', 'Jonas Vermeulen')
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    await page.goto(`${base}/claim/${token}`)
    await Promise.all([page.waitForURL(new RegExp(`/c/${uuid}\\?accepted=1`)), page.getByRole('button', { name: 'Accept credential' }).click()])
    await page.goto(`${base}/claim/${token}`)
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('You already accepted this credential')
    expect(await page.getByRole('link', { name: 'Open your credential' }).getAttribute('href')).toBe(`/c/${uuid}`)
    await check('claim-used', `/claim/${token}`)
    await Promise.all([page.waitForURL(/\?sent=1$/), page.getByRole('button', { name: 'Send me a new link' }).click()])
    expect(await page.getByRole('status').first().textContent()).toContain('If a new link can be sent for this credential')
    await page.close()
    await check('claim-replaced', `/claim/${token}`)
  })

  it('an unknown link', () => check('claim-unknown', `/claim/${'x'.repeat(43)}`, 400))
})
