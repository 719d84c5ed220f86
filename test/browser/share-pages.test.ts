// The sharing pages in Debian's Chromium at a desktop (1280 px) and a phone (390 px) width, against
// a real server with the demo organization: a learner's public profile (a credential claimed from
// this instance, verified live, and one imported from elsewhere, with skills), a shared credential
// and collection, a revoked link (410), the skills page and the profile settings. axe-core finds no
// serious or critical violation, nothing scrolls sideways, and the profile never shows a private or
// hidden credential. Screenshots land in test-artifacts/screenshots/share/.
import { createHash, randomBytes } from 'node:crypto'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, BrowserContext } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hashSecret } from '../../src/app/platform/secret-token.js'
import { displayOf } from '../../src/app/wallet/display.js'
import { loadConfig } from '../../src/config.js'
import { SESSION_COOKIE } from '../../src/http/auth/tokens.js'
import { silentLogger } from '../../src/http/logger.js'
import { openServices, startServer, type RunningServer, type Services } from '../../src/main.js'
import { runAxe, seriousViolations, type A11yResult } from '../support/a11y.js'
import { ARTIFACTS, hasChromium, launchBrowser, keepScreenshot } from '../support/browser.js'
import { freePort } from '../support/server-process.js'

const SHOTS = [join(ARTIFACTS, 'share'), process.env.EMBLEM_SHOTS_DIR].filter((d): d is string => Boolean(d))

describe.skipIf(!hasChromium)('the sharing pages, at phone and desktop widths', () => {
  let dir: string
  let services: Services
  let server: RunningServer
  let browser: Browser
  let base: string
  let cookie: { name: string; value: string; url: string }
  const paths: Record<string, string> = {}
  const results: Record<string, A11yResult> = {}

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'emblem-share-'))
    const port = await freePort()
    base = `http://127.0.0.1:${port}`
    const config = loadConfig({ PORT: String(port), EMBLEM_DATA_DIR: dir, EMBLEM_PUBLIC_URL: base, EMBLEM_LOG_LEVEL: 'silent' }, {})
    services = await openServices(config, silentLogger)
    server = await startServer(config, { log: silentLogger, platform: services.platform.platform, transparencyLog: services.transparencyLog, handleSignals: false })
    const { platform } = services.platform
    const { store } = services
    const demo = await platform.demo.seed({ count: 0 })

    // The learner, signed in by a session row.
    const userId = crypto.randomUUID()
    const now = new Date().toISOString()
    await store.db.insertInto('users').values({ id: userId, email: 'amara@example.org', name: 'Amara Okafor', password_hash: '$argon2id$unused', email_verified_at: now, created_at: now }).execute()
    const token = randomBytes(32).toString('base64url')
    await store.db.insertInto('sessions').values({ id_hash: hashSecret(token), user_id: userId, csrf_token: 'csrf', created_at: now, expires_at: new Date(Date.now() + 86_400_000).toISOString() }).execute()
    cookie = { name: SESSION_COOKIE, value: token, url: base }

    const add = async (id: string, document: string, credential: Record<string, unknown>, extra: { issuedCredentialId?: string; public?: boolean; hidden?: boolean; verified?: boolean }) => {
      const d = displayOf(credential)
      await store.repos.walletItems.insert({
        id,
        userId,
        digest: createHash('sha256').update(document).digest('hex'),
        credentialId: typeof credential.id === 'string' ? credential.id : null,
        issuedCredentialId: extra.issuedCredentialId ?? null,
        source: extra.issuedCredentialId ? 'claim' : 'import',
        format: 'vc-json',
        document,
        verified: extra.verified ?? true,
        report: JSON.stringify({ verified: extra.verified ?? true, checks: [] }),
        checkedAt: now,
        name: d.name,
        description: d.description ?? '',
        imageUrl: d.imageUrl ?? null,
        issuerId: d.issuer.id ?? null,
        issuerName: d.issuer.name,
        issuedAt: d.issuedAt ?? null,
        expiresAt: d.expiresAt ?? null,
        skills: d.skills.length > 0 ? d.skills : [{ label: 'Data analysis', code: 'S5.6.1', framework: 'ESCO' }, { label: 'Research data management' }],
        addedAt: now,
        public: extra.public ?? false,
        hidden: extra.hidden ?? false,
      })
    }
    for (const [i, achievementId] of demo.achievements.slice(0, 3).entries()) {
      const outcome = await platform.issuance.issueCredential({ orgId: demo.org.id, achievementId, input: { recipient: { email: 'amara@example.org', name: 'Amara Okafor' } } })
      if (outcome.replayed) throw new Error('not issued')
      const credential = outcome.view.credential as Record<string, unknown>
      await add(`w_claimed${i}`, JSON.stringify(credential), credential, { issuedCredentialId: outcome.view.id, public: i < 2, hidden: i === 2 })
    }
    const imported = { id: 'urn:uuid:7c1f0a52-1b3c-4c55-9c1e-3f5e2b8d9a01', type: ['VerifiableCredential', 'OpenBadgeCredential'], name: 'Statistics with R', issuer: { id: 'did:web:stats.example', name: 'Riverside Community College' }, validFrom: '2025-11-03T00:00:00Z', credentialSubject: { achievement: { name: 'Statistics with R', description: 'Descriptive and inferential statistics in R, from data cleaning to regression.', alignment: [{ targetName: 'Statistics', targetCode: 'S1.4', targetFramework: 'ESCO', targetUrl: 'http://data.europa.eu/esco/skill/stats' }, { targetName: 'Data analysis', targetCode: 'S5.6.1', targetFramework: 'ESCO' }] } } }
    await add('w_imported1', JSON.stringify(imported), imported, { public: true })
    const secret = { ...imported, id: 'urn:uuid:secret', name: 'Private Secret Badge' }
    await add('w_private1', JSON.stringify(secret), { ...secret, credentialSubject: { achievement: { name: 'Private Secret Badge' } } }, {})
    await store.repos.walletCollections.create({ id: 'c_portfolio', userId, name: 'Data portfolio', description: 'What I learned in 2026', createdAt: now })
    for (const id of ['w_claimed0', 'w_imported1', 'w_private1']) await store.repos.walletCollections.addItem(userId, 'c_portfolio', id)
    await platform.share.saveProfile(userId, { handle: 'amara', displayName: 'Amara Okafor', headline: 'Data analyst in training', bio: 'I turn messy spreadsheets into decisions. Currently studying open science and statistics.', public: true, openToEmployers: true, publicCollections: ['c_portfolio'] })
    const credentialLink = await platform.share.createLink(userId, { credential: 'w_imported1', expiresInDays: 30 })
    const collectionLink = await platform.share.createLink(userId, { collection: 'c_portfolio' })
    const revoked = await platform.share.createLink(userId, { credential: 'w_claimed0' })
    await platform.share.revokeLink(userId, revoked.link.id)
    paths.credential = new URL(credentialLink.url).pathname
    paths.collection = new URL(collectionLink.url).pathname
    paths.revoked = new URL(revoked.url).pathname
    browser = await launchBrowser()
  }, 180_000)

  afterAll(async () => {
    await mkdir(join(ARTIFACTS, 'share'), { recursive: true })
    await writeFile(join(ARTIFACTS, 'share', 'a11y.json'), JSON.stringify(results, null, 2))
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

  it('the public profile shows the public credentials, collection and skills, never a private or hidden one', async () => {
    const text = await check('profile', '/u/amara')
    expect(text).toContain('Amara Okafor')
    expect(text).toContain('Statistics with R')
    expect(text).toContain('Data portfolio')
    expect(text).toContain('Verified by Emblem')
    expect(text).not.toContain('Private Secret Badge')
    const context = await browser.newContext()
    const page = await context.newPage()
    await page.goto(`${base}/u/amara`)
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Amara Okafor')
    const tiles = await page.locator('.badge-tile .badge-name').allTextContents()
    expect(tiles).not.toContain('Private Secret Badge')
    // The hidden claimed credential is in no tile, and its name nowhere on the page.
    expect(tiles.length).toBe(3 + 2)
    await context.close()
  })

  it('a public credential of the profile, imported from elsewhere', () => check('profile-credential', '/u/amara/c/w_imported1').then((t) => expect(t).toContain('Riverside Community College')))
  it('a shared credential', () => check('share-credential', paths.credential!).then((t) => expect(t).toContain('Statistics with R')))
  // A link shares the whole collection (a credential private on the profile included): the learner chose to send it.
  it('a shared collection', () => check('share-collection', paths.collection!).then((t) => expect(t).toContain('Private Secret Badge')))
  it('a revoked link', () => check('share-revoked', paths.revoked!, { status: 410 }).then((t) => expect(t).toContain('no longer available')))
  it('the skills page', () => check('skills', '/wallet/skills', { signedIn: true }).then((t) => expect(t).toContain('Data analysis')))
  it('a wallet credential with its share actions (LinkedIn, downloads, embed, share link)', async () => {
    const text = await check('wallet-credential-share', '/wallet/w_claimed0', { signedIn: true })
    expect(text).toContain('Add to LinkedIn profile')
    expect(text).toContain('Embed on your website')
    const context = await browser.newContext()
    await context.addCookies([cookie])
    const page = await context.newPage()
    await page.goto(`${base}/wallet/w_claimed0`)
    expect(await page.getByRole('link', { name: 'Add to LinkedIn profile' }).getAttribute('href')).toMatch(/^https:\/\/www\.linkedin\.com\/profile\/add\?startTask=CERTIFICATION_NAME&name=/)
    await page.getByRole('button', { name: 'Create link' }).click()
    await page.waitForURL(/\/wallet\/share-links$/)
    const url = await page.locator('#share-url').textContent()
    expect(url).toMatch(/\/s\/[A-Za-z0-9_-]{43}$/)
    await context.close()
  })
  it('the wallet links to the public profile and the skills', () => check('wallet', '/wallet', { signedIn: true }).then((t) => expect(t).toContain('Your skills')))
  it('the profile settings', () => check('profile-settings', '/wallet/profile', { signedIn: true }).then((t) => expect(t).toContain('Share links')))
})
