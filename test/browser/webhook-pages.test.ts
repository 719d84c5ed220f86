// The webhook pages in Debian's Chromium at a phone (390 px) and a desktop (1280 px) width, against
// a server seeded by `emblem demo` whose worker really delivers: an admin adds an endpoint through
// the form (a refused URL first), sends two test events to a local receiver that fails the first
// on purpose, and reads the delivery log (one retrying after HTTP 503, one delivered) and a
// delivery's attempts. axe-core finds no serious or critical violation, nothing scrolls sideways, no
// console errors. Screenshots in test-artifacts/screenshots/webhooks/.
import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runAxe, seriousViolations, type A11yResult } from '../support/a11y.js'
import { ARTIFACTS, hasChromium, launchBrowser, keepScreenshot } from '../support/browser.js'
import { freePort, waitForServer } from '../support/server-process.js'

interface Demo {
  org: { slug: string } | string
  email: string
  password: string
}

describe.skipIf(!hasChromium)('the webhook pages, at phone and desktop widths', () => {
  let dir: string
  let server: ChildProcess
  let receiver: Server
  let receiverUrl: string
  let received = 0
  let browser: Browser
  let owner: BrowserContext
  let base: string
  let slug: string
  let endpointPath = ''
  let deliveryPath = ''
  const results: Record<string, A11yResult> = {}

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      req.resume()
      req.on('end', () => {
        received += 1
        if (received === 1) res.writeHead(503, { 'content-type': 'text/plain' }).end('Receiver is restarting, try again later')
        else res.writeHead(200, { 'content-type': 'application/json' }).end('{"received":true}')
      })
    })
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/emblem`
    dir = await mkdtemp(join(tmpdir(), 'emblem-webhook-pages-'))
    const port = await freePort()
    base = `http://127.0.0.1:${port}`
    const env = { ...process.env, EMBLEM_DATA_DIR: dir, PORT: String(port), EMBLEM_PUBLIC_URL: base, EMBLEM_LOG_LEVEL: 'silent', EMBLEM_FETCH_ALLOW_HTTP: 'true', EMBLEM_FETCH_ALLOW_PRIVATE: 'true' }
    const { stdout } = await promisify(execFile)('node', ['bin/emblem.mjs', 'demo', '--credentials', '4', '--json'], { env })
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
    await mkdir(join(ARTIFACTS, 'webhooks'), { recursive: true })
    await writeFile(join(ARTIFACTS, 'webhooks', 'a11y.json'), JSON.stringify(results, null, 2))
    await owner?.close()
    await browser?.close()
    server?.kill('SIGTERM')
    await new Promise((resolve) => receiver?.close(resolve))
    await rm(dir, { recursive: true, force: true })
  })

  async function check(name: string, path: () => string, { status = 200, before }: { status?: number; before?: (page: Page) => Promise<void> } = {}) {
    const page = await owner.newPage()
    const problems: string[] = []
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`))
    page.on('console', (msg) => msg.type() === 'error' && !/status of 4\d\d/.test(msg.text()) && problems.push(`console: ${msg.text()}`))
    for (const [width, label] of [[1280, 'desktop'], [390, 'mobile']] as const) {
      await page.setViewportSize({ width, height: 900 })
      if (before) await before(page)
      else {
        const res = await page.goto(`${base}${path()}`, { waitUntil: 'networkidle' })
        expect(res?.status(), `${name} answers ${status}`).toBe(status)
      }
      const result = await runAxe(page)
      results[`${name} (${label})`] = result
      expect(seriousViolations(result), `${name} at ${width}px`).toEqual([])
      const overflow = (await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth')) as number
      expect(overflow, `${name} at ${width}px scrolls sideways`).toBeLessThanOrEqual(0)
      await mkdir(join(ARTIFACTS, 'webhooks'), { recursive: true })
      await keepScreenshot(page, join(ARTIFACTS, 'webhooks', `${name}-${label}.png`))
    }
    expect(problems).toEqual([])
    await page.close()
  }

  it('the empty list', () => check('webhooks-empty', () => `/orgs/${slug}/webhooks`))

  it('a refused URL keeps the form with its errors', () =>
    check('webhooks-refused', () => '', {
      before: async (page) => {
        await page.goto(`${base}/orgs/${slug}/webhooks`)
        await page.fill('#field-url', 'ftp://crm.example.org/in')
        await page.uncheck('#field-events-0')
        const [res] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.click('#create button[type=submit]')])
        expect(res.status()).toBe(422)
        await page.waitForLoadState('networkidle')
        expect(await page.locator('.error-summary a').count()).toBe(2)
      },
    }))

  it('adds an endpoint, sends test events and shows the delivery log', async () => {
    const page = await owner.newPage()
    await page.goto(`${base}/orgs/${slug}/webhooks`)
    await page.fill('#field-url', receiverUrl)
    await page.fill('#field-description', 'CRM sync')
    await page.check('#field-events-2')
    await Promise.all([page.waitForURL(/done=created/), page.click('#create button[type=submit]')])
    endpointPath = new URL(page.url()).pathname
    expect(await page.textContent('#hook-secret')).toMatch(/^whsec_/)
    // Two test events: the receiver fails the first on purpose (retried later), takes the second.
    await Promise.all([page.waitForURL(/done=tested/), page.click('main form[action$="/test"] button')])
    for (let i = 0; i < 60 && received < 1; i++) await page.waitForTimeout(250)
    await Promise.all([page.waitForURL(/done=tested/), page.click('main form[action$="/test"] button')])
    for (let i = 0; i < 60 && received < 2; i++) await page.waitForTimeout(250)
    await page.waitForTimeout(500)
    await page.goto(`${base}${endpointPath}`)
    const log = await page.textContent('#webhook-deliveries')
    expect(log).toContain('HTTP 503')
    expect(log).toContain('HTTP 200')
    deliveryPath = (await page.locator('#webhook-deliveries a[href*="/deliveries/msg_"]').last().getAttribute('href')) ?? ''
    expect(deliveryPath).toMatch(/\/deliveries\/msg_/)
    await page.close()
  }, 60_000)

  it('the list with an endpoint', () => check('webhooks-list', () => `/orgs/${slug}/webhooks`))
  it('the endpoint and its delivery log', () => check('webhook-delivery-log', () => endpointPath))
  it('a delivery with its attempts', () => check('webhook-delivery', () => deliveryPath))
  it('redelivers from the delivery page', async () => {
    const page = await owner.newPage()
    await page.goto(`${base}${deliveryPath}`)
    await Promise.all([page.waitForURL(/done=redelivered/), page.click('main form[action$="/redeliver"] button')])
    for (let i = 0; i < 60 && received < 3; i++) await page.waitForTimeout(250)
    expect(received).toBeGreaterThanOrEqual(3)
    await page.close()
  }, 30_000)
})
