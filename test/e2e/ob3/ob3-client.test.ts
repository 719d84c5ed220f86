// Emblem as a client of another OB 3.0 host, end to end between two real Emblem instances: the host
// (127.0.0.1, where Amara keeps 23 credentials) and the client (localhost, where Ben connects it; its
// guarded fetcher may reach private addresses and plain http here). Ben connects the host (discovery,
// dynamic registration), Amara's browser on the host answers the consent page, the host sends it back
// to the client's callback; Ben imports everything (two pages), a second import finds only duplicates,
// he sends a credential to the host, an expired access token is refreshed, and a grant withdrawn on the
// host is reported clearly. A host whose discovery is not an OB 3.0 one is refused with a 400.
import { createHash, randomBytes } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hashSecret } from '../../../src/app/platform/secret-token.js'
import { displayOf } from '../../../src/app/wallet/display.js'
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
  const dir = await mkdtemp(join(tmpdir(), 'emblem-ob3c-'))
  const port = await freePort()
  const base = `http://${host}:${port}`
  const config = loadConfig({ PORT: String(port), EMBLEM_DATA_DIR: dir, EMBLEM_PUBLIC_URL: base, EMBLEM_LOG_LEVEL: 'silent', ...env }, {})
  const services = await openServices(config, silentLogger)
  const server = await startServer(config, { log: silentLogger, platform: services.platform.platform, transparencyLog: services.transparencyLog, handleSignals: false })
  return { dir, services, server, base }
}

/** A signed-in learner on an instance: their session cookie (CSRF token `csrf`). */
async function seedLearner(i: Instance, email: string, name: string) {
  const id = crypto.randomUUID()
  const now = new Date().toISOString()
  await i.services.store.db.insertInto('users').values({ id, email, name, password_hash: '$argon2id$unused', email_verified_at: now, created_at: now }).execute()
  const session = randomBytes(32).toString('base64url')
  await i.services.store.db.insertInto('sessions').values({ id_hash: hashSecret(session), user_id: id, csrf_token: 'csrf', created_at: now, expires_at: new Date(Date.now() + 86_400_000).toISOString() }).execute()
  return { id, cookie: `${SESSION_COOKIE}=${session}` }
}

/** Keeps `credential` in the learner's wallet as an import. */
async function keep(i: Instance, userId: string, credential: Record<string, unknown>, n: number) {
  const document = JSON.stringify(credential)
  const d = displayOf(credential)
  const now = new Date().toISOString()
  await i.services.store.repos.walletItems.insert({
    id: `w_${randomBytes(12).toString('base64url')}`, userId, digest: createHash('sha256').update(document).digest('hex'), credentialId: String(credential.id), issuedCredentialId: null,
    source: 'import', format: 'vc-json', document, verified: true, report: JSON.stringify({ verified: true, checks: [] }), checkedAt: now, name: d.name, description: d.description ?? '',
    imageUrl: null, issuerId: d.issuer.id ?? null, issuerName: d.issuer.name, issuedAt: d.issuedAt ?? null, expiresAt: null, skills: [], addedAt: new Date(Date.now() - n * 1000).toISOString(), public: false, hidden: false,
  })
}

describe('connecting another OB 3.0 host (two Emblem instances)', () => {
  let host: Instance
  let client: Instance
  let amara: { id: string; cookie: string }
  let ben: { id: string; cookie: string }
  let junk: Server
  let junkBase: string
  let hostId: string
  const HELD = 23

  /** The learner's browser on one instance: its cookies (the session's first). */
  const jars = new Map<string, CookieJar>()
  const jarOf = (cookie: string) => {
    let jar = jars.get(cookie)
    if (!jar) {
      jar = new CookieJar()
      const [name, value] = cookie.split('=') as [string, string]
      jar.cookies.set(name, value)
      jars.set(cookie, jar)
    }
    return jar
  }

  /** A browser request: the learner's cookies of that instance, redirects followed by hand within it. */
  async function browse(url: string, init: RequestInit & { cookie: string }, stayOn: string) {
    let current = url
    let req: RequestInit = init
    const jar = jarOf(init.cookie)
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

  const api = (i: Instance, who: { cookie: string }, method: string, path: string, json?: unknown) =>
    fetch(`${i.base}${path}`, {
      method,
      headers: { cookie: who.cookie, 'x-csrf-token': 'csrf', ...(json !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(json !== undefined ? { body: JSON.stringify(json) } : {}),
    })

  /** Ben connects the host; Amara's browser on the host answers; the host sends it back to the client's callback. */
  async function connect(decision: 'allow' | 'deny') {
    const started = await api(client, ben, 'POST', '/api/v1/me/hosts', { baseUrl: host.base })
    expect(started.status, await started.clone().text()).toBe(201)
    const { host: view, authorizationUrl } = (await started.json()) as { host: { id: string; state: string }; authorizationUrl: string }
    expect(new URL(authorizationUrl).searchParams.get('code_challenge_method')).toBe('S256')
    // On the host: the consent page, then the answer, which redirects to the client's callback.
    const consent = await browse(authorizationUrl, { cookie: amara.cookie }, host.base)
    expect(new URL(consent.url).pathname).toMatch(/^\/oauth\/consent\//)
    expect(await consent.res.text()).toContain('Emblem (localhost')
    const { url } = await browse(consent.url, { cookie: amara.cookie, method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ _csrf: 'csrf', decision }) }, host.base)
    expect(url.startsWith(`${client.base}/oauth/callback/ob3?`)).toBe(true)
    // Back on the client, as Ben.
    const back = await browse(url, { cookie: ben.cookie }, client.base)
    return { view, back }
  }

  beforeAll(async () => {
    host = await startInstance('127.0.0.1')
    client = await startInstance('localhost', { EMBLEM_FETCH_ALLOW_HTTP: 'true', EMBLEM_FETCH_ALLOW_PRIVATE: 'true' })
    amara = await seedLearner(host, 'amara@example.org', 'Amara Okafor')
    ben = await seedLearner(client, 'ben@example.org', 'Ben Weber')
    const { platform } = host.services.platform
    const demo = await platform.demo.seed({ count: 0 })
    for (let n = 0; n < HELD; n++) {
      const outcome = await platform.issuance.issueCredential({ orgId: demo.org.id, achievementId: demo.achievements[n % demo.achievements.length]!, input: { recipient: { email: 'amara@example.org', name: 'Amara Okafor' } } })
      if (outcome.replayed) throw new Error('not issued')
      await keep(host, amara.id, outcome.view.credential as Record<string, unknown>, n)
    }
    junk = createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ openapi: '3.0.1', info: { title: 'Not badges' }, paths: { '/credentials': {} } }))
    })
    await new Promise<void>((resolve) => junk.listen(0, '127.0.0.1', resolve))
    junkBase = `http://127.0.0.1:${(junk.address() as AddressInfo).port}`
  }, 180_000)

  afterAll(async () => {
    for (const i of [client, host]) {
      await i?.server.close()
      await i?.services.close()
      if (i?.dir) await rm(i.dir, { recursive: true, force: true })
    }
    await new Promise((resolve) => junk?.close(resolve))
  })

  it('refuses a host whose discovery is not an OB 3.0 one, with a clear 400', async () => {
    const res = await api(client, ben, 'POST', '/api/v1/me/hosts', { baseUrl: junkBase })
    expect(res.status).toBe(400)
    const problem = (await res.json()) as { detail: string; errors: { path: string; message: string }[] }
    expect(problem.errors[0]).toMatchObject({ path: 'baseUrl' })
    expect(problem.errors[0]!.message).toMatch(/not an Open Badges 3\.0 host: its discovery document names no OAuth 2\.0/)
    const nothing = await api(client, ben, 'POST', '/api/v1/me/hosts', { baseUrl: `http://127.0.0.1:${await freePort()}` })
    expect(nothing.status).toBe(400)
    expect(JSON.stringify(await nothing.json())).toMatch(/cannot reach/)
    expect(((await (await api(client, ben, 'GET', '/api/v1/me/hosts')).json()) as { hosts: unknown[] }).hosts).toEqual([])
  })

  it('a learner who denies on the host is told so, and nothing is connected', async () => {
    const { back } = await connect('deny')
    expect(back.res.status).toBe(403)
    expect(await back.res.text()).toContain('You did not allow Emblem at 127.0.0.1')
    const { hosts } = (await (await api(client, ben, 'GET', '/api/v1/me/hosts')).json()) as { hosts: { state: string }[] }
    expect(hosts.map((h) => h.state)).toEqual(['pending'])
  })

  it('connects: registration once, authorization code with PKCE, tokens sealed', async () => {
    const { view, back } = await connect('allow')
    hostId = view.id
    // The callback sent the browser on to the connections page, which says so.
    expect(back.url).toBe(`${client.base}/account/connections?connected=${hostId}`)
    expect(back.res.status).toBe(200)
    expect(await back.res.text()).toContain(`Connected to ${new URL(host.base).host}`)
    const { hosts } = (await (await api(client, ben, 'GET', '/api/v1/me/hosts')).json()) as { hosts: { id: string; state: string; scopes: string[] }[] }
    expect(hosts).toEqual([expect.objectContaining({ id: hostId, state: 'connected' })])
    expect(hosts[0]!.scopes).toContain('https://purl.imsglobal.org/spec/ob/v3p0/scope/credential.readonly')
    // One registration for the host (the second authorization reused it), and nothing readable in the database.
    const clients = await client.services.store.db.selectFrom('ob3_clients').selectAll().execute()
    expect(clients).toHaveLength(1)
    expect(clients[0]!.client_secret_sealed).toMatch(/^v1\./)
    const row = await client.services.store.db.selectFrom('ob3_hosts').selectAll().where('id', '=', hostId).executeTakeFirstOrThrow()
    expect(row.access_token_sealed).toMatch(/^v1\./)
    expect(row.refresh_token_sealed).toMatch(/^v1\./)
    expect(row.pending_verifier_sealed).toBeNull()
    const registered = await host.services.store.db.selectFrom('oauth_records').select('id').where('model', '=', 'Client').execute()
    expect(registered.map((r) => r.id)).toEqual([clients[0]!.client_id])
  })

  it('imports everything, following the pages, then finds only duplicates', async () => {
    const res = await api(client, ben, 'POST', `/api/v1/me/hosts/${hostId}/import`)
    expect(res.status, await res.clone().text()).toBe(200)
    const first = (await res.json()) as { unverified: number }
    expect(first).toMatchObject({ total: HELD, read: HELD, imported: HELD, duplicates: 0, failed: 0, pages: 2 })
    const wallet = await client.services.store.repos.walletItems.list(ben.id)
    expect(wallet).toHaveLength(HELD)
    // Each went through the wallet import's verification (the host's did:web cannot be resolved over plain http here: kept, marked so).
    expect(wallet.every((w) => w.source === 'import' && w.report !== '')).toBe(true)
    expect(first.unverified).toBe(wallet.filter((w) => !w.verified).length)
    const again = await (await api(client, ben, 'POST', `/api/v1/me/hosts/${hostId}/import`)).json()
    expect(again).toMatchObject({ total: HELD, imported: 0, duplicates: HELD, failed: 0 })
    expect(await client.services.store.repos.walletItems.list(ben.id)).toHaveLength(HELD)
  })

  it('the page imports too and shows the counts', async () => {
    const page = await browse(`${client.base}/account/connections/hosts/${hostId}/import`, { cookie: ben.cookie, method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ _csrf: 'csrf' }) }, client.base)
    expect(page.res.status).toBe(200)
    const html = await page.res.text()
    expect(html).toContain('Imported from 127.0.0.1')
    expect(html).toMatch(/data-count="duplicates"><dt>Already here<\/dt><dd>23<\/dd>/)
  })

  it.skipIf(!hasChromium)('in Chromium: "Import everything" shows the counts, at 1280 and 390 px without overflow', async () => {
    const browser = await launchBrowser()
    try {
      for (const [label, width] of [['desktop', 1280], ['mobile', 390]] as const) {
        const context = await browser.newContext({ viewport: { width, height: 900 } })
        await context.addCookies([{ name: SESSION_COOKIE, value: ben.cookie.split('=')[1]!, domain: 'localhost', path: '/' }])
        const page = await context.newPage()
        await page.goto(`${client.base}/account/connections`)
        await page.getByRole('button', { name: 'Import everything' }).click()
        await page.waitForURL(`${client.base}/account/connections/hosts/${hostId}/import`)
        await expect(page.getByText(`Imported from ${new URL(host.base).host}`)).toBeTruthy()
        expect(await page.locator('.alert [data-count="duplicates"] dd').textContent()).toBe(String(HELD))
        const overflow = (await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth')) as number
        expect(overflow, label).toBeLessThanOrEqual(0)
        const dir = process.env.EMBLEM_SCREENSHOTS_DIR
        if (dir) await keepScreenshot(page, join(dir, `connect-host-${label}.jpg`))
        await context.close()
      }
    } finally {
      await browser.close()
    }
  })

  it('sends a credential of the wallet to the host, once', async () => {
    const { platform } = client.services.platform
    const demo = await platform.demo.seed({ count: 0 })
    const outcome = await platform.issuance.issueCredential({ orgId: demo.org.id, achievementId: demo.achievements[0]!, input: { recipient: { email: 'ben@example.org', name: 'Ben Weber' } } })
    if (outcome.replayed) throw new Error('not issued')
    await keep(client, ben.id, outcome.view.credential as Record<string, unknown>, 0)
    const item = (await client.services.store.repos.walletItems.list(ben.id)).find((w) => w.credentialId === outcome.view.id)!
    const sent = await api(client, ben, 'POST', `/api/v1/me/hosts/${hostId}/push`, { credentialId: item.id })
    expect(sent.status, await sent.clone().text()).toBe(200)
    expect(await sent.json()).toMatchObject({ status: 'created', credentialId: item.id })
    const onHost = await host.services.store.repos.walletItems.list(amara.id)
    expect(onHost).toHaveLength(HELD + 1)
    expect(onHost.some((w) => w.credentialId === outcome.view.id)).toBe(true)
    expect(await (await api(client, ben, 'POST', `/api/v1/me/hosts/${hostId}/push`, { credentialId: item.id })).json()).toMatchObject({ status: 'existing' })
    // The wallet page of the credential sends it too (one button per connected host).
    const itemPage = await (await browse(`${client.base}/wallet/${item.id}`, { cookie: ben.cookie }, client.base)).res.text()
    expect(itemPage).toContain(`action="/account/connections/hosts/${hostId}/push"`)
    const fromPage = await browse(`${client.base}/account/connections/hosts/${hostId}/push`, { cookie: ben.cookie, method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ _csrf: 'csrf', credentialId: item.id }) }, client.base)
    expect(fromPage.res.status).toBe(200)
    expect(await fromPage.res.text()).toContain(`${new URL(host.base).host} held this credential already.`)
    const missing = await api(client, ben, 'POST', `/api/v1/me/hosts/${hostId}/push`, { credentialId: 'nope' })
    expect(missing.status).toBe(404)
  })

  it('refreshes an expired access token', async () => {
    const before = await client.services.store.db.selectFrom('ob3_hosts').selectAll().where('id', '=', hostId).executeTakeFirstOrThrow()
    await client.services.store.db.updateTable('ob3_hosts').set({ access_expires_at: new Date(Date.now() - 60_000).toISOString() }).where('id', '=', hostId).execute()
    const res = await api(client, ben, 'POST', `/api/v1/me/hosts/${hostId}/import`)
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ duplicates: HELD + 1 })
    const after = await client.services.store.db.selectFrom('ob3_hosts').selectAll().where('id', '=', hostId).executeTakeFirstOrThrow()
    expect(after.access_token_sealed).not.toBe(before.access_token_sealed)
    expect(Date.parse(after.access_expires_at!)).toBeGreaterThan(Date.now())
  })

  it('a grant withdrawn on the host is reported clearly, and the host can be connected again', async () => {
    const { grants } = (await (await api(host, amara, 'GET', '/api/v1/me/grants')).json()) as { grants: { id: string }[] }
    expect(grants).toHaveLength(1)
    expect((await api(host, amara, 'DELETE', `/api/v1/me/grants/${encodeURIComponent(grants[0]!.id)}`)).status).toBe(204)
    const res = await api(client, ben, 'POST', `/api/v1/me/hosts/${hostId}/import`)
    expect(res.status).toBe(409)
    expect(((await res.json()) as { detail: string }).detail).toMatch(/127\.0\.0\.1:\d+ no longer lets Emblem in: the access was withdrawn there or has expired\. Connect the host again\./)
    const { hosts } = (await (await api(client, ben, 'GET', '/api/v1/me/hosts')).json()) as { hosts: { state: string; lastError: string }[] }
    expect(hosts[0]).toMatchObject({ state: 'revoked' })
    const page = await (await browse(`${client.base}/account/connections`, { cookie: ben.cookie }, client.base)).res.text()
    expect(page).toContain('Access withdrawn')
    expect(page).toContain('Connect again')
    // Connecting again gives a working connection.
    await connect('allow')
    expect(await (await api(client, ben, 'POST', `/api/v1/me/hosts/${hostId}/import`)).json()).toMatchObject({ imported: 0, duplicates: HELD + 1 })
  })

  it('forgets a host; another learner never sees or uses it', async () => {
    const other = await seedLearner(client, 'cleo@example.org', 'Cleo')
    expect((await api(client, other, 'POST', `/api/v1/me/hosts/${hostId}/import`)).status).toBe(404)
    expect(((await (await api(client, other, 'GET', '/api/v1/me/hosts')).json()) as { hosts: unknown[] }).hosts).toEqual([])
    expect((await api(client, ben, 'DELETE', `/api/v1/me/hosts/${hostId}`)).status).toBe(204)
    expect(((await (await api(client, ben, 'GET', '/api/v1/me/hosts')).json()) as { hosts: unknown[] }).hosts).toEqual([])
  })
})
