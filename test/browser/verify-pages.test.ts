// /verify in Debian's Chromium at a desktop (1280 px) and a phone (390 px) width, against a real
// server: a valid credential of this instance, a revoked one, an expired one from another issuer
// (did:key) and a tampered copy, each verified with script off (the form posts to the server) and on
// (the file upload, verified in the browser, and a ?url= link). The verdict's hooks (data-verdict,
// data-checked-in) say the same thing either way; axe-core finds no serious or critical violation; nothing scrolls sideways.
// Screenshots land in test-artifacts/screenshots/verify/ (and /work/notes/shots/intake when it exists).
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config.js'
import { createSigner, didKeyOf, generateKeyPair, signCredential } from '../../src/core/proof/index.js'
import { silentLogger } from '../../src/http/logger.js'
import { buildPng } from '../../src/media/fixtures/build-png.js'
import { hashPassword } from '../../src/app/accounts/password-hash.js'
import { openServices, startServer, type RunningServer, type Services } from '../../src/main.js'
import { runAxe, seriousViolations, type A11yResult } from '../support/a11y.js'
import { buildIssuerProfile, buildRealisticCredential } from '../support/builders.js'
import { ARTIFACTS, hasChromium, launchBrowser, keepScreenshot } from '../support/browser.js'
import { freePort } from '../support/server-process.js'

const SHOTS = existsSync('/work/notes/shots/intake') ? '/work/notes/shots/intake' : join(ARTIFACTS, 'verify')

describe.skipIf(!hasChromium)('the /verify page, with and without script, at phone and desktop widths', () => {
  let dir: string
  let services: Services
  let server: RunningServer
  let browser: Browser
  let base: string
  const docs: Record<'valid' | 'revoked' | 'expired' | 'tampered', string> = { valid: '', revoked: '', expired: '', tampered: '' }
  let validUuid = ''
  const results: Record<string, A11yResult> = {}

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'emblem-verify-'))
    const port = await freePort()
    base = `http://127.0.0.1:${port}`
    const config = loadConfig({ PORT: String(port), EMBLEM_DATA_DIR: dir, EMBLEM_PUBLIC_URL: base, EMBLEM_LOG_LEVEL: 'silent' }, {})
    services = await openServices(config, silentLogger)
    server = await startServer(config, { log: silentLogger, platform: services.platform.platform, transparencyLog: services.transparencyLog, handleSignals: false })
    const { platform } = services.platform
    const demo = await platform.demo.seed({ count: 0 })
    const issue = async (email: string, name: string) => {
      const outcome = await platform.issuance.issueCredential({ orgId: demo.org.id, achievementId: demo.achievements[0]!, input: { recipient: { email, name } } })
      if (outcome.replayed) throw new Error('not issued')
      return outcome.view.id
    }
    const text = async (id: string) => (await platform.credentials.document(id)).json.body
    const valid = await issue('valid@example.org', 'Amélie Laurent')
    validUuid = valid.replace('urn:uuid:', '')
    docs.valid = await text(valid)
    const revoked = await issue('revoked@example.org', 'Jonas Vermeulen')
    await platform.issuance.changeStatus({ orgId: demo.org.id, credentialId: revoked, action: 'revoke', reason: 'Issued in error' })
    docs.revoked = await text(revoked)
    const tampered = JSON.parse(docs.valid) as { credentialSubject: { achievement: { name: string } } }
    tampered.credentialSubject.achievement.name += ' (with honours)'
    docs.tampered = JSON.stringify(tampered, null, 2)
    const keyPair = generateKeyPair()
    const { credentialStatus: _none, ...unsigned } = buildRealisticCredential({ issuer: buildIssuerProfile({ id: didKeyOf(keyPair.publicKeyMultibase) }), validFrom: '2024-01-01T00:00:00Z', validUntil: '2025-01-01T00:00:00Z' })
    docs.expired = JSON.stringify(await signCredential(unsigned, createSigner(keyPair), { suite: 'eddsa-rdfc-2022', created: '2024-01-01T00:00:00Z' }), null, 2)
    // With script on the browser proves log inclusion itself: wait for the checkpoint that covers them.
    for (const id of [valid, revoked]) {
      for (let i = 0; (await fetch(`${base}/log/proof/inclusion?credential=${encodeURIComponent(id)}`)).status !== 200; i++) {
        if (i > 100) throw new Error(`no checkpoint covers ${id}`)
        await new Promise((r) => setTimeout(r, 100))
      }
    }
    browser = await launchBrowser()
  }, 120_000)

  afterAll(async () => {
    await mkdir(join(ARTIFACTS, 'verify'), { recursive: true })
    await writeFile(join(ARTIFACTS, 'verify', 'a11y.json'), JSON.stringify(results, null, 2))
    await browser?.close()
    await server?.close()
    await services?.close()
    await rm(dir, { recursive: true, force: true })
  })

  /** axe at both widths, no sideways scrolling, a screenshot each. */
  async function look(page: Page, name: string) {
    for (const [width, label] of [[1280, 'desktop'], [390, 'mobile']] as const) {
      await page.setViewportSize({ width, height: 900 })
      const result = await runAxe(page)
      results[`${name} (${label})`] = result
      expect(seriousViolations(result), `${name} at ${width}px`).toEqual([])
      const overflow = (await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth')) as number
      expect(overflow, `${name} at ${width}px scrolls sideways`).toBeLessThanOrEqual(0)
      await mkdir(SHOTS, { recursive: true })
      await keepScreenshot(page, join(SHOTS, `verify-${name}-${label}.png`))
    }
  }

  const verdictOf = async (page: Page) => {
    const banner = page.locator('[data-verdict]')
    return { verdict: await banner.getAttribute('data-verdict'), checkedIn: await banner.getAttribute('data-checked-in') }
  }

  it('shows the empty page: paste, upload, URL; the scan card stays hidden without BarcodeDetector', async () => {
    const page = await browser.newPage()
    await page.goto(`${base}/verify`)
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Verify a credential')
    expect(await page.locator('[data-verify-scan]').isHidden()).toBe(true)
    await look(page, 'empty')
    await page.close()
  })

  it.each([
    ['valid', 'verified'],
    ['revoked', 'revoked'],
    ['expired', 'expired'],
    ['tampered', 'not-verified'],
  ] as const)('with script off, pasting the %s credential posts the form and shows “%s”', async (kind, expected) => {
    const context = await browser.newContext({ javaScriptEnabled: false })
    const page = await context.newPage()
    await page.goto(`${base}/verify`)
    await page.getByLabel('Credential (JSON or JWT)').fill(docs[kind])
    await Promise.all([page.waitForURL(`${base}/verify`), page.locator('.verify-paste button[type=submit]').click()])
    expect(await verdictOf(page)).toEqual({ verdict: expected, checkedIn: 'server' })
    // (axe runs in the page, so it looks at the same result with script on below)
    await context.close()
  })

  it.each([
    ['valid', 'verified'],
    ['revoked', 'revoked'],
    ['expired', 'expired'],
    ['tampered', 'not-verified'],
  ] as const)('with script on, uploading the %s credential as a file gives the same verdict (“%s”), checked in the browser', async (kind, expected) => {
    const page = await browser.newPage()
    const errors: string[] = []
    page.on('pageerror', (err) => errors.push(err.message))
    await page.goto(`${base}/verify`)
    await page.locator('input[type=file][name=file]').setInputFiles({ name: `${kind}.json`, mimeType: 'application/json', buffer: Buffer.from(docs[kind]) })
    await page.locator('.verify-upload button[type=submit]').click()
    await page.locator('.verify-result [data-verdict]').waitFor()
    expect(await verdictOf(page)).toEqual({ verdict: expected, checkedIn: 'browser' })
    expect(errors).toEqual([])
    await look(page, kind)
    await page.close()
  })

  it('verifies a baked badge image uploaded, and /verify?url= of the credential page (what a QR code links to)', async () => {
    const page = await browser.newPage()
    const png = Buffer.from(await (await fetch(`${base}/c/${validUuid}/badge.png`)).arrayBuffer())
    await page.goto(`${base}/verify`)
    await page.locator('input[type=file][name=file]').setInputFiles({ name: 'badge.png', mimeType: 'image/png', buffer: png })
    await page.locator('.verify-upload button[type=submit]').click()
    await page.locator('.verify-result [data-verdict]').waitFor()
    expect((await verdictOf(page)).verdict).toBe('verified')
    await page.goto(`${base}/verify?url=${encodeURIComponent(`${base}/c/${validUuid}`)}`)
    expect((await verdictOf(page)).verdict).toBe('verified')
    expect(await page.locator('.displayed-name').textContent()).toBeTruthy()
    await page.close()
  })

  it('shows a refusal beside its field (422) for a PNG with no credential baked in', async () => {
    const context = await browser.newContext()
    const page = await context.newPage()
    await page.goto(`${base}/verify`)
    await page.locator('input[type=file][name=file]').setInputFiles({ name: 'plain.png', mimeType: 'image/png', buffer: Buffer.from(buildPng(48, 48)) })
    const [res] = await Promise.all([page.waitForResponse((r) => r.url() === `${base}/verify` && r.request().method() === 'POST'), page.locator('.verify-upload button[type=submit]').click()])
    expect(res.status()).toBe(422)
    await page.waitForLoadState()
    expect(await page.locator('#field-file-error').textContent()).toBeTruthy()
    await look(page, 'error')
    await context.close()
  })

  it('the wallet’s import page: a signed-in learner adds the baked badge, sees it verified and a link to it; again: already there', async () => {
    const repos = services.store.repos
    const id = crypto.randomUUID()
    await repos.accounts.createUser({ id, email: 'importer@example.org', name: 'Ines Importer', passwordHash: await hashPassword('correct horse battery staple') })
    await repos.accounts.markEmailVerified(id, new Date())
    const context = await browser.newContext()
    const page = await context.newPage()
    await page.goto(`${base}/sign-in`)
    await page.getByLabel('E-mail address').fill('importer@example.org')
    await page.getByLabel('Password').fill('correct horse battery staple')
    await Promise.all([page.waitForURL(/\/wallet$/), page.getByRole('button', { name: 'Sign in' }).click()])
    await page.goto(`${base}/wallet/import`)
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Add a credential')
    await look(page, 'import-empty')
    const png = Buffer.from(await (await fetch(`${base}/c/${validUuid}/badge.png`)).arrayBuffer())
    for (const [expected, name] of [[201, 'import-added'], [200, 'import-duplicate']] as const) {
      await page.locator('input[type=file][name=file]').setInputFiles({ name: 'badge.png', mimeType: 'image/png', buffer: png })
      const [res] = await Promise.all([page.waitForResponse((r) => r.url() === `${base}/wallet/import` && r.request().method() === 'POST'), page.locator('.verify-upload button[type=submit]').click()])
      expect(res.status()).toBe(expected)
      await page.waitForLoadState()
      expect((await verdictOf(page)).verdict).toBe('verified')
      const link = page.locator('[data-wallet-item]')
      expect(await link.getAttribute('href')).toMatch(/^\/wallet\/w_/)
      await look(page, name)
    }
    await page.locator('[data-wallet-item]').click()
    await page.waitForURL(/\/wallet\/w_/)
    await context.close()
  })
})
