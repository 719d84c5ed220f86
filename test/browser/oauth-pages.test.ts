// The OB 3.0 API's consent page and the connected apps page in Debian's Chromium at a desktop
// (1280 px) and a phone (390 px) width, against a real server: another wallet registers, the
// learner's browser is sent to the consent page (the client's name, what it asks in plain words,
// where it returns), allows, lands back at the client with a code; the app is then listed under
// Account › Connected apps and disconnected there. axe-core finds no serious or critical violation,
// nothing scrolls sideways. Screenshots land in test-artifacts/screenshots/oauth/ (and
// EMBLEM_SHOTS_DIR when set).
import { createHash, randomBytes } from 'node:crypto'
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hashSecret } from '../../src/app/platform/secret-token.js'
import { loadConfig } from '../../src/config.js'
import { SESSION_COOKIE } from '../../src/http/auth/tokens.js'
import { silentLogger } from '../../src/http/logger.js'
import { openServices, startServer, type RunningServer, type Services } from '../../src/main.js'
import { runAxe, seriousViolations } from '../support/a11y.js'
import { ARTIFACTS, hasChromium, launchBrowser, keepScreenshot } from '../support/browser.js'
import { freePort } from '../support/server-process.js'

const SHOTS = [join(ARTIFACTS, 'oauth'), process.env.EMBLEM_SHOTS_DIR].filter((d): d is string => Boolean(d))
const SCOPES = ['credential.readonly', 'credential.upsert', 'profile.readonly'].map((s) => `https://purl.imsglobal.org/spec/ob/v3p0/scope/${s}`)

describe.skipIf(!hasChromium)('the consent page and connected apps, at phone and desktop widths', () => {
  let dir: string
  let services: Services
  let server: RunningServer
  let browser: Browser
  let base: string
  let clientBase: string
  let clientId: string
  let cookie: { name: string; value: string; url: string }

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'emblem-oauth-pages-'))
    const port = await freePort()
    base = `http://127.0.0.1:${port}`
    clientBase = `http://localhost:${port}`
    const config = loadConfig({ PORT: String(port), EMBLEM_DATA_DIR: dir, EMBLEM_PUBLIC_URL: base, EMBLEM_LOG_LEVEL: 'silent' }, {})
    services = await openServices(config, silentLogger)
    server = await startServer(config, { log: silentLogger, platform: services.platform.platform, transparencyLog: services.transparencyLog, handleSignals: false })
    const now = new Date().toISOString()
    const userId = crypto.randomUUID()
    await services.store.db.insertInto('users').values({ id: userId, email: 'amara@example.org', name: 'Amara Okafor', password_hash: '$argon2id$unused', email_verified_at: now, created_at: now }).execute()
    const token = randomBytes(32).toString('base64url')
    await services.store.db.insertInto('sessions').values({ id_hash: hashSecret(token), user_id: userId, csrf_token: 'csrf', created_at: now, expires_at: new Date(Date.now() + 86_400_000).toISOString() }).execute()
    cookie = { name: SESSION_COOKIE, value: token, url: base }
    const reg = await fetch(`${base}/ims/ob/v3p0/oauth/reg`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ client_name: 'Lumen Wallet', client_uri: `${clientBase}/`, policy_uri: `${clientBase}/privacy`, tos_uri: `${clientBase}/terms`, redirect_uris: [`${clientBase}/callback`], scope: SCOPES.join(' '), software_id: 'lumen', software_version: '2.4' }),
    })
    expect(reg.status).toBe(201)
    clientId = ((await reg.json()) as { client_id: string }).client_id
    browser = await launchBrowser()
  }, 180_000)

  afterAll(async () => {
    await browser?.close()
    await server?.close()
    await services?.close()
    if (dir) await rm(dir, { recursive: true, force: true })
  })

  const authorizeUrl = () => {
    const verifier = randomBytes(32).toString('base64url')
    return `${base}/ims/ob/v3p0/oauth/auth?${new URLSearchParams({ response_type: 'code', client_id: clientId, redirect_uri: `${clientBase}/callback`, scope: SCOPES.join(' '), state: 'xyz', code_challenge: createHash('sha256').update(verifier).digest('base64url'), code_challenge_method: 'S256' })}`
  }

  async function look(page: Page, name: string) {
    for (const [width, label] of [[1280, 'desktop'], [390, 'mobile']] as const) {
      await page.setViewportSize({ width, height: 900 })
      const result = await runAxe(page)
      expect(seriousViolations(result), `${name} at ${width}px`).toEqual([])
      const overflow = (await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth')) as number
      expect(overflow, `${name} at ${width}px scrolls sideways`).toBeLessThanOrEqual(0)
      for (const d of SHOTS) {
        await mkdir(d, { recursive: true })
        await keepScreenshot(page, join(d, `${name}-${label}.png`))
      }
    }
  }

  it('shows who asks for what, and allowing returns a code to the client', async () => {
    const context: BrowserContext = await browser.newContext()
    await context.addCookies([cookie])
    const page = await context.newPage()
    await page.goto(authorizeUrl())
    await page.waitForURL(/\/oauth\/consent\//)
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Connect Lumen Wallet to your wallet?')
    const text = (await page.textContent('main')) ?? ''
    expect(text).toContain('See your credentials')
    expect(text).toContain('Add credentials to your wallet')
    expect(text).toContain('See your profile')
    expect(text).toContain('Signed in as Amara Okafor')
    expect(text).toContain(`localhost:${new URL(base).port}`)
    await look(page, 'consent')
    await page.setViewportSize({ width: 1280, height: 900 })
    const landed = page.waitForRequest((req) => req.url().startsWith(`${clientBase}/callback`))
    await page.getByRole('button', { name: 'Allow' }).click()
    const callback = new URL((await landed).url())
    expect(callback.searchParams.get('code')).toBeTruthy()
    expect(callback.searchParams.get('state')).toBe('xyz')
    await context.close()
  })

  it('lists the app under connected apps, and disconnecting it empties the list', async () => {
    const context: BrowserContext = await browser.newContext()
    await context.addCookies([cookie])
    const page = await context.newPage()
    await page.goto(`${base}/account/connections`)
    expect((await page.textContent('main')) ?? '').toContain('Lumen Wallet')
    await look(page, 'connections')
    await page.setViewportSize({ width: 1280, height: 900 })
    await page.getByRole('button', { name: 'Disconnect' }).click()
    await page.waitForURL(/revoked=1/)
    const text = (await page.textContent('main')) ?? ''
    expect(text).toContain('No connected apps')
    await look(page, 'connections-empty')
    await context.close()
  })

  it('a consent link opened elsewhere shows that it is no longer open (410)', async () => {
    const context: BrowserContext = await browser.newContext()
    await context.addCookies([cookie])
    const page = await context.newPage()
    const res = await page.goto(`${base}/oauth/consent/${randomBytes(16).toString('base64url')}`)
    expect(res?.status()).toBe(410)
    await look(page, 'consent-gone')
    await context.close()
  })
})
