// The 1EdTech OB 3.0 API end to end against a real server, through an OAuth client written in this
// suite from the specifications (./oauth-client.ts): discovery (a valid OpenAPI 3.0 document),
// dynamic registration without an initial token, the consent page, PKCE S256 (plain and none
// refused), scopes enforced (a read-only token cannot write), paging headers, upsert 201/200, the
// Profile, token revocation and disconnecting in settings, forged and foreign tokens refused, and
// another learner's credentials never visible.
import { createHash, randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Validator } from '@seriousme/openapi-schema-validator'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hashSecret } from '../../../src/app/platform/secret-token.js'
import { displayOf } from '../../../src/app/wallet/display.js'
import { loadConfig } from '../../../src/config.js'
import { SESSION_COOKIE } from '../../../src/http/auth/tokens.js'
import { silentLogger } from '../../../src/http/logger.js'
import { openServices, startServer, type RunningServer, type Services } from '../../../src/main.js'
import { freePort } from '../../support/server-process.js'
import { CookieJar, discover, follow, pkcePair, register, tokenRequest, type Discovery, type Registered } from './oauth-client.js'

const READ = 'https://purl.imsglobal.org/spec/ob/v3p0/scope/credential.readonly'
const UPSERT = 'https://purl.imsglobal.org/spec/ob/v3p0/scope/credential.upsert'
const PROFILE_READ = 'https://purl.imsglobal.org/spec/ob/v3p0/scope/profile.readonly'
const PROFILE_UPDATE = 'https://purl.imsglobal.org/spec/ob/v3p0/scope/profile.update'

describe('the OB 3.0 API with OAuth 2.0 (SQLite)', () => {
  let dir: string
  let services: Services
  let server: RunningServer
  let base: string
  let clientBase: string
  let disco: Discovery
  let client: Registered
  const learners: Record<'amara' | 'ben', { id: string; session: string }> = {} as never
  let issued: Record<string, unknown>

  const jarFor = (who: 'amara' | 'ben') => {
    const jar = new CookieJar()
    jar.cookies.set(SESSION_COOKIE, learners[who].session)
    return jar
  }

  /** The whole authorization code flow as a browser and a client do it; returns the redirect's query. */
  async function authorize(who: 'amara' | 'ben', scope: string, { method = 'S256', decision = 'allow' }: { method?: 'S256' | 'plain' | 'none'; decision?: 'allow' | 'deny' } = {}) {
    const jar = jarFor(who)
    const { verifier, challenge } = pkcePair()
    const state = randomBytes(8).toString('hex')
    const url = new URL(disco.authorizationUrl)
    url.searchParams.set('response_type', 'code')
    url.searchParams.set('client_id', client.client_id)
    url.searchParams.set('redirect_uri', `${clientBase}/callback`)
    url.searchParams.set('scope', scope)
    url.searchParams.set('state', state)
    if (method === 'S256') {
      url.searchParams.set('code_challenge', challenge)
      url.searchParams.set('code_challenge_method', 'S256')
    } else if (method === 'plain') {
      url.searchParams.set('code_challenge', verifier)
      url.searchParams.set('code_challenge_method', 'plain')
    }
    let { res, url: at } = await follow(jar, url.href, { base })
    if (at.startsWith(base)) {
      expect(res.status).toBe(200)
      expect(new URL(at).pathname).toMatch(/^\/oauth\/consent\//)
      const html = await res.text()
      expect(html).toContain('Test Wallet')
      ;({ res, url: at } = await follow(jar, at, { base, method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ _csrf: 'csrf', decision }) }))
    }
    expect(at, `${res.status} ${at} ${res.status >= 400 ? await res.clone().text() : ''}`.slice(0, 600)).toMatch(new RegExp(`^${clientBase}/callback`))
    const query = new URL(at).searchParams
    if (query.get('code')) expect(query.get('state')).toBe(state)
    return { query, verifier, jar }
  }

  async function tokens(who: 'amara' | 'ben', scope: string) {
    const { query, verifier } = await authorize(who, scope)
    const code = query.get('code')
    expect(code).toBeTruthy()
    const { status, body } = await tokenRequest(disco.tokenUrl, client, { grant_type: 'authorization_code', code: code!, redirect_uri: `${clientBase}/callback`, code_verifier: verifier })
    expect(status).toBe(200)
    expect(body.token_type).toMatch(/bearer/i)
    return body as { access_token: string; refresh_token?: string; scope: string }
  }

  const api = (path: string, token: string, init: RequestInit = {}) => fetch(`${base}/ims/ob/v3p0${path}`, { ...init, headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${token}` } })

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'emblem-ob3-'))
    const port = await freePort()
    base = `http://127.0.0.1:${port}`
    clientBase = `http://localhost:${port}`
    const config = loadConfig({ PORT: String(port), EMBLEM_DATA_DIR: dir, EMBLEM_PUBLIC_URL: base, EMBLEM_LOG_LEVEL: 'silent' }, {})
    services = await openServices(config, silentLogger)
    server = await startServer(config, { log: silentLogger, platform: services.platform.platform, transparencyLog: services.transparencyLog, handleSignals: false })
    const { platform } = services.platform
    const { store } = services
    const demo = await platform.demo.seed({ count: 0 })
    const now = new Date().toISOString()
    for (const [key, email, name] of [['amara', 'amara@example.org', 'Amara Okafor'], ['ben', 'ben@example.org', 'Ben Weber']] as const) {
      const id = crypto.randomUUID()
      await store.db.insertInto('users').values({ id, email, name, password_hash: '$argon2id$unused', email_verified_at: now, created_at: now }).execute()
      const session = randomBytes(32).toString('base64url')
      await store.db.insertInto('sessions').values({ id_hash: hashSecret(session), user_id: id, csrf_token: 'csrf', created_at: now, expires_at: new Date(Date.now() + 86_400_000).toISOString() }).execute()
      learners[key] = { id, session }
    }
    // Amara's wallet: five credentials of the demo organization; Ben's: one.
    const keep = async (who: 'amara' | 'ben', credential: Record<string, unknown>, i: number) => {
      const document = JSON.stringify(credential)
      const d = displayOf(credential)
      await store.repos.walletItems.insert({
        id: `w_${who}${i}`, userId: learners[who].id, digest: createHash('sha256').update(document).digest('hex'), credentialId: String(credential.id), issuedCredentialId: null,
        source: 'import', format: 'vc-json', document, verified: true, report: JSON.stringify({ verified: true, checks: [] }), checkedAt: now, name: d.name, description: d.description ?? '',
        imageUrl: null, issuerId: d.issuer.id ?? null, issuerName: d.issuer.name, issuedAt: d.issuedAt ?? null, expiresAt: null, skills: [], addedAt: new Date(Date.now() - i * 1000).toISOString(), public: false, hidden: false,
      })
    }
    const issue = async (email: string) => {
      const outcome = await platform.issuance.issueCredential({ orgId: demo.org.id, achievementId: demo.achievements[0]!, input: { recipient: { email, name: 'Learner' } } })
      if (outcome.replayed) throw new Error('not issued')
      return outcome.view.credential as Record<string, unknown>
    }
    for (let i = 0; i < 5; i++) await keep('amara', await issue('amara@example.org'), i)
    await keep('ben', { ...(await issue('ben@example.org')), name: 'Ben only' }, 0)
    issued = await issue('amara@example.org')

    disco = await discover(base)
    const reg = await register(disco.registrationUrl, {
      client_name: 'Test Wallet', client_uri: `${clientBase}/`, logo_uri: `${clientBase}/logo.png`, tos_uri: `${clientBase}/tos`, policy_uri: `${clientBase}/privacy`,
      software_id: 'test-wallet', software_version: '1.0', redirect_uris: [`${clientBase}/callback`], scope: [READ, UPSERT, PROFILE_READ, PROFILE_UPDATE, 'offline_access'].join(' '),
      token_endpoint_auth_method: 'client_secret_basic', grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'], contacts: ['dev@example.org'],
    })
    expect(reg.status, JSON.stringify(reg.body)).toBe(201)
    client = reg.body
  }, 120_000)

  afterAll(async () => {
    await server?.close()
    await services?.close()
    if (dir) await rm(dir, { recursive: true, force: true })
  })

  it('serves a discovery document that is valid OpenAPI 3.0 with the OAuth endpoints and the four scopes, unprotected', async () => {
    const doc = disco.document as Record<string, any>
    const result = await new Validator().validate(structuredClone(doc))
    expect(result.errors ?? [], JSON.stringify(result.errors)).toEqual([])
    expect(result.valid).toBe(true)
    expect(doc.openapi).toMatch(/^3\.0\./)
    expect(doc.info['x-imssf-privacyPolicyUrl']).toMatch(/^http/)
    expect(doc.info['x-imssf-image']).toMatch(/^http/)
    expect(Object.keys(doc.components.securitySchemes.OAuth2ACG.flows.authorizationCode.scopes).sort()).toEqual([READ, UPSERT, PROFILE_READ, PROFILE_UPDATE].sort())
    expect(disco.registrationUrl).toBe(`${base}/ims/ob/v3p0/oauth/reg`)
  })

  it('registers clients without an initial access token and echoes the metadata with a secret', () => {
    expect(client.client_id).toBeTruthy()
    expect(client.client_secret).toBeTruthy()
    expect(client.client_name).toBe('Test Wallet')
    expect(client.redirect_uris).toEqual([`${clientBase}/callback`])
    expect(client.token_endpoint_auth_method).toBe('client_secret_basic')
  })

  it('refuses a registration whose URLs are on different hosts, or malformed', async () => {
    const other = await register(disco.registrationUrl, { client_name: 'Split', client_uri: 'http://elsewhere.example/', redirect_uris: [`${clientBase}/callback`], software_id: 'x' })
    expect(other.status).toBe(400)
    expect(other.body.error).toBe('invalid_client_metadata')
    const bad = await register(disco.registrationUrl, { redirect_uris: 'not-a-list' })
    expect(bad.status).toBe(400)
  })

  it('refuses an authorization without PKCE or with plain PKCE', async () => {
    for (const method of ['none', 'plain'] as const) {
      const { query } = await authorize('amara', READ, { method })
      expect(query.get('code')).toBeNull()
      expect(query.get('error')).toBe('invalid_request')
    }
  })

  it('a denied consent gives the client access_denied and no code', async () => {
    const { query } = await authorize('amara', READ, { decision: 'deny' })
    expect(query.get('code')).toBeNull()
    expect(query.get('error')).toBe('access_denied')
  })

  it('refuses a wrong code verifier and a code used twice', async () => {
    const { query, verifier } = await authorize('amara', READ)
    const code = query.get('code')!
    const wrong = await tokenRequest(disco.tokenUrl, client, { grant_type: 'authorization_code', code, redirect_uri: `${clientBase}/callback`, code_verifier: pkcePair().verifier })
    expect(wrong.status).toBe(400)
    expect(wrong.body.error).toBe('invalid_grant')
    const right = await tokenRequest(disco.tokenUrl, client, { grant_type: 'authorization_code', code, redirect_uri: `${clientBase}/callback`, code_verifier: verifier })
    expect(right.status).toBe(200)
    expect((await api('/credentials', right.body.access_token)).status).toBe(200)
    // A code replayed: refused, and the tokens it gave are revoked (RFC 6749 §4.1.2).
    const again = await tokenRequest(disco.tokenUrl, client, { grant_type: 'authorization_code', code, redirect_uri: `${clientBase}/callback`, code_verifier: verifier })
    expect(again.status).toBe(400)
    expect((await api('/credentials', right.body.access_token)).status).toBe(401)
  })

  it('GET /credentials pages the learner\'s own credentials with X-Total-Count and Link', async () => {
    const { access_token } = await tokens('amara', READ)
    const first = await api('/credentials?limit=2&offset=0', access_token)
    expect(first.status).toBe(200)
    expect(first.headers.get('x-total-count')).toBe('5')
    const link = first.headers.get('link') ?? ''
    expect(link).toContain('rel="next"')
    expect(link).toContain('rel="last"')
    expect(link).toContain('offset=4')
    const body = (await first.json()) as { credential: Record<string, unknown>[]; compactJwsString: string[] }
    expect(body.credential).toHaveLength(2)
    const last = (await (await api('/credentials?limit=2&offset=4', access_token)).json()) as { credential: Record<string, unknown>[] }
    expect(last.credential).toHaveLength(1)
    const all = (await (await api('/credentials?limit=100', access_token)).json()) as { credential: Array<{ name?: string; proof?: unknown }> }
    expect(all.credential).toHaveLength(5)
    expect(all.credential.every((c) => c.proof)).toBe(true)
    expect(all.credential.some((c) => c.name === 'Ben only')).toBe(false)
    const bad = await api('/credentials?limit=0', access_token)
    expect(bad.status).toBe(400)
    expect(((await bad.json()) as { imsx_codeMajor: string }).imsx_codeMajor).toBe('failure')
  })

  it('a read-only token cannot POST a credential or touch the profile (403 Imsx_StatusInfo)', async () => {
    const { access_token } = await tokens('amara', READ)
    const post = await api('/credentials', access_token, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(issued) })
    expect(post.status).toBe(403)
    const info = (await post.json()) as Record<string, any>
    expect(info.imsx_codeMajor).toBe('failure')
    expect(info.imsx_codeMinor.imsx_codeMinorField[0].imsx_codeMinorFieldValue).toBe('forbidden')
    expect((await api('/profile', access_token)).status).toBe(403)
  })

  it('POST /credentials keeps a verified credential: 201 new, 200 when held; garbage is 400', async () => {
    const { access_token } = await tokens('amara', `${UPSERT} ${READ}`)
    const first = await api('/credentials', access_token, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(issued) })
    expect(first.status).toBe(201)
    expect(((await first.json()) as { id: string }).id).toBe(issued.id)
    const again = await api('/credentials', access_token, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(issued) })
    expect(again.status).toBe(200)
    const list = await api('/credentials?limit=100', access_token)
    expect(list.headers.get('x-total-count')).toBe('6')
    expect((await api('/credentials', access_token, { method: 'DELETE' })).status).toBe(405)
    expect((await api('/credentials?offset=-1', access_token)).status).toBe(400)
    for (const body of ['{not json', 'hello world', '', '{"a":1}', '{"@context":["https://w3id.org/openbadges/v2"],"type":"Assertion"}', 'a.b.c']) {
      const res = await api('/credentials', access_token, { method: 'POST', headers: { 'content-type': body.startsWith('{') ? 'application/json' : 'text/plain' }, body })
      expect(res.status, body).toBe(400)
      expect(((await res.json()) as { imsx_codeMajor: string }).imsx_codeMajor).toBe('failure')
    }
  })

  it('GET and PUT /profile with the profile scopes', async () => {
    const { access_token } = await tokens('ben', `${PROFILE_READ} ${PROFILE_UPDATE}`)
    const got = await api('/profile', access_token)
    expect(got.status).toBe(200)
    const profile = (await got.json()) as { id: string; type: string[]; name: string }
    expect(profile.type).toContain('Profile')
    expect(profile.name).toBe('Ben Weber')
    const put = await api('/profile', access_token, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...profile, id: 'https://1edtech.org/issuers/cert', name: 'Ben W.' }) })
    expect(put.status).toBe(200)
    expect(((await (await api('/profile', access_token)).json()) as { name: string }).name).toBe('Ben W.')
    const bad = await api('/profile', access_token, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'no type' }) })
    expect(bad.status).toBe(400)
  })

  it('refuses missing, forged and revoked tokens, and shows the grant in settings until disconnected', async () => {
    expect((await fetch(`${base}/ims/ob/v3p0/credentials`)).status).toBe(401)
    const forged = await api('/credentials', randomBytes(32).toString('base64url'))
    expect(forged.status).toBe(401)
    expect(forged.headers.get('www-authenticate')).toContain('invalid_token')

    const { access_token, refresh_token } = await tokens('amara', READ)
    expect(refresh_token).toBeTruthy()
    expect((await api('/credentials', access_token)).status).toBe(200)
    // RFC 7009: the client revokes its token.
    const revoke = await fetch(`${base}/ims/ob/v3p0/oauth/token/revocation`, { method: 'POST', headers: { authorization: `Basic ${Buffer.from(`${client.client_id}:${client.client_secret}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ token: access_token, token_type_hint: 'access_token' }) })
    expect(revoke.status).toBe(200)
    expect((await api('/credentials', access_token)).status).toBe(401)
    // Revoking a token withdraws what was made under its authorization, the refresh token too.
    expect((await tokenRequest(disco.tokenUrl, client, { grant_type: 'refresh_token', refresh_token: refresh_token! })).status).toBe(400)

    // A new authorization: its refresh token gives new access tokens, until the learner disconnects the app.
    const second = await tokens('amara', READ)
    const refreshed = await tokenRequest(disco.tokenUrl, client, { grant_type: 'refresh_token', refresh_token: second.refresh_token! })
    expect(refreshed.status, JSON.stringify(refreshed.body)).toBe(200)
    const fresh = refreshed.body.access_token as string
    expect((await api('/credentials', fresh)).status).toBe(200)

    const jar = jarFor('amara')
    const grants = (await (await fetch(`${base}/api/v1/me/grants`, { headers: { cookie: jar.header() } })).json()) as { grants: Array<{ id: string; client: { name: string }; scopes: string[] }> }
    const mine = grants.grants.find((g) => g.id === client.client_id)
    expect(mine?.scopes).toContain(READ)
    expect(mine?.client.name).toBe('Test Wallet')
    const page = await fetch(`${base}/account/connections`, { headers: { cookie: jar.header() } })
    expect(await page.text()).toContain('Test Wallet')
    // Ben connected the same app (the profile test): disconnecting it ends his authorizations, not Amara's.
    const benJar = jarFor('ben')
    const his = await fetch(`${base}/api/v1/me/grants/${mine!.id}`, { method: 'DELETE', headers: { cookie: benJar.header(), 'x-csrf-token': 'csrf' } })
    expect(his.status).toBe(204)
    expect((await fetch(`${base}/api/v1/me/grants/${mine!.id}`, { method: 'DELETE', headers: { cookie: benJar.header(), 'x-csrf-token': 'csrf' } })).status).toBe(404)
    expect((await api('/credentials', fresh)).status).toBe(200)
    const del = await fetch(`${base}/api/v1/me/grants/${mine!.id}`, { method: 'DELETE', headers: { cookie: jar.header(), 'x-csrf-token': 'csrf' } })
    expect(del.status).toBe(204)
    expect((await api('/credentials', fresh)).status).toBe(401)
    const after = await tokenRequest(disco.tokenUrl, client, { grant_type: 'refresh_token', refresh_token: (refreshed.body.refresh_token as string | undefined) ?? second.refresh_token! })
    expect(after.status).toBe(400)
    const left = (await (await fetch(`${base}/api/v1/me/grants`, { headers: { cookie: jar.header() } })).json()) as { grants: unknown[] }
    expect(left.grants).toEqual([])
  })

  it('the consent page is only for the browser that started the request', async () => {
    const jar = jarFor('amara')
    const { challenge } = pkcePair()
    const url = `${disco.authorizationUrl}?${new URLSearchParams({ response_type: 'code', client_id: client.client_id, redirect_uri: `${clientBase}/callback`, scope: READ, state: 's', code_challenge: challenge, code_challenge_method: 'S256' })}`
    const { url: consent } = await follow(jar, url, { base })
    expect(consent).toContain('/oauth/consent/')
    const stranger = jarFor('ben')
    const res = await fetch(consent, { headers: { cookie: stranger.header() } })
    expect(res.status).toBe(410)
    const anonymous = await fetch(consent, { redirect: 'manual', headers: { accept: 'text/html' } })
    expect(anonymous.status).toBe(303)
    expect(anonymous.headers.get('location')).toContain('/sign-in?next=')
  })
})
