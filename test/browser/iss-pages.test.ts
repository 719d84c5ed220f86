// The issuance pages in Debian's Chromium at a phone (390 px) and a desktop (1280 px) width, against
// an instance seeded by `emblem demo`: axe-core finds no serious or critical violation, nothing
// scrolls sideways, no console error. Also: a running batch's page follows its progress live
// (server-sent events) and shows the result when it finishes. Screenshots land in
// test-artifacts/screenshots/iss/.
import { execFile } from 'node:child_process'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config.js'
import { silentLogger } from '../../src/http/logger.js'
import { openServices, startServer, type RunningServer, type Services } from '../../src/main.js'
import { runAxe, seriousViolations, type A11yResult } from '../support/a11y.js'
import { ARTIFACTS, hasChromium, launchBrowser, keepScreenshot } from '../support/browser.js'
import { freePort } from '../support/server-process.js'

interface Demo {
  org: string
  apiKey: string
  email: string
  password: string
  achievements: string[]
}

const WIDTHS = [[1280, 'desktop'], [390, 'mobile']] as const

describe.skipIf(!hasChromium)('issuance pages, at phone and desktop widths', { timeout: 120_000 }, () => {
  let dir: string
  let services: Services
  let server: RunningServer
  let browser: Browser
  let context: BrowserContext
  let base: string
  let demo: Demo
  let credentialPath: string
  let previewPath: string
  let donePath: string
  let outboxPath: string
  const results: Record<string, A11yResult> = {}

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'emblem-iss-'))
    const port = await freePort()
    base = `http://127.0.0.1:${port}`
    const env = { PORT: String(port), EMBLEM_DATA_DIR: dir, EMBLEM_PUBLIC_URL: base, EMBLEM_LOG_LEVEL: 'silent' }
    const { stdout } = await promisify(execFile)('node', ['bin/emblem.mjs', 'demo', '--credentials', '6', '--json'], { env: { ...process.env, ...env } })
    demo = JSON.parse(stdout) as Demo
    const config = loadConfig(env, {})
    services = await openServices(config, silentLogger)
    server = await startServer(config, { log: silentLogger, platform: services.platform.platform, transparencyLog: services.transparencyLog, handleSignals: false })
    browser = await launchBrowser()
    context = await browser.newContext()
    const page = await context.newPage()
    await page.goto(`${base}/sign-in`)
    await page.fill('input[name=email]', demo.email)
    await page.fill('input[name=password]', demo.password)
    await Promise.all([page.waitForURL(/dashboard/), page.click('main button[type=submit]')])
    await page.close()
  }, 180_000)

  afterAll(async () => {
    await mkdir(join(ARTIFACTS, '..'), { recursive: true })
    await writeFile(join(ARTIFACTS, '..', 'iss-a11y.json'), JSON.stringify(results, null, 2))
    await browser?.close()
    await server?.close()
    await services?.close()
    await rm(dir, { recursive: true, force: true })
  })

  /** A page of the signed-in context that records console errors and failed requests. */
  async function openPage(): Promise<{ page: Page; problems: string[] }> {
    const page = await context.newPage()
    const problems: string[] = []
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`))
    page.on('console', (msg) => msg.type() === 'error' && !/status of (404|422|409)/.test(msg.text()) && problems.push(`console: ${msg.text()}`))
    return { page, problems }
  }

  /** Checks the page as it is now at one width: axe, no sideways scrolling, a screenshot. */
  async function checkNow(page: Page, name: string, label: string) {
    const result = await runAxe(page)
    results[`${name} (${label})`] = result
    expect(seriousViolations(result), `${name} (${label})`).toEqual([])
    const overflow = (await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth')) as number
    expect(overflow, `${name} (${label}) scrolls sideways`).toBeLessThanOrEqual(0)
    await mkdir(join(ARTIFACTS, 'iss'), { recursive: true })
    await keepScreenshot(page, join(ARTIFACTS, 'iss', `${name}-${label}.png`))
    return result.violations.length
  }

  /** Opens `path` at both widths (or runs `reach` to get there) and checks it. */
  async function check(name: string, path: string | ((page: Page) => Promise<void>), { status = 200, waitUntil = 'networkidle' as 'networkidle' | 'load' } = {}) {
    const { page, problems } = await openPage()
    for (const [width, label] of WIDTHS) {
      await page.setViewportSize({ width, height: 900 })
      if (typeof path === 'string') {
        const res = await page.goto(`${base}${path}`, { waitUntil })
        expect(res?.status(), `${name} answers ${status}`).toBe(status)
      } else {
        await path(page)
      }
      await checkNow(page, name, label)
    }
    expect(problems).toEqual([])
    await page.close()
  }

  const orgPath = () => `/orgs/${demo.org}`
  const submitAndWait = (page: Page, selector: string) => Promise.all([page.waitForLoadState('load'), page.waitForNavigation(), page.click(selector)])

  it('the issue form, empty', () => check('issue-form', `${orgPath()}/issue`))

  it('the issue form with its errors (422)', () =>
    check('issue-form-errors', async (page) => {
      await page.goto(`${base}${orgPath()}/issue`)
      // The browser would refuse the empty form; the server's answer is what this page is about.
      await page.evaluate(`document.getElementById('issue-form').noValidate = true`)
      await page.fill('#field-email', 'not-an-email')
      await submitAndWait(page, '#issue-form button[type=submit]')
      expect(await page.locator('.error-summary').count()).toBe(1)
      expect(await page.locator('#field-achievement-error').innerText()).toContain('Choose the achievement to issue')
    }))

  it('issues a credential through the form and shows its page', async () => {
    const { page } = await openPage()
    await page.goto(`${base}${orgPath()}/issue`)
    await page.selectOption('#field-achievement', { index: 1 })
    await page.fill('#field-name', 'Zoë Browser')
    await page.fill('#field-email', 'zoe.browser@example.org')
    await submitAndWait(page, '#issue-form button[type=submit]')
    expect(page.url()).toMatch(/\/credentials\/[0-9a-f-]{36}\?done=issued$/)
    credentialPath = new URL(page.url()).pathname
    await page.close()
  })

  it('the credential’s page (unclaimed, with its actions)', () => check('credential-detail', credentialPath))
  it('the revoke confirmation step', () => check('revoke-confirm', `${credentialPath}/revoke`))
  it('the credentials list', () => check('credentials-list', `${orgPath()}/credentials`))
  it('the credentials list, filtered to nothing', () => check('credentials-empty', `${orgPath()}/credentials?q=nobody-at-all`))

  it('the outbox and a message with its HTML version', async () => {
    await check('outbox', `${orgPath()}/outbox`)
    const { page } = await openPage()
    await page.goto(`${base}${orgPath()}/outbox`)
    outboxPath = (await page.locator('#outbox tbody a').first().getAttribute('href'))!
    await page.close()
    await check('outbox-message', outboxPath)
  }, 180_000)

  it('the bulk upload form', () => check('bulk-upload', `${orgPath()}/batches/new`))

  it('the preview of an uploaded file, at its own URL', async () => {
    const { page } = await openPage()
    await page.goto(`${base}${orgPath()}/batches/new`)
    await page.selectOption('#field-achievement', { index: 1 })
    await page.setInputFiles('#field-file', { name: 'autumn cohort.csv', mimeType: 'text/csv', buffer: Buffer.from('email,name\nkai@example.org,Kai Nakamura\nnot-an-email,Broken Row\nlena@example.org,Lena Schröder\n') })
    await submitAndWait(page, '#bulk-form button[type=submit]')
    previewPath = new URL(page.url()).pathname
    expect(previewPath).toMatch(/\/batches\/uploads\/[0-9a-f-]{36}$/)
    await page.close()
    await check('bulk-preview', previewPath)
  })

  it('a finished batch, after confirming the preview', async () => {
    const { page } = await openPage()
    await page.goto(`${base}${previewPath}`)
    await submitAndWait(page, '#confirm-form button[type=submit]')
    donePath = new URL(page.url()).pathname
    // The live progress swaps the result in once the batch is done.
    await page.locator('[data-batch-live] .pill[data-state="done"]').waitFor({ timeout: 30_000 })
    expect(await page.locator('#progress-text').innerText()).toContain('2 issued, 1 not issued')
    await page.close()
    await check('batch-done', `${donePath}?done=queued`)
  })

  it('the batches list', () => check('batches', `${orgPath()}/batches`))

  it('a running batch follows its progress live, then shows the result', async () => {
    const started = await fetch(`${base}/api/v1${orgPath()}/achievements/${demo.achievements[0]}/batches`, {
      method: 'POST',
      headers: { authorization: `Bearer ${demo.apiKey}`, 'content-type': 'text/csv' },
      body: 'email,name\nrow1@example.org,Row One\nrow2@example.org,Row Two\nrow3@example.org,Row Three\nrow4@example.org,Row Four\n',
    })
    const { id } = (await started.json()) as { id: string }
    const db = services.store.db
    // Finished or not, make it look half-way and leased elsewhere, so this page sees it run.
    for (let i = 0; i < 100; i++) {
      const row = await db.selectFrom('batches').select('state').where('id', '=', id).executeTakeFirstOrThrow()
      if (row.state === 'done') break
      await new Promise((r) => setTimeout(r, 100))
    }
    await db.updateTable('batches').set({ state: 'running', next_row: 1, issued: 1, failed: 0 }).where('id', '=', id).execute()
    await db.updateTable('batch_parts').set({ done: 0, lease_owner: 'elsewhere', lease_until: '2099-01-01T00:00:00Z' }).where('batch_id', '=', id).execute()
    const path = `${orgPath()}/batches/${id}`
    await check('batch-running', path, { waitUntil: 'load' })

    const { page, problems } = await openPage()
    await page.setViewportSize({ width: 1280, height: 900 })
    await page.goto(`${base}${path}`, { waitUntil: 'load' })
    expect(await page.locator('a.no-js').isVisible()).toBe(false)
    expect(await page.locator('[data-batch-progress] progress').getAttribute('value')).toBe('1')
    await db.updateTable('batches').set({ next_row: 3, issued: 3 }).where('id', '=', id).execute()
    type Doc = { document: { querySelector(selector: string): { value: number } | null } }
    await page.waitForFunction(() => (globalThis as unknown as Doc).document.querySelector('[data-batch-progress] progress')?.value === 3, undefined, { timeout: 10_000 })
    expect(await page.locator('[data-batch-count="issued"]').innerText()).toBe('3')
    await db.updateTable('batches').set({ state: 'done', next_row: 4, issued: 4 }).where('id', '=', id).execute()
    await db.updateTable('batch_parts').set({ done: 1, lease_owner: null, lease_until: null }).where('batch_id', '=', id).execute()
    await page.locator('[data-batch-live] .pill[data-state="done"]').waitFor({ timeout: 10_000 })
    expect(await page.locator('#progress-text').innerText()).toContain('4 of 4 rows handled (100%): 4 issued, 0 not issued.')
    expect(await page.locator('text=Refresh').count()).toBe(0)
    await keepScreenshot(page, join(ARTIFACTS, 'iss', 'batch-finished-live-desktop.png'))
    expect(problems).toEqual([])
    await page.close()
  }, 60_000)
})
