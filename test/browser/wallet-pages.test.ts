// The wallet pages in Debian's Chromium at a desktop (1280 px) and a phone (390 px) width, against a
// real server with the demo organization: the empty wallet, claiming everything sent to the
// learner's address with the button, the grid and the list, filters, a collection, a credential's
// wallet page, the e-mail addresses page and the signed-in claim page. axe-core finds no serious or
// critical violation and nothing scrolls sideways. Screenshots land in test-artifacts/screenshots/wallet/.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, BrowserContext } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hashPassword } from '../../src/app/accounts/password-hash.js'
import { loadConfig } from '../../src/config.js'
import { silentLogger } from '../../src/http/logger.js'
import { openServices, startServer, type RunningServer, type Services } from '../../src/main.js'
import { runAxe, seriousViolations, type A11yResult } from '../support/a11y.js'
import { ARTIFACTS, hasChromium, launchBrowser, keepScreenshot } from '../support/browser.js'
import { freePort } from '../support/server-process.js'

const SHOTS = process.env.WALLET_SHOTS ?? join(ARTIFACTS, 'wallet')
const EMAIL = 'lena.learner@example.org'
const PASSWORD = 'a long and careful passphrase'

describe.skipIf(!hasChromium)('the wallet pages, at phone and desktop widths', () => {
  let dir: string
  let services: Services
  let server: RunningServer
  let browser: Browser
  let context: BrowserContext
  let base: string
  let issue: (email: string, name: string, achievement?: number) => Promise<{ uuid: string; token: string }>
  const results: Record<string, A11yResult> = {}

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'emblem-wallet-'))
    const port = await freePort()
    base = `http://127.0.0.1:${port}`
    const config = loadConfig({ PORT: String(port), EMBLEM_DATA_DIR: dir, EMBLEM_PUBLIC_URL: base, EMBLEM_LOG_LEVEL: 'silent' }, {})
    services = await openServices(config, silentLogger)
    server = await startServer(config, { log: silentLogger, platform: services.platform.platform, transparencyLog: services.transparencyLog, handleSignals: false })
    const { platform } = services.platform
    const demo = await platform.demo.seed({ count: 0 })
    issue = async (email, name, achievement = 0) => {
      const outcome = await platform.issuance.issueCredential({ orgId: demo.org.id, achievementId: demo.achievements[achievement % demo.achievements.length]!, input: { recipient: { email, name } } })
      if (outcome.replayed) throw new Error('not issued')
      const uuid = outcome.view.id.replace('urn:uuid:', '')
      const mail = await services.store.db.selectFrom('outbox').select('text').where('text', 'like', `%/c/${uuid}%`).executeTakeFirstOrThrow()
      return { uuid, token: /\/claim\/([A-Za-z0-9_-]+)/.exec(mail.text)![1]! }
    }
    // A confirmed learner without an organization.
    const repos = services.store.repos
    const id = crypto.randomUUID()
    await repos.accounts.createUser({ id, email: EMAIL, name: 'Lena Learner', passwordHash: await hashPassword(PASSWORD) })
    await repos.accounts.markEmailVerified(id, new Date())
    browser = await launchBrowser()
    context = await browser.newContext()
    const page = await context.newPage()
    await page.goto(`${base}/sign-in`)
    await page.getByLabel('E-mail address').fill(EMAIL)
    await page.getByLabel('Password').fill(PASSWORD)
    await Promise.all([page.waitForURL(/\/wallet$/), page.getByRole('button', { name: 'Sign in' }).click()])
    await page.close()
  }, 120_000)

  afterAll(async () => {
    await mkdir(SHOTS, { recursive: true })
    await writeFile(join(SHOTS, 'a11y.json'), JSON.stringify(results, null, 2))
    await context?.close()
    await browser?.close()
    await server?.close()
    await services?.close()
    await rm(dir, { recursive: true, force: true })
  })

  /** Opens `path` signed in at both widths: no serious axe violation, no sideways scrolling, a screenshot each. */
  async function check(name: string, path: string, status = 200) {
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
      await mkdir(SHOTS, { recursive: true })
      await keepScreenshot(page, join(SHOTS, `${name}-${label}.png`))
    }
    expect(problems).toEqual([])
    await page.close()
  }

  it('an empty wallet says how to start, and the nav shows Wallet', async () => {
    await check('wallet-empty', '/wallet')
    const page = await context.newPage()
    await page.goto(`${base}/wallet`)
    expect(await page.getByRole('heading', { level: 2, name: 'Your wallet is empty' }).count()).toBe(1)
    expect(await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Wallet' }).getAttribute('aria-current')).toBe('page')
    await page.close()
  })

  it('claims what was sent to the learner with one button, then shows a grid, a list, filters and a credential', async () => {
    await issue(EMAIL, 'Lena Learner', 0)
    await issue(EMAIL, 'Lena Learner', 1)
    await issue(EMAIL, 'Lena Learner', 2)
    const page = await context.newPage()
    await page.setViewportSize({ width: 1280, height: 900 })
    await page.goto(`${base}/wallet`)
    await Promise.all([page.waitForURL(/notice=claimed&count=3/), page.getByRole('button', { name: 'Claim 3 credentials sent to you' }).click()])
    expect(await page.getByRole('status').first().textContent()).toContain('3 credentials were added to your wallet.')
    expect(await page.locator('.wallet-grid .badge-tile').count()).toBe(3)
    await check('wallet-grid', '/wallet')
    await page.getByRole('link', { name: 'List' }).click()
    await page.waitForURL(/view=list/)
    expect(await page.locator('.wallet-row').count()).toBe(3)
    await check('wallet-list', '/wallet?view=list&sort=name')
    // A filter narrows by the GET form (the page works without script: the Apply button is there).
    await check('wallet-filtered', '/wallet?status=valid&sort=expiry')

    // A collection with two credentials, ordered with the buttons.
    await page.getByLabel('Collection name').fill('Data skills')
    await Promise.all([page.waitForURL(/notice=collection-created/), page.getByRole('button', { name: 'Create collection' }).click()])
    expect(await page.getByRole('heading', { level: 2, name: 'This collection is empty' }).count()).toBe(1)
    await page.goto(`${base}/wallet`)
    const first = page.locator('.wallet-grid .badge-tile').first()
    const href = (await first.getAttribute('href'))!
    await page.goto(`${base}${href}`)
    expect(await page.locator('[data-verdict]').getAttribute('data-verdict')).toBe('verified')
    await page.getByLabel('Add to collection').selectOption({ label: 'Data skills' })
    await Promise.all([page.waitForURL(/notice=added-to-collection/), page.getByRole('button', { name: 'Add', exact: true }).click()])
    await check('wallet-credential', href.split('?')[0]!)
    await page.getByRole('link', { name: 'Data skills' }).first().click()
    expect(await page.getByRole('heading', { level: 2, name: 'Data skills' }).count()).toBe(1)
    const collectionUrl = new URL(page.url())
    await check('wallet-collection', `${collectionUrl.pathname}${collectionUrl.search.replace(/&?notice=[a-z-]+/, '')}&view=list`)
    await page.close()
  })

  it('the e-mail addresses page adds an address, and the claim page offers the wallet and refuses another address', async () => {
    const page = await context.newPage()
    await page.setViewportSize({ width: 1280, height: 900 })
    await page.goto(`${base}/account/emails`)
    await page.getByLabel('E-mail address').fill('lena@work.example.org')
    await Promise.all([page.waitForURL(/notice=added/), page.getByRole('button', { name: 'Add address' }).click()])
    expect(await page.locator('.wallet-email strong', { hasText: 'lena@work.example.org' }).count()).toBe(1)
    await check('wallet-emails', '/account/emails')
    const { token } = await issue('lena@work.example.org', 'Lena Learner', 1)
    await check('claim-signed-in', `/claim/${token}`)
    await page.goto(`${base}/claim/${token}`)
    const refused = await Promise.all([page.waitForURL(new RegExp(`/claim/${token}/wallet`)), page.getByRole('button', { name: 'Add to my wallet' }).click()])
    expect(refused).toBeDefined()
    expect(await page.getByRole('alert').textContent()).toContain('It was sent to another e-mail address.')
    await keepScreenshot(page, join(SHOTS, 'claim-refused-desktop.png'))
    await page.close()
  })
})
