// The LTI 1.3 tool end to end on either dialect (lti.test.ts, lti-postgres.test.ts), against a
// platform simulator written here: its own RSA keys and a JWKS, token, line items, results and
// memberships server on a local port (the guarded fetcher allows 127.0.0.1 in these tests). The
// simulator signs launches; the tool must accept a valid one and refuse forged, expired, replayed,
// misaddressed, unknown-deployment and wrong-state ones; the deep-linking response is verified by
// the simulator with the tool's JWKS; grade sync issues one credential per qualifying learner.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createLocalJWKSet, exportJWK, generateKeyPair, jwtVerify, SignJWT, type JWK } from 'jose'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { readJson } from '../../support/platform.js'
import { startIssuancePlatform, type IssuancePlatform } from './issuance-fixture.js'

const CLIENT_ID = 'emblem-client-1'
const DEPLOYMENT = 'deployment-1'
const LTI = 'https://purl.imsglobal.org/spec/lti/claim/'
const INSTRUCTOR = 'http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor'
const LEARNER = 'http://purl.imsglobal.org/vocab/lis/v2/membership#Learner'

type Key = Awaited<ReturnType<typeof generateKeyPair>>['privateKey']

export function ltiSuite(dialect: 'sqlite' | 'postgres'): void {
  let p: IssuancePlatform
  let server: Server
  let base = ''
  let signingKey: Key
  let forgerKey: Key
  let publicJwk: JWK
  const tokenRequests: { assertionVerified: boolean; scope: string }[] = []
  /** The AGS results the simulator reports. */
  let results: { userId: string; resultScore: number; resultMaximum: number }[] = []
  const members = [
    { user_id: 'teacher-1', name: 'Ines Instructor', email: 'ines@example.edu', roles: [INSTRUCTOR], status: 'Active' },
    { user_id: 'learner-a', name: 'Ada Learner', email: 'ada@example.edu', roles: [LEARNER], status: 'Active' },
    { user_id: 'learner-b', name: 'Bo Learner', email: 'bo@example.edu', roles: [LEARNER], status: 'Active' },
    { user_id: 'learner-c', name: 'Cy Learner', email: 'cy@example.edu', roles: [LEARNER], status: 'Active' },
  ]
  const ACCESS_TOKEN = 'sim-access-token'

  const toolJwks = async () => createLocalJWKSet(await readJson(await p.t.app.request('/lti/jwks')))

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256')
    signingKey = pair.privateKey
    publicJwk = await exportJWK(pair.publicKey)
    forgerKey = (await generateKeyPair('RS256')).privateKey
    server = createServer((req, res) => {
      const chunks: Buffer[] = []
      req.on('data', (c: Buffer) => chunks.push(c))
      req.on('end', () => {
        void (async () => {
          const url = new URL(req.url ?? '/', base)
          const send = (status: number, body: unknown, type = 'application/json') => res.writeHead(status, { 'content-type': type }).end(JSON.stringify(body))
          if (url.pathname === '/jwks') return send(200, { keys: [{ ...publicJwk, kid: 'sim-1', alg: 'RS256', use: 'sig' }] })
          if (url.pathname === '/token' && req.method === 'POST') {
            const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'))
            let assertionVerified: boolean
            try {
              const { payload } = await jwtVerify(form.get('client_assertion') ?? '', await toolJwks(), { issuer: CLIENT_ID, subject: CLIENT_ID, audience: `${base}/token`, currentDate: p.t.clock.now() })
              assertionVerified = typeof payload.jti === 'string' && form.get('grant_type') === 'client_credentials'
            } catch {
              assertionVerified = false
            }
            tokenRequests.push({ assertionVerified, scope: form.get('scope') ?? '' })
            return assertionVerified ? send(200, { access_token: ACCESS_TOKEN, token_type: 'Bearer', expires_in: 3600 }) : send(401, { error: 'invalid_client' })
          }
          if (req.headers.authorization !== `Bearer ${ACCESS_TOKEN}`) return send(401, { error: 'unauthorized' })
          if (url.pathname === '/courses/c1/lineitems') return send(200, [{ id: `${base}/courses/c1/lineitems/1`, label: 'Final grade', scoreMaximum: 100 }], 'application/vnd.ims.lis.v2.lineitemcontainer+json')
          if (url.pathname === '/courses/c1/lineitems/1/results') return send(200, results, 'application/vnd.ims.lis.v2.resultcontainer+json')
          if (url.pathname === '/courses/c1/memberships') return send(200, { id: url.href, context: { id: 'c1' }, members }, 'application/vnd.ims.lti-nrps.v2.membershipcontainer+json')
          return send(404, { error: 'not found' })
        })()
      })
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    p = await startIssuancePlatform({ dialect, config: { fetch: { allowHttp: true, allowPrivateAddresses: true, timeoutMs: 5000, maxBytes: 1024 * 1024 } } })
    const res = await p.t.request(`/api/v1/orgs/${p.org.slug}/lti/platforms`, {
      as: p.owner,
      method: 'POST',
      json: { name: 'Simulated Moodle', issuer: base, clientId: CLIENT_ID, authLoginUrl: `${base}/auth`, tokenUrl: `${base}/token`, jwksUrl: `${base}/jwks`, deploymentIds: [DEPLOYMENT] },
    })
    expect(res.status).toBe(201)
  })
  afterAll(async () => {
    await p?.close()
    await new Promise<void>((resolve) => server?.close(() => resolve()))
  })

  const cookieOf = (res: Response, name: string): string | undefined => {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';')
      const [k, v] = pair!.split('=')
      if (k === name && v) return v
    }
    return undefined
  }

  /** Steps 1–2 of a launch: the OIDC login initiation; the state, nonce and state cookie. */
  const login = async (hint = 'teacher-1') => {
    const q = new URLSearchParams({ iss: base, login_hint: hint, target_link_uri: `${p.t.config.publicUrl}/lti/launch`, client_id: CLIENT_ID, lti_deployment_id: DEPLOYMENT })
    const res = await p.t.app.request(`/lti/login?${q}`)
    expect(res.status).toBe(302)
    const to = new URL(res.headers.get('location')!)
    expect(to.origin + to.pathname).toBe(`${base}/auth`)
    expect(to.searchParams.get('redirect_uri')).toBe(`${p.t.config.publicUrl}/lti/launch`)
    expect(to.searchParams.get('response_mode')).toBe('form_post')
    return { state: to.searchParams.get('state')!, nonce: to.searchParams.get('nonce')!, cookie: cookieOf(res, 'emblem_lti_state')! }
  }

  const claimsFor = (nonce: string, overrides: Record<string, unknown> = {}, who: 'teacher-1' | 'learner-a' = 'teacher-1') => {
    const now = Math.floor(p.t.clock.now().getTime() / 1000)
    const m = members.find((x) => x.user_id === who)!
    return {
      iss: base,
      aud: CLIENT_ID,
      sub: who,
      iat: now,
      exp: now + 300,
      nonce,
      name: m.name,
      email: m.email,
      [`${LTI}message_type`]: 'LtiResourceLinkRequest',
      [`${LTI}version`]: '1.3.0',
      [`${LTI}deployment_id`]: DEPLOYMENT,
      [`${LTI}target_link_uri`]: `${p.t.config.publicUrl}/lti/launch`,
      [`${LTI}resource_link`]: { id: 'rl-1', title: 'Emblem' },
      [`${LTI}roles`]: m.roles,
      [`${LTI}context`]: { id: 'c1', label: 'DS-101', title: 'Data Science Foundations' },
      'https://purl.imsglobal.org/spec/lti-ags/claim/endpoint': { scope: ['https://purl.imsglobal.org/spec/lti-ags/scope/lineitem'], lineitems: `${base}/courses/c1/lineitems` },
      'https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice': { context_memberships_url: `${base}/courses/c1/memberships`, service_versions: ['2.0'] },
      ...overrides,
    }
  }
  const sign = (claims: Record<string, unknown>, key: Key = signingKey) => new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'sim-1', typ: 'JWT' }).sign(key)

  const post = (idToken: string, state: string, cookie: string | undefined) =>
    p.t.app.request('/lti/launch', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie: `emblem_lti_state=${cookie}` } : {}) },
      body: new URLSearchParams({ id_token: idToken, state }).toString(),
    })

  /** A complete launch; returns the LTI session cookie. */
  const launch = async (who: 'teacher-1' | 'learner-a' = 'teacher-1', overrides: Record<string, unknown> = {}) => {
    const { state, nonce, cookie } = await login(who)
    const res = await post(await sign(claimsFor(nonce, overrides, who)), state, cookie)
    expect(res.status).toBe(303)
    return { session: cookieOf(res, 'emblem_lti')!, location: res.headers.get('location')! }
  }
  const page = (path: string, session: string) => p.t.app.request(path, { headers: { cookie: `emblem_lti=${session}` } })
  const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? ''
  const submit = (path: string, session: string, fields: Record<string, string>) =>
    p.t.app.request(path, { method: 'POST', headers: { cookie: `emblem_lti=${session}`, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() })

  it('publishes the tool’s RS256 JWKS and its configuration for the platform', async () => {
    const jwks = await readJson(await p.t.app.request('/lti/jwks'))
    expect(jwks.keys).toHaveLength(1)
    expect(jwks.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig' })
    expect(jwks.keys[0].d).toBeUndefined()
    const list = await readJson(await p.t.request(`/api/v1/orgs/${p.org.slug}/lti/platforms`, { as: p.owner }))
    expect(list.tool).toMatchObject({ loginUrl: `${p.t.config.publicUrl}/lti/login`, launchUrl: `${p.t.config.publicUrl}/lti/launch`, jwksUrl: `${p.t.config.publicUrl}/lti/jwks` })
    expect(list.items[0]).toMatchObject({ issuer: base, clientId: CLIENT_ID, deploymentIds: [DEPLOYMENT] })
    const html = await (await p.t.request(`/orgs/${p.org.slug}/lti`, { as: p.owner })).text()
    expect(html).toContain('Simulated Moodle')
    expect(html).toContain(`${p.t.config.publicUrl}/lti/login`)
    // The private key is sealed at rest.
    const row = await p.t.store.db.selectFrom('lti_tool_keys').selectAll().executeTakeFirstOrThrow()
    expect(row.sealed_private_jwk.startsWith('v1.')).toBe(true)
    expect(row.sealed_private_jwk).not.toContain('"d"')
  })

  it('a valid instructor launch opens the course page with the mapping form', async () => {
    const { session, location } = await launch()
    expect(location).toBe('/lti/course')
    const res = await page('/lti/course', session)
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain('Data Science Foundations')
    expect(html).toContain('Map an achievement')
    expect(html).toContain('Sync grades now')
    expect(res.headers.get('content-security-policy')).toContain(`frame-ancestors ${base}`)
  })

  it('refuses forged, misaddressed, expired, replayed, unknown-deployment and wrong-state launches with an HTML page', async () => {
    const refusedWith = async (res: Response, status: number, text: string) => {
      expect(res.status).toBe(status)
      expect(res.headers.get('content-type')).toContain('text/html')
      const html = await res.text()
      expect(html).toContain('This launch was refused')
      expect(html).toContain(text)
    }
    // Forged: signed by another key under the platform's kid.
    let l = await login()
    await refusedWith(await post(await sign(claimsFor(l.nonce), forgerKey), l.state, l.cookie), 401, 'signature does not verify')
    // Wrong audience.
    l = await login()
    await refusedWith(await post(await sign(claimsFor(l.nonce, { aud: 'someone-else' })), l.state, l.cookie), 401, 'meant for another tool')
    // Several audiences, no azp naming this tool.
    l = await login()
    await refusedWith(await post(await sign(claimsFor(l.nonce, { aud: [CLIENT_ID, 'other'] })), l.state, l.cookie), 401, 'meant for another tool')
    // Expired.
    l = await login()
    const old = Math.floor(p.t.clock.now().getTime() / 1000) - 7200
    await refusedWith(await post(await sign(claimsFor(l.nonce, { iat: old, exp: old + 300 })), l.state, l.cookie), 401, 'has expired')
    // Unknown deployment.
    l = await login()
    await refusedWith(await post(await sign(claimsFor(l.nonce, { [`${LTI}deployment_id`]: 'deployment-x' })), l.state, l.cookie), 401, 'deployment is not registered')
    // Bad state: no cookie, or the cookie of another login.
    l = await login()
    const other = await login()
    await refusedWith(await post(await sign(claimsFor(l.nonce)), l.state, undefined), 401, 'did not start here')
    await refusedWith(await post(await sign(claimsFor(l.nonce)), l.state, other.cookie), 401, 'did not start here')
    // Replayed: the same launch twice; and a used nonce in a new login.
    l = await login()
    const token = await sign(claimsFor(l.nonce))
    expect((await post(token, l.state, l.cookie)).status).toBe(303)
    await refusedWith(await post(token, l.state, l.cookie), 401, 'did not start here')
    const again = await login()
    await refusedWith(await post(token, again.state, again.cookie), 401, 'does not match its login')
    // Wrong version, missing parameters.
    l = await login()
    await refusedWith(await post(await sign(claimsFor(l.nonce, { [`${LTI}version`]: '1.1' })), l.state, l.cookie), 401, 'Only LTI 1.3')
    await refusedWith(await p.t.app.request('/lti/launch', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: '' }), 400, 'incomplete')
    // A login from an unregistered issuer.
    await refusedWith(await p.t.app.request(`/lti/login?${new URLSearchParams({ iss: 'https://unknown.example', login_hint: 'x', target_link_uri: `${p.t.config.publicUrl}/lti/launch` })}`), 404, 'not registered in Emblem')
    // No session: the course page asks for a launch.
    await refusedWith(await page('/lti/course', 'not-a-session'), 401, 'session has ended')
  })

  it('a learner sees their status, without the mapping form; their forms are refused', async () => {
    const { session } = await launch('learner-a')
    const html = await (await page('/lti/course', session)).text()
    expect(html).toContain('Your status')
    expect(html).toContain('Ada Learner')
    expect(html).not.toContain('Map an achievement')
    expect(html).not.toContain('Sync grades now')
    const res = await submit('/lti/course/mappings', session, { _csrf: csrfOf(html), achievementId: p.achievementId, rule: 'completion' })
    expect(res.status).toBe(403)
  })

  it('grade sync issues exactly one credential per learner at or above the threshold; re-sync issues nothing new', async () => {
    const { session } = await launch()
    let html = await (await page('/lti/course', session)).text()
    // Without the session's CSRF token, a form is refused.
    expect((await submit('/lti/course/mappings', session, { achievementId: p.achievementId, rule: 'grade', threshold: '60' })).status).toBe(403)
    // A bad threshold is a 422 with the form again.
    expect((await submit('/lti/course/mappings', session, { _csrf: csrfOf(html), achievementId: p.achievementId, rule: 'grade', threshold: '150' })).status).toBe(422)
    let res = await submit('/lti/course/mappings', session, { _csrf: csrfOf(html), achievementId: p.achievementId, rule: 'grade', threshold: '60' })
    expect(res.status).toBe(303)
    html = await (await page('/lti/course', session)).text()
    expect(html).toContain('Open Science Basics')
    expect(html).toContain('Grade ≥ 60 %')

    results = [
      { userId: 'learner-a', resultScore: 85, resultMaximum: 100 },
      { userId: 'learner-b', resultScore: 40, resultMaximum: 100 },
      { userId: 'learner-c', resultScore: 60, resultMaximum: 100 },
    ]
    res = await submit('/lti/course/sync', session, { _csrf: csrfOf(html) })
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toContain('issued=2')
    expect(tokenRequests.at(-1)).toMatchObject({ assertionVerified: true })
    expect(tokenRequests.at(-1)!.scope).toContain('https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly')
    const issued = async () => (await p.t.store.db.selectFrom('issued_credentials').select(['recipient_email']).where('org_id', '=', p.org.id).execute()).map((r) => r.recipient_email).sort()
    expect(await issued()).toEqual(['ada@example.edu', 'cy@example.edu'])
    html = await (await page('/lti/course?done=synced&issued=2', session)).text()
    expect(html).toContain('2 new credentials issued')
    expect(html).toContain('Bo Learner')

    // Again: nothing new, even when a grade rises for someone already awarded.
    results = [{ userId: 'learner-a', resultScore: 95, resultMaximum: 100 }, ...results.slice(1)]
    res = await submit('/lti/course/sync', session, { _csrf: csrfOf(html) })
    expect(res.headers.get('location')).toContain('issued=0')
    expect(await issued()).toEqual(['ada@example.edu', 'cy@example.edu'])

    // The API's sync (and the hourly job's) agree: still nothing new; Bo passes later and gets exactly one.
    const courses = await readJson(await p.t.request(`/api/v1/orgs/${p.org.slug}/lti/courses`, { as: p.owner }))
    expect(courses.items[0]).toMatchObject({ title: 'Data Science Foundations', agsAvailable: true, nrpsAvailable: true })
    results = results.map((r) => (r.userId === 'learner-b' ? { ...r, resultScore: 75 } : r))
    const sync = await readJson(await p.t.request(`/api/v1/orgs/${p.org.slug}/lti/courses/${courses.items[0].id}/sync`, { as: p.owner, method: 'POST' }))
    expect(sync).toMatchObject({ issued: 1, members: 4, results: 3 })
    expect((await p.t.platform.lti.syncAll()).issued).toBe(0)
    expect(await issued()).toEqual(['ada@example.edu', 'bo@example.edu', 'cy@example.edu'])
    // The learner sees their credential.
    const learner = await launch('learner-a')
    const own = await (await page('/lti/course', learner.session)).text()
    expect(own).toMatch(/href="\/credentials\/[^"]+"/)
  })

  it('deep linking: the instructor picks an achievement; the signed response verifies with the tool’s JWKS', async () => {
    const { session, location } = await launch('teacher-1', {
      [`${LTI}message_type`]: 'LtiDeepLinkingRequest',
      [`${LTI}resource_link`]: undefined,
      'https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings': { deep_link_return_url: `${base}/deep-link-return`, accept_types: ['ltiResourceLink'], accept_presentation_document_targets: ['iframe', 'window'], data: 'opaque-123' },
    })
    expect(location).toBe('/lti/deep-link')
    const picker = await (await page('/lti/deep-link', session)).text()
    expect(picker).toContain('Open Science Basics')
    const res = await submit('/lti/deep-link', session, { _csrf: csrfOf(picker), achievementId: p.achievementId })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-security-policy')).toContain(`form-action 'self' ${base}`)
    const html = await res.text()
    expect(html).toContain(`action="${base}/deep-link-return"`)
    expect(html).toContain('type="submit"')
    expect(html).not.toMatch(/<script(?![^>]*src=)/)
    const jwt = /name="JWT" value="([^"]+)"/.exec(html)![1]!
    const { payload, protectedHeader } = await jwtVerify(jwt, await toolJwks(), { issuer: CLIENT_ID, audience: base, currentDate: p.t.clock.now() })
    expect(protectedHeader.alg).toBe('RS256')
    expect(payload[`${LTI}message_type`]).toBe('LtiDeepLinkingResponse')
    expect(payload[`${LTI}version`]).toBe('1.3.0')
    expect(payload[`${LTI}deployment_id`]).toBe(DEPLOYMENT)
    expect(payload['https://purl.imsglobal.org/spec/lti-dl/claim/data']).toBe('opaque-123')
    expect(payload['https://purl.imsglobal.org/spec/lti-dl/claim/content_items']).toEqual([
      expect.objectContaining({ type: 'ltiResourceLink', title: 'Open Science Basics', url: `${p.t.config.publicUrl}/lti/launch`, custom: { emblem_achievement: p.achievementId } }),
    ])
    // A learner cannot start deep linking.
    const l = await login('learner-a')
    const refused = await post(await sign(claimsFor(l.nonce, { [`${LTI}message_type`]: 'LtiDeepLinkingRequest' }, 'learner-a')), l.state, l.cookie)
    expect(refused.status).toBe(401)
  })

  it('the API refuses bad registrations with 4xx problems and removes platforms', async () => {
    const bad = await p.t.request(`/api/v1/orgs/${p.org.slug}/lti/platforms`, { as: p.owner, method: 'POST', json: { issuer: 'not a url', clientId: '', authLoginUrl: 'x', tokenUrl: 'y', jwksUrl: 'z', deploymentIds: [] } })
    expect(bad.status).toBe(400)
    expect(bad.headers.get('content-type')).toContain('application/problem+json')
    const dup = await p.t.request(`/api/v1/orgs/${p.org.slug}/lti/platforms`, { as: p.owner, method: 'POST', json: { issuer: base, clientId: CLIENT_ID, authLoginUrl: `${base}/auth`, tokenUrl: `${base}/token`, jwksUrl: `${base}/jwks`, deploymentIds: 'a, b' } })
    expect(dup.status).toBe(409)
    const added = await readJson(await p.t.request(`/api/v1/orgs/${p.org.slug}/lti/platforms`, { as: p.owner, method: 'POST', json: { issuer: 'https://canvas.example.edu', clientId: '10000000000001', authLoginUrl: 'https://canvas.example.edu/api/lti/authorize_redirect', tokenUrl: 'https://canvas.example.edu/login/oauth2/token', jwksUrl: 'https://canvas.example.edu/api/lti/security/jwks', deploymentIds: '1:abc, 2:def' } }))
    expect(added.deploymentIds).toEqual(['1:abc', '2:def'])
    expect((await p.t.request(`/api/v1/orgs/${p.org.slug}/lti/platforms/${added.id}`, { as: p.owner, method: 'DELETE' })).status).toBe(204)
    expect((await p.t.request(`/api/v1/orgs/${p.org.slug}/lti/platforms/${added.id}`, { as: p.owner, method: 'DELETE' })).status).toBe(404)
    const viewer = await p.t.seedUser()
    await p.t.seedMember(p.org, viewer, 'viewer')
    expect((await p.t.request(`/api/v1/orgs/${p.org.slug}/lti/platforms`, { as: viewer })).status).toBe(403)
  })
}
