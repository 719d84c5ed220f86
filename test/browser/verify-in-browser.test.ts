// /verify checks in the browser (issue #14 item 2): with script on, core's verification bundled for
// the browser verifies pasted credentials and dropped files, fetching DID documents, status lists
// and the log's inclusion proof itself, and says so (data-checked-in="browser"); with script off the
// form posts to the server (data-checked-in="server"). Every fixture of the set gives the same
// data-verdict both ways. What the browser cannot check (a PDF certificate, an Open Badges 2.0
// assertion) goes to the server, and the page says why. axe-clean at 1280 and 390 px; screenshots of
// browser verdicts land in /work/notes/shots/verify-browser/ when it exists.
// @ts-expect-error untyped dev dependency
import * as vc from '@digitalbazaar/vc'
// @ts-expect-error untyped dev dependency
import { Ed25519Signature2020 } from '@digitalbazaar/ed25519-signature-2020'
// @ts-expect-error untyped dev dependency
import { Ed25519VerificationKey2020 } from '@digitalbazaar/ed25519-verification-key-2020'
import { existsSync, readFileSync } from 'node:fs'
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config.js'
import { CONTEXT, createDocumentLoader } from '../../src/core/canonical/index.js'
import { createSigner, didKeyOf, generateKeyPair, signCredential, signJwt } from '../../src/core/proof/index.js'
import { silentLogger } from '../../src/http/logger.js'
import { openServices, startServer, type RunningServer, type Services } from '../../src/main.js'
import { runAxe, seriousViolations } from '../support/a11y.js'
import { buildIssuerProfile, buildRealisticCredential } from '../support/builders.js'
import { ARTIFACTS, hasChromium, launchBrowser, keepScreenshot } from '../support/browser.js'
import { freePort } from '../support/server-process.js'

const SHOTS = existsSync('/work/notes') ? '/work/notes/shots/verify-browser' : join(ARTIFACTS, 'verify-browser')
type Json = Record<string, any>

/** The fixture set: each credential's text and the verdict both ways must agree on. */
type Fixture = { text: string; expected: string }

describe.skipIf(!hasChromium)('/verify in the browser: the same verdict with script on (browser) and off (server)', () => {
  let dir: string
  let services: Services
  let server: RunningServer
  let browser: Browser
  let base: string
  const fixtures: Record<string, Fixture> = {}
  let ob2 = ''
  let orgId = ''

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'emblem-verify-browser-'))
    const port = await freePort()
    base = `http://127.0.0.1:${port}`
    const config = loadConfig({ PORT: String(port), EMBLEM_DATA_DIR: dir, EMBLEM_PUBLIC_URL: base, EMBLEM_LOG_LEVEL: 'silent' }, {})
    services = await openServices(config, silentLogger)
    server = await startServer(config, { log: silentLogger, platform: services.platform.platform, transparencyLog: services.transparencyLog, handleSignals: false })
    const { platform } = services.platform
    const demo = await platform.demo.seed({ count: 0 })
    orgId = demo.org.id
    const issue = async (email: string, name: string) => {
      const outcome = await platform.issuance.issueCredential({ orgId: demo.org.id, achievementId: demo.achievements[0]!, input: { recipient: { email, name } } })
      if (outcome.replayed) throw new Error('not issued')
      return outcome.view.id
    }
    // With the revocation entry only (the default), a suspension is the issuer's own record: the browser asks for it.
    const suspendedHere = await issue('suspended-here@example.org', 'Noor Haddad')
    await platform.issuance.changeStatus({ orgId: demo.org.id, credentialId: suspendedHere, action: 'suspend', reason: 'Under review' })
    // With a suspension entry, the status list shows it to any verifier.
    await services.store.repos.orgs.update(demo.org.id, { statusEntries: 'revocation-and-suspension' })
    const text = async (id: string) => (await platform.credentials.document(id)).json.body
    const valid = await issue('valid@example.org', 'Amélie Laurent')
    const revoked = await issue('revoked@example.org', 'Jonas Vermeulen')
    const suspended = await issue('suspended@example.org', 'Sofia Marín')
    await platform.issuance.changeStatus({ orgId: demo.org.id, credentialId: revoked, action: 'revoke', reason: 'Issued in error' })
    await platform.issuance.changeStatus({ orgId: demo.org.id, credentialId: suspended, action: 'suspend', reason: 'Under review' })
    const validText = await text(valid)
    const tampered = JSON.parse(validText) as Json
    tampered.credentialSubject.achievement.name += ' (with honours)'

    // Another issuer (did:key, in no trusted list): its signature verifies, its trust does not.
    const keyPair = generateKeyPair()
    const did = didKeyOf(keyPair.publicKeyMultibase)
    const signer = createSigner(keyPair)
    const other = (extra: Json = {}): Json => {
      const { credentialStatus: _none, ...unsigned } = buildRealisticCredential({ issuer: buildIssuerProfile({ id: did }), ...extra }) as unknown as Json
      return unsigned
    }
    const expired = await signCredential(other({ validFrom: '2024-01-01T00:00:00Z', validUntil: '2025-01-01T00:00:00Z' }) as never, signer, { suite: 'eddsa-rdfc-2022', created: '2024-01-01T00:00:00Z' })
    const untrusted = await signCredential(other() as never, signer, { suite: 'eddsa-rdfc-2022' })
    const jcs = await signCredential(other() as never, signer, { suite: 'eddsa-jcs-2022' })
    const vc11 = JSON.parse(readFileSync(join(process.cwd(), 'test/fixtures/vc11-form.json'), 'utf8')) as Json
    vc11.issuer.id = did
    vc11['@context'] = [...vc11['@context'], CONTEXT.DATA_INTEGRITY_V2]
    const vc11Signed = await signCredential(vc11 as never, signer, { suite: 'eddsa-rdfc-2022' })
    const jwt = signJwt(other(), signer)

    // Ed25519Signature2020, made by Digital Bazaar's libraries (what the DCC signs with).
    const key = await Ed25519VerificationKey2020.generate()
    const dbDid = `did:key:${key.fingerprint()}`
    key.controller = dbDid
    key.id = `${dbDid}#${key.fingerprint()}`
    const dbCredential = other()
    dbCredential.issuer = { ...dbCredential.issuer, id: dbDid }
    dbCredential['@context'] = [...dbCredential['@context'], CONTEXT.ED25519_2020_V1]
    const ed2020 = await vc.issue({ credential: dbCredential, suite: new Ed25519Signature2020({ key }), documentLoader: createDocumentLoader() })

    const pretty = (value: unknown) => JSON.stringify(value, null, 2)
    Object.assign(fixtures, {
      verified: { text: validText, expected: 'verified' },
      revoked: { text: await text(revoked), expected: 'revoked' },
      suspended: { text: await text(suspended), expected: 'suspended' },
      'suspended (revocation entry only)': { text: await text(suspendedHere), expected: 'suspended' },
      tampered: { text: pretty(tampered), expected: 'not-verified' },
      expired: { text: pretty(expired), expected: 'expired' },
      'issuer-untrusted': { text: pretty(untrusted), expected: 'issuer-untrusted' },
      'VC 1.1': { text: pretty(vc11Signed), expected: 'issuer-untrusted' },
      Ed25519Signature2020: { text: pretty(ed2020), expected: 'issuer-untrusted' },
      'eddsa-jcs-2022': { text: pretty(jcs), expected: 'issuer-untrusted' },
      'VC-JWT': { text: jwt, expected: 'issuer-untrusted' },
    } satisfies Record<string, Fixture>)
    ob2 = pretty({
      '@context': 'https://w3id.org/openbadges/v2',
      type: 'Assertion',
      id: 'urn:uuid:3f0b4b5e-8d7e-4d53-9b1a-2f4c0d1e7a10',
      recipient: { type: 'email', hashed: false, identity: 'learner@example.org' },
      badge: 'https://badges.example.invalid/badge.json',
      verification: { type: 'hosted' },
      issuedOn: '2024-01-01T00:00:00Z',
    })

    // The log signs a checkpoint within seconds: wait until it covers the credentials issued here.
    for (const id of [valid, revoked, suspended, suspendedHere]) {
      for (let i = 0; ; i++) {
        const res = await fetch(`${base}/log/proof/inclusion?credential=${encodeURIComponent(id)}`)
        if (res.status === 200) break
        if (i > 100) throw new Error(`no checkpoint covers ${id}`)
        await new Promise((r) => setTimeout(r, 100))
      }
    }
    browser = await launchBrowser()
  }, 180_000)

  afterAll(async () => {
    await browser?.close()
    await server?.close()
    await services?.close()
    await rm(dir, { recursive: true, force: true })
  })

  const hooks = async (page: Page) => {
    const banner = page.locator('[data-verdict]:not(template [data-verdict])').first()
    await banner.waitFor({ state: 'visible', timeout: 30_000 })
    return { verdict: await banner.getAttribute('data-verdict'), checkedIn: await banner.getAttribute('data-checked-in') }
  }

  async function paste(context: BrowserContext, text: string): Promise<Page> {
    const page = await context.newPage()
    await page.goto(`${base}/verify`)
    await page.getByLabel('Credential (JSON or JWT)').fill(text)
    await page.locator('.verify-paste button[type=submit]').click()
    return page
  }

  it.each(['verified', 'revoked', 'suspended', 'suspended (revocation entry only)', 'tampered', 'expired', 'issuer-untrusted', 'VC 1.1', 'Ed25519Signature2020', 'eddsa-jcs-2022', 'VC-JWT'])(
    '%s: the same verdict in the browser (script on) and on the server (script off)',
    async (name) => {
      const { text, expected } = fixtures[name]!
      const off = await browser.newContext({ javaScriptEnabled: false })
      const serverPage = await paste(off, text)
      expect(await hooks(serverPage)).toEqual({ verdict: expected, checkedIn: 'server' })
      await off.close()

      const on = await browser.newContext()
      const requests: string[] = []
      on.on('request', (req) => {
        if (req.method() !== 'GET') requests.push(`${req.method()} ${req.url()}`)
      })
      // A credential issued here is reported once verified, so its issuer counts it (only {"verified"} is sent).
      const reported: Record<string, boolean> = { verified: true, revoked: false, suspended: false }
      const beacon = name in reported ? on.waitForEvent('request', { predicate: (req) => req.method() === 'POST', timeout: 30_000 }) : undefined
      const errors: string[] = []
      const page = await paste(on, text)
      page.on('pageerror', (err) => errors.push(err.message))
      const found = await hooks(page)
      if (beacon) {
        const req = await beacon
        expect(req.url()).toBe(`${base}/api/v1/credentials/${encodeURIComponent(String(JSON.parse(text).id))}/verifications`)
        expect(JSON.parse(req.postData() ?? '')).toEqual({ verified: reported[name] })
        expect(await req.headerValue('cookie')).toBeNull()
        requests.splice(requests.indexOf(`POST ${req.url()}`), 1)
      }
      if (found.verdict !== expected) console.info(name, await page.locator('[data-outcome=failed]').allTextContents())
      expect(found).toEqual({ verdict: expected, checkedIn: 'browser' })
      expect(await page.locator('.checked-where.browser').textContent()).toContain('Checked in your browser — the credential was not sent to a server')
      expect(await page.locator('[data-check]').count()).toBeGreaterThanOrEqual(8)
      expect(requests, 'nothing else is posted').toEqual([])
      expect(errors).toEqual([])
      expect(page.url()).toBe(`${base}/verify`)
      await on.close()
    },
    60_000,
  )

  it('a verification in the browser of a credential issued here counts for its issuer (channel browser)', async () => {
    const { dashboard } = services.platform.platform
    const before = (await dashboard.activity(orgId, 1)).totals
    const context = await browser.newContext()
    const page = await context.newPage()
    await page.goto(`${base}/verify`)
    await page.getByLabel('Credential (JSON or JWT)').fill(fixtures.verified!.text)
    const answered = page.waitForResponse((res) => res.url().endsWith('/verifications'), { timeout: 30_000 })
    await page.locator('.verify-paste button[type=submit]').click()
    expect(await hooks(page)).toEqual({ verdict: 'verified', checkedIn: 'browser' })
    expect((await answered).status()).toBe(202)
    await context.close()
    const after = (await dashboard.activity(orgId, 1)).totals
    expect(after.verifiedInBrowser).toBe(before.verifiedInBrowser + 1)
    expect(after.verified).toBe(before.verified + 1)
    const [row] = (await dashboard.looksByAchievement(orgId)).filter((r) => r.inBrowser > 0)
    expect(row?.inBrowser).toBe(after.verifiedInBrowser)
  }, 60_000)

  it('a dropped baked PNG and a web address are read and verified in the browser, like the server', async () => {
    const uuid = (JSON.parse(fixtures.verified!.text) as Json).id.replace('urn:uuid:', '')
    const png = Buffer.from(await (await fetch(`${base}/c/${uuid}/badge.png`)).arrayBuffer())
    const context = await browser.newContext()
    const page = await context.newPage()
    await page.goto(`${base}/verify`)
    await page.locator('input[type=file][name=file]').setInputFiles({ name: 'badge.png', mimeType: 'image/png', buffer: png })
    await page.locator('.verify-upload button[type=submit]').click()
    expect(await hooks(page)).toEqual({ verdict: 'verified', checkedIn: 'browser' })
    // A web address (what a QR code holds): fetched by the browser, by content negotiation.
    await page.goto(`${base}/verify`)
    await page.locator('input[name=url]').fill(`${base}/c/${uuid}`)
    await page.locator('.verify-url button[type=submit]').click()
    expect(await hooks(page)).toEqual({ verdict: 'verified', checkedIn: 'browser' })
    expect(page.url()).toBe(`${base}/verify`)
    await context.close()
  })

  it('a PDF certificate and an Open Badges 2.0 assertion go to the server, and the page says why', async () => {
    const uuid = (JSON.parse(fixtures.verified!.text) as Json).id.replace('urn:uuid:', '')
    const pdf = Buffer.from(await (await fetch(`${base}/c/${uuid}/certificate.pdf`)).arrayBuffer())
    const context = await browser.newContext()
    const page = await context.newPage()
    await page.goto(`${base}/verify`)
    await page.locator('input[type=file][name=file]').setInputFiles({ name: 'certificate.pdf', mimeType: 'application/pdf', buffer: pdf })
    await Promise.all([page.waitForURL(`${base}/verify`), page.locator('.verify-upload button[type=submit]').click()])
    expect(await hooks(page)).toEqual({ verdict: 'verified', checkedIn: 'server' })
    expect(await page.locator('[data-fallback=pdf]').textContent()).toContain('PDF certificates are read on the server')

    await page.goto(`${base}/verify`)
    await page.getByLabel('Credential (JSON or JWT)').fill(ob2)
    await Promise.all([page.waitForURL(`${base}/verify`), page.locator('.verify-paste button[type=submit]').click()])
    const result = await hooks(page)
    expect(result.checkedIn).toBe('server')
    expect(result.verdict).toBe('not-verified')
    expect(await page.locator('[data-fallback=ob2]').count()).toBe(1)
    await context.close()
  })

  it('garbage: refused beside its field either way (no verdict), never a browser error', async () => {
    for (const javaScriptEnabled of [false, true]) {
      const context = await browser.newContext({ javaScriptEnabled })
      const errors: string[] = []
      const page = await context.newPage()
      page.on('pageerror', (err) => errors.push(err.message))
      await page.goto(`${base}/verify`)
      await page.getByLabel('Credential (JSON or JWT)').fill('this is not a credential {')
      const [res] = await Promise.all([page.waitForResponse((r) => r.url() === `${base}/verify` && r.request().method() === 'POST'), page.locator('.verify-paste button[type=submit]').click()])
      expect(res.status()).toBe(422)
      await page.waitForLoadState()
      expect(await page.locator('#field-credential-error').textContent()).toBeTruthy()
      expect(await page.locator('.verify-result [data-verdict]').count()).toBe(0)
      expect(errors).toEqual([])
      await context.close()
    }
  })

  it('the documents a browser verifier fetches are readable from any origin (CORS)', async () => {
    const credential = JSON.parse(fixtures.verified!.text) as Json
    const statusList = (credential.credentialStatus as Json[])[0]!.statusListCredential as string
    const uuid = (credential.id as string).replace('urn:uuid:', '')
    const urls = [`${base}/orgs/demo/did.json`, statusList, `${base}/credentials/${uuid}`, `${base}/log/key`, `${base}/log/checkpoint`, `${base}/log/proof/inclusion?credential=${encodeURIComponent(credential.id)}`, `${base}/api/v1/trust?issuer=${encodeURIComponent(credential.issuer.id)}`]
    for (const url of urls) {
      const res = await fetch(url, { headers: { origin: 'https://employer.example', accept: 'application/json' } })
      expect([url, res.status]).toEqual([url, 200])
      expect([url, res.headers.get('access-control-allow-origin')]).toEqual([url, '*'])
    }
  })

  it('loads the verifier only on /verify, and only when asked', async () => {
    const context = await browser.newContext()
    const page = await context.newPage()
    const scripts: string[] = []
    page.on('request', (req) => {
      if (req.resourceType() === 'script') scripts.push(new URL(req.url()).pathname)
    })
    await page.goto(`${base}/`)
    await page.goto(`${base}/verify`)
    expect(scripts.some((s) => s.startsWith('/assets/verifier.'))).toBe(false)
    await page.getByLabel('Credential (JSON or JWT)').fill(fixtures.verified!.text)
    await page.locator('.verify-paste button[type=submit]').click()
    await hooks(page)
    expect(scripts.filter((s) => s.startsWith('/assets/verifier.'))).toHaveLength(1)
    const src = await page.locator('[data-browser-verifier]').getAttribute('data-src')
    const size = (await (await fetch(`${base}${src}`)).arrayBuffer()).byteLength
    console.info(`browser verifier bundle: ${Math.round(size / 1024)} KiB minified`)
    await context.close()
  })

  it.each(['verified', 'revoked', 'tampered'])('axe-clean at 1280 and 390 px, checked in the browser: %s (screenshots)', async (name) => {
    const context = await browser.newContext()
    const page = await paste(context, fixtures[name]!.text)
    expect((await hooks(page)).checkedIn).toBe('browser')
    await mkdir(SHOTS, { recursive: true })
    for (const [width, label] of [[1280, 'desktop'], [390, 'mobile']] as const) {
      await page.setViewportSize({ width, height: 900 })
      const result = await runAxe(page)
      expect(seriousViolations(result), `${name} at ${width}px`).toEqual([])
      const overflow = (await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth')) as number
      expect(overflow, `${name} at ${width}px scrolls sideways`).toBeLessThanOrEqual(0)
      await keepScreenshot(page, join(SHOTS, `verify-browser-${name}-${label}.png`))
    }
    await context.close()
  }, 60_000)
})
