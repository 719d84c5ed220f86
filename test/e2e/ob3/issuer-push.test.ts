// An issuer pushes a credential to the learner's own OB 3.0 host, end to end between two real Emblem
// instances: the issuer (localhost, where the organization issued Amara a credential; its guarded
// fetcher may reach private addresses and plain http here) and Amara's host (127.0.0.1, where she is
// signed in). The organization makes a push link (API and its credential page); Amara opens it with no
// account on the issuer's instance, names her host, answers the host's consent page, and the shared
// callback delivers the credential exactly as signed (a second push is `existing`). A refused consent,
// a made-up state and a replayed callback each give a clear error page; another organization's staff
// get 404. The learner's page in Chromium at 1280 and 390 px (EMBLEM_SCREENSHOTS_DIR: issuer-push-*.jpg).
import { randomBytes } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hashSecret } from '../../../src/app/platform/secret-token.js'
import { loadConfig } from '../../../src/config.js'
import { SESSION_COOKIE } from '../../../src/http/auth/tokens.js'
import { silentLogger } from '../../../src/http/logger.js'
import { openServices, startServer, type RunningServer, type Services } from '../../../src/main.js'
import { freePort } from '../../support/server-process.js'
import { hasChromium, launchBrowser, keepScreenshot } from '../../support/browser.js'
import { CookieJar } from './oauth-client.js'

interface Instance {
  dir: string
  services: Services
  server: RunningServer
  base: string
}

async function startInstance(host: '127.0.0.1' | 'localhost', env: Record<string, string> = {}): Promise<Instance> {
  const dir = await mkdtemp(join(tmpdir(), 'emblem-push-'))
  const port = await freePort()
  const base = `http://${host}:${port}`
  const config = loadConfig({ PORT: String(port), EMBLEM_DATA_DIR: dir, EMBLEM_PUBLIC_URL: base, EMBLEM_LOG_LEVEL: 'silent', ...env }, {})
  const services = await openServices(config, silentLogger)
  const server = await startServer(config, { log: silentLogger, platform: services.platform.platform, transparencyLog: services.transparencyLog, handleSignals: false })
  return { dir, services, server, base }
}

/** A signed-in person on an instance: their session cookie (CSRF token `csrf`). */
async function seedPerson(i: Instance, email: string, name: string) {
  const id = crypto.randomUUID()
  const now = new Date().toISOString()
  await i.services.store.db.insertInto('users').values({ id, email, name, password_hash: '$argon2id$unused', email_verified_at: now, created_at: now }).execute()
  const session = randomBytes(32).toString('base64url')
  await i.services.store.db.insertInto('sessions').values({ id_hash: hashSecret(session), user_id: id, csrf_token: 'csrf', created_at: now, expires_at: new Date(Date.now() + 86_400_000).toISOString() }).execute()
  return { id, cookie: `${SESSION_COOKIE}=${session}` }
}

describe('an issuer pushes a credential to the learner’s OB 3.0 host (two Emblem instances)', () => {
  let host: Instance
  let issuer: Instance
  let amara: { id: string; cookie: string }
  let staff: { id: string; cookie: string }
  let outsider: { id: string; cookie: string }
  let slug = ''
  let uuid = ''
  let signed: Record<string, unknown>
  let junk: Server
  let junkBase = ''
  let hostName = ''

  const api = (who: { cookie: string }, method: string, path: string, json?: unknown) =>
    fetch(`${issuer.base}${path}`, {
      method,
      headers: { cookie: who.cookie, 'x-csrf-token': 'csrf', ...(json !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(json !== undefined ? { body: JSON.stringify(json) } : {}),
    })

  /** A browser on one instance: its cookie jar, redirects followed by hand while they stay there. */
  async function browse(jar: CookieJar, url: string, init: RequestInit, stayOn: string) {
    let current = url
    let req: RequestInit = init
    for (let n = 0; n < 10; n++) {
      const headers = new Headers(req.headers)
      headers.set('cookie', jar.header())
      const res = await fetch(current, { ...req, headers, redirect: 'manual' })
      jar.take(res)
      const location = res.headers.get('location')
      if (res.status < 300 || res.status >= 400 || !location) return { res, url: current }
      current = new URL(location, current).href
      if (!current.startsWith(stayOn)) return { res, url: current }
      req = { method: 'GET' }
    }
    throw new Error('too many redirects')
  }
  const form = (fields: Record<string, string>): RequestInit => ({ method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields) })
  const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? ''

  /** Amara's browsers: on the issuer's instance (no account there) and on her host (signed in). */
  const amaraOnHost = () => {
    const jar = new CookieJar()
    jar.cookies.set(SESSION_COOKIE, amara.cookie.split('=')[1]!)
    return jar
  }

  /** The organization makes a push link through the API. */
  async function makeLink(body: unknown = {}) {
    const res = await api(staff, 'POST', `/api/v1/orgs/${slug}/credentials/${uuid}/push`, body)
    expect(res.status, await res.clone().text()).toBe(201)
    return (await res.json()) as { id: string; state: string; claimUrl: string; host: string | null }
  }

  /** Amara opens the link, names her host and decides there; the host sends her back to the issuer's callback. */
  async function pushThrough(claimUrl: string, decision: 'allow' | 'deny') {
    const learner = new CookieJar()
    const page = await browse(learner, claimUrl, {}, issuer.base)
    expect(page.res.status).toBe(200)
    const html = await page.res.text()
    const started = await browse(learner, claimUrl, form({ _csrf: csrfOf(html), hostUrl: host.base }), issuer.base)
    expect(started.url.startsWith(`${host.base}/`), started.url).toBe(true)
    const authorize = new URL(started.url)
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256')
    expect(authorize.searchParams.get('scope')).toBe('https://purl.imsglobal.org/spec/ob/v3p0/scope/credential.upsert')
    const onHost = amaraOnHost()
    let at = await browse(onHost, started.url, {}, host.base)
    if (new URL(at.url).pathname.startsWith('/oauth/consent/')) {
      const consent = await at.res.text()
      expect(consent).toContain('Emblem (localhost')
      at = await browse(onHost, at.url, form({ _csrf: 'csrf', decision }), host.base)
    }
    expect(at.url.startsWith(`${issuer.base}/oauth/callback/ob3?`), at.url).toBe(true)
    const back = await browse(learner, at.url, {}, issuer.base)
    return { callbackUrl: at.url, back, learner }
  }

  beforeAll(async () => {
    host = await startInstance('127.0.0.1')
    issuer = await startInstance('localhost', { EMBLEM_FETCH_ALLOW_HTTP: 'true', EMBLEM_FETCH_ALLOW_PRIVATE: 'true' })
    hostName = new URL(host.base).host
    amara = await seedPerson(host, 'amara@example.org', 'Amara Okafor')
    staff = await seedPerson(issuer, 'registrar@example.org', 'Rita Registrar')
    outsider = await seedPerson(issuer, 'other@example.org', 'Otto Other')
    const { platform } = issuer.services.platform
    const demo = await platform.demo.seed({ count: 0 })
    slug = demo.org.slug
    const now = new Date().toISOString()
    const otherOrg = await issuer.services.store.db.selectFrom('organizations').select('id').where('id', '!=', demo.org.id).executeTakeFirstOrThrow()
    await issuer.services.store.db.insertInto('memberships').values([{ org_id: demo.org.id, user_id: staff.id, role: 'owner', created_at: now }, { org_id: otherOrg.id, user_id: outsider.id, role: 'owner', created_at: now }]).execute()
    const outcome = await platform.issuance.issueCredential({ orgId: demo.org.id, achievementId: demo.achievements[0]!, input: { recipient: { email: 'amara@example.org', name: 'Amara Okafor' } } })
    if (outcome.replayed) throw new Error('not issued')
    signed = outcome.view.credential as Record<string, unknown>
    uuid = outcome.view.id.replace(/^urn:uuid:/, '')
    junk = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ openapi: '3.0.1', info: { title: 'Not badges' }, paths: { '/credentials': {} } }))
    })
    await new Promise<void>((resolve) => junk.listen(0, '127.0.0.1', resolve))
    junkBase = `http://127.0.0.1:${(junk.address() as AddressInfo).port}`
  }, 180_000)

  afterAll(async () => {
    for (const i of [issuer, host]) {
      await i?.server.close()
      await i?.services.close()
      if (i?.dir) await rm(i.dir, { recursive: true, force: true })
    }
    await new Promise((resolve) => junk?.close(resolve))
  })

  it('makes a push link; a host that is not an OB 3.0 one is refused with a 400; other organizations’ staff get 404', async () => {
    const bad = await api(staff, 'POST', `/api/v1/orgs/${slug}/credentials/${uuid}/push`, { hostUrl: junkBase })
    expect(bad.status).toBe(400)
    expect(((await bad.json()) as { errors: { path: string; message: string }[] }).errors[0]).toMatchObject({ path: 'hostUrl', message: expect.stringMatching(/not an Open Badges 3\.0 host/) })
    expect((await api(staff, 'POST', `/api/v1/orgs/${slug}/credentials/${uuid}/push`, { hostUrl: 5 })).status).toBe(400)
    expect((await api(staff, 'POST', `/api/v1/orgs/${slug}/credentials/${uuid}/push`, { other: 1 })).status).toBe(400)
    expect((await api(outsider, 'POST', `/api/v1/orgs/${slug}/credentials/${uuid}/push`, {})).status).toBe(404)
    expect((await api(outsider, 'GET', `/api/v1/orgs/${slug}/credentials/${uuid}/pushes`)).status).toBe(404)
    expect((await api(staff, 'POST', `/api/v1/orgs/${slug}/credentials/00000000-0000-4000-8000-000000000000/push`, {})).status).toBe(404)
    const link = await makeLink({ hostUrl: host.base })
    expect(link).toMatchObject({ state: 'pending', host: hostName })
    expect(link.claimUrl).toMatch(new RegExp(`^${issuer.base}/push/[A-Za-z0-9_-]{43}$`))
    const { items } = (await (await api(staff, 'GET', `/api/v1/orgs/${slug}/credentials/${uuid}/pushes`)).json()) as { items: { id: string; state: string }[] }
    expect(items).toEqual([expect.objectContaining({ id: link.id, state: 'pending' })])
    // The learner's page names the organization and the credential, with the issuer's host filled in.
    const page = await fetch(link.claimUrl)
    const html = await page.text()
    expect(page.status).toBe(200)
    expect(html).toContain('sends you a credential')
    expect(html).toContain('Awarded to Amara Okafor')
    expect(html).toContain(`value="${host.base}"`)
    expect((await fetch(`${issuer.base}/push/${'x'.repeat(43)}`)).status).toBe(404)
  })

  it('a learner who refuses on their host sees a clear error page, and the push is failed with the reason', async () => {
    const link = await makeLink()
    const { back } = await pushThrough(link.claimUrl, 'deny')
    expect(back.res.status).toBe(403)
    const html = await back.res.text()
    expect(html).toContain('The credential was not delivered')
    expect(html).toContain(`You did not allow Emblem to send the credential to ${hostName}`)
    expect(html).toContain('Try again')
    const { items } = (await (await api(staff, 'GET', `/api/v1/orgs/${slug}/credentials/${uuid}/pushes`)).json()) as { items: { id: string; state: string; reason: string }[] }
    expect(items.find((p) => p.id === link.id)).toMatchObject({ state: 'failed', reason: `You did not allow Emblem to send the credential to ${hostName}` })
    expect(await host.services.store.repos.walletItems.list(amara.id)).toEqual([])
  })

  it('delivers the credential exactly as signed, forgets the host’s tokens, and a replayed callback is refused', async () => {
    const link = await makeLink()
    const { back, callbackUrl, learner } = await pushThrough(link.claimUrl, 'allow')
    expect(back.url).toBe(link.claimUrl)
    expect(back.res.status).toBe(200)
    expect(await back.res.text()).toContain(`Delivered to ${hostName}`)
    const held = await host.services.store.repos.walletItems.list(amara.id)
    expect(held).toHaveLength(1)
    expect(JSON.parse(held[0]!.document)).toEqual(signed)
    const { items } = (await (await api(staff, 'GET', `/api/v1/orgs/${slug}/credentials/${uuid}/pushes`)).json()) as { items: { id: string; state: string; result: string; host: string }[] }
    expect(items.find((p) => p.id === link.id)).toMatchObject({ state: 'delivered', result: 'created', host: hostName })
    const row = await issuer.services.store.db.selectFrom('credential_pushes').selectAll().where('id', '=', link.id).executeTakeFirstOrThrow()
    expect(row).toMatchObject({ pending_state_hash: null, pending_verifier_sealed: null })
    expect(row.token_sealed).toMatch(/^v1\./)
    expect(JSON.stringify(row)).not.toContain(link.claimUrl.split('/').pop()!)
    // The same callback again: the state was spent.
    const replay = await browse(learner, callbackUrl, {}, issuer.base)
    expect(replay.res.status).toBe(400)
    expect(await replay.res.text()).toContain('This authorization is unknown, has expired or was used already')
    // A made-up state: the same clear page, no sign-in asked.
    const madeUp = await fetch(`${issuer.base}/oauth/callback/ob3?state=push.${'a'.repeat(40)}&code=x`)
    expect(madeUp.status).toBe(400)
    expect(await madeUp.text()).toContain('This authorization cannot be used')
    // The delivered link says so and offers nothing more.
    const again = await (await fetch(link.claimUrl)).text()
    expect(again).toContain(`Delivered to ${hostName}`)
    expect(again).not.toContain('name="hostUrl"')
  })

  it('a second push of the same credential is `existing` at the host', async () => {
    const link = await makeLink()
    const { back } = await pushThrough(link.claimUrl, 'allow')
    expect(await back.res.text()).toContain(`${hostName} held this credential already`)
    expect(await host.services.store.repos.walletItems.list(amara.id)).toHaveLength(1)
    const { items } = (await (await api(staff, 'GET', `/api/v1/orgs/${slug}/credentials/${uuid}/pushes`)).json()) as { items: { id: string; state: string; result: string }[] }
    expect(items.find((p) => p.id === link.id)).toMatchObject({ state: 'delivered', result: 'existing' })
  })

  it('the credential’s page makes a link (shown once) and lists the pushes; other staff get 404', async () => {
    const jar = new CookieJar()
    jar.cookies.set(SESSION_COOKIE, staff.cookie.split('=')[1]!)
    const page = await browse(jar, `${issuer.base}/orgs/${slug}/credentials/${uuid}`, {}, issuer.base)
    const html = await page.res.text()
    expect(html).toContain(`action="/orgs/${slug}/credentials/${uuid}/push"`)
    expect(html.match(/data-state="delivered"/g)).toHaveLength(2)
    expect(html).toContain('data-state="failed"')
    const made = await browse(jar, `${issuer.base}/orgs/${slug}/credentials/${uuid}/push`, form({ _csrf: 'csrf', hostUrl: '' }), issuer.base)
    expect(made.res.status).toBe(200)
    const shown = await made.res.text()
    expect(shown).toMatch(new RegExp(`<code id="push-link">${issuer.base}/push/[A-Za-z0-9_-]{43}</code>`))
    const refused = await browse(jar, `${issuer.base}/orgs/${slug}/credentials/${uuid}/push`, form({ _csrf: 'csrf', hostUrl: junkBase }), issuer.base)
    expect(refused.res.status).toBe(400)
    expect(await refused.res.text()).toContain('not an Open Badges 3.0 host')
    const other = new CookieJar()
    other.cookies.set(SESSION_COOKIE, outsider.cookie.split('=')[1]!)
    expect((await browse(other, `${issuer.base}/orgs/${slug}/credentials/${uuid}/push`, form({ _csrf: 'csrf' }), issuer.base)).res.status).toBe(404)
  })

  it.skipIf(!hasChromium)('in Chromium: the learner’s page, then delivered, at 1280 and 390 px without overflow', async () => {
    const browser = await launchBrowser()
    try {
      for (const [label, width] of [['desktop', 1280], ['mobile', 390]] as const) {
        const link = await makeLink({ hostUrl: host.base })
        const context = await browser.newContext({ viewport: { width, height: 900 } })
        await context.addCookies([{ name: SESSION_COOKIE, value: amara.cookie.split('=')[1]!, domain: '127.0.0.1', path: '/' }])
        const page = await context.newPage()
        await page.goto(link.claimUrl)
        expect(await page.getByLabel('Your host’s address').inputValue()).toBe(host.base)
        const overflow = async () => (await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth')) as number
        expect(await overflow(), label).toBeLessThanOrEqual(0)
        const dir = process.env.EMBLEM_SCREENSHOTS_DIR
        if (dir) await keepScreenshot(page, join(dir, `issuer-push-${label}.jpg`))
        await page.getByRole('button', { name: 'Continue to my host' }).click()
        // Amara's host: its consent page when asked (she allowed Emblem before, so it may go straight back).
        const allow = page.getByRole('button', { name: 'Allow', exact: true })
        const delivered = page.getByText(`Delivered to ${hostName}`)
        await allow.or(delivered).first().waitFor()
        if (await allow.isVisible()) await allow.click()
        await delivered.waitFor()
        expect(page.url()).toBe(link.claimUrl)
        expect(await overflow(), label).toBeLessThanOrEqual(0)
        if (dir) await keepScreenshot(page, join(dir, `issuer-push-delivered-${label}.jpg`))
        await context.close()
      }
    } finally {
      await browser.close()
    }
  })
})
