// Issue #11 item 4, generated from the route table so a new route cannot be missed:
// - security headers on every GET response, anonymous and signed in (CSP without 'unsafe-inline'
//   scripts and with frame-ancestors, nosniff, Referrer-Policy, no HSTS over plain http);
// - CSRF on every form: a cookie-authenticated POST to any non-API route without the token (or with
//   a wrong one) answers 403 ERR_CSRF and changes nothing in the database.
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CSRF_COOKIE } from '../../../src/http/auth/tokens.js'
import { readJson, type TestOrg, type TestPlatform, type TestSession } from '../../support/platform.js'
import { startIssuancePlatform, type IssuancePlatform } from './issuance-fixture.js'

let p: IssuancePlatform
let t: TestPlatform
let owner: TestSession
let org: TestOrg
let achievementId: string
let credentialId: string
let uuid: string

beforeAll(async () => {
  p = await startIssuancePlatform()
  ;({ t, owner, org, achievementId } = p)
  const apiKey = await t.seedApiKey(org, 'issuer')
  const res = await t.request(`/api/v1/orgs/${org.slug}/achievements/${achievementId}/credentials`, { as: apiKey, method: 'POST', json: { recipient: { email: 'ada@example.org', name: 'Ada Lovelace' } } })
  expect(res.status).toBe(201)
  credentialId = (await readJson(res)).id as string
  uuid = credentialId.replace('urn:uuid:', '')
})
afterAll(() => p.close())

/** The app's routes of one method (middleware and duplicates left out). */
function routesOf(method: string): string[] {
  return [...new Set(t.app.routes.filter((r) => r.method === method).map((r) => r.path))]
}

/** A concrete path for a route pattern: the seeded organization, achievement and credential where the route names them. */
function fill(pattern: string): string {
  return pattern
    .replace(/:[A-Za-z0-9_]+\{([A-Za-z0-9_-]+)(\|[^}]*)?\}/g, '$1')
    .replace(/\/\*$/, '/0/000')
    .replace(/:(org|slug)\b/g, org.slug)
    .replace(/:achievement\b/g, achievementId)
    .replace(/(achievements\/):id\b/g, `$1${achievementId}`)
    .replace(/(\/c\/|credentials\/):id\b/g, `$1${uuid}`)
    .replace(/:file\{[^}]*\}/g, 'emblem.css')
    .replace(/:[A-Za-z0-9_]+(\{[^}]*\})?/g, 'x')
}

/** What a script may run from under a CSP: the script-src directive, or default-src without one. */
function scriptSources(csp: string): string | undefined {
  const directives = new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name!.toLowerCase(), values.join(' ')]),
  )
  return directives.get('script-src') ?? directives.get('default-src')
}

function expectSecurityHeaders(res: Response, where: string) {
  const csp = res.headers.get('content-security-policy')
  expect(csp, `${where}: Content-Security-Policy`).toBeTruthy()
  const scripts = scriptSources(csp!)
  expect(scripts, `${where}: CSP restricts scripts`).toBeDefined()
  expect(scripts, `${where}: script-src`).not.toMatch(/'unsafe-inline'|'unsafe-eval'|\*|data:/)
  expect(csp, `${where}: frame-ancestors`).toMatch(/frame-ancestors '(none|self)'/)
  expect(res.headers.get('x-content-type-options'), `${where}: nosniff`).toBe('nosniff')
  expect(res.headers.get('referrer-policy'), `${where}: Referrer-Policy`).toMatch(/^(no-referrer|same-origin|strict-origin|strict-origin-when-cross-origin)$/)
  expect(res.headers.get('strict-transport-security'), `${where}: no HSTS over http`).toBeNull()
}

describe('security headers on every response', () => {
  it('covers every GET route, anonymous and signed in, whatever the status', async () => {
    const paths = routesOf('GET').map(fill)
    expect(paths.length).toBeGreaterThan(70)
    const statuses = new Map<number, number>()
    const answered = new Set<string>()
    for (const path of paths) {
      for (const [who, headers] of [
        ['anonymous', { accept: 'text/html' }],
        ['signed in', { accept: 'text/html', cookie: owner.cookie }],
        ['anonymous JSON', { accept: 'application/json' }],
      ] as const) {
        const res = await t.app.request(path, { headers })
        // The test platform publishes no transparency log: /log answers 503 by design.
        if (!(/^\/log(\/|$)/.test(path) && res.status === 503)) expect(res.status, `${who} GET ${path}`).toBeLessThan(500)
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1)
        if (res.status === 200) answered.add(path)
        expectSecurityHeaders(res, `${who} GET ${path}`)
        await res.arrayBuffer()
      }
    }
    // Most routes answered for real to someone (the seeded organization, achievement and credential), not only as 401 or 404.
    expect(answered.size, `answered 200: ${answered.size} of ${paths.length}; statuses ${JSON.stringify([...statuses])}`).toBeGreaterThan(paths.length / 2)
  })

  it('covers errors, unknown paths and refused methods too', async () => {
    for (const [path, init] of [
      ['/no-such-page', { headers: { accept: 'text/html' } }],
      ['/api/v1/no-such-thing', {}],
      [`/orgs/${org.slug}/settings`, { method: 'POST', headers: { cookie: owner.cookie } }],
      ['/api/v1/orgs', { method: 'POST', headers: { authorization: 'Bearer nonsense' } }],
    ] as const) {
      const res = await t.app.request(path, init)
      expect(res.status, path).toBeGreaterThanOrEqual(400)
      expectSecurityHeaders(res, `${init.method ?? 'GET'} ${path}`)
    }
  })
})

/** Every row of every table, to prove a refused request changed nothing. */
async function snapshot(): Promise<string> {
  const { rows: tables } = await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`.execute(t.store.db)
  const dump: Record<string, unknown> = {}
  for (const { name } of tables) {
    const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(name)}`.execute(t.store.db)
    dump[name] = rows.map((row) => JSON.stringify(row, (_key, value: unknown) => (value instanceof Uint8Array ? Buffer.from(value).toString('base64') : value))).sort()
  }
  return JSON.stringify(dump)
}

describe('CSRF on every form', () => {
  const formFields = 'name=Forged&description=Forged&email=forged%40example.org&password=forged-password-123&role=admin&reason=forged'

  it('refuses every non-API POST without the token, or with a wrong one, and changes nothing', async () => {
    // Forms only: the JSON API, the OB 3.0 API (OAuth bearer tokens, no cookies) and witnesses' cosignatures (signed, no cookies) are not forms.
    // The LTI tool's /lti/login and /lti/launch are cross-site posts by design (the state cookie and the
    // platform's signature protect them); its course forms check the LTI session's own token (lti-suite.ts).
    const posts = routesOf('POST').filter((path) => !path.startsWith('/api/') && !path.startsWith('/ims/') && !path.startsWith('/lti/') && path !== '/log/cosignatures')
    expect(posts.length).toBeGreaterThan(30)
    const before = await snapshot()
    const anonymousToken = 'A'.repeat(32)
    for (const pattern of posts) {
      const path = fill(pattern)
      const attempts: [string, Record<string, string>, string][] = [
        ['signed in, no token', { cookie: owner.cookie, 'content-type': 'application/x-www-form-urlencoded' }, formFields],
        ['signed in, wrong token', { cookie: owner.cookie, 'content-type': 'application/x-www-form-urlencoded' }, `_csrf=${'B'.repeat(32)}&${formFields}`],
        ['signed in, anonymous token', { cookie: `${owner.cookie}; ${CSRF_COOKIE}=${anonymousToken}`, 'content-type': 'application/x-www-form-urlencoded' }, `_csrf=${anonymousToken}&${formFields}`],
        ['signed in, multipart without token', { cookie: owner.cookie, 'content-type': 'multipart/form-data; boundary=b' }, `--b\r\nContent-Disposition: form-data; name="name"\r\n\r\nForged\r\n--b--\r\n`],
        ['signed in, JSON without header', { cookie: owner.cookie, 'content-type': 'application/json' }, '{"name":"Forged"}'],
        ['anonymous, cookie but no token', { cookie: `${CSRF_COOKIE}=${anonymousToken}`, 'content-type': 'application/x-www-form-urlencoded' }, formFields],
        ['anonymous, token but no cookie', { 'content-type': 'application/x-www-form-urlencoded' }, `_csrf=${anonymousToken}&${formFields}`],
      ]
      for (const [how, headers, body] of attempts) {
        const res = await t.app.request(path, { method: 'POST', headers: { accept: 'text/html', ...headers }, body })
        expect(res.status, `${how}: POST ${path}`).toBe(403)
        expect(res.headers.get('location'), `${how}: POST ${path}`).toBeNull()
        expect(await res.text(), `${how}: POST ${path}`).toContain('did not come from this site')
      }
    }
    expect(await snapshot(), 'a refused POST changed the database').toBe(before)
  })

  it('refuses every cookie-authenticated unsafe /api/v1 request without the X-CSRF-Token header, and changes nothing', async () => {
    // POST /api/v1/verify and /api/v1/presentations/verify take no credentials (they only check what is sent to them);
    // POST /api/v1/credentials/:id/verifications (a browser's report, sent without cookies) only adds to a count.
    const PUBLIC_CHECKS = ['/api/v1/verify', '/api/v1/presentations/verify', '/api/v1/credentials/:id/verifications']
    const unsafe = ['POST', 'PUT', 'PATCH', 'DELETE'].flatMap((method) => routesOf(method).filter((path) => path.startsWith('/api/v1/') && !PUBLIC_CHECKS.includes(path)).map((path) => [method, path] as const))
    expect(unsafe.length).toBeGreaterThan(20)
    const before = await snapshot()
    for (const [method, pattern] of unsafe) {
      const path = fill(pattern)
      for (const [how, headers] of [
        ['no header', { cookie: owner.cookie }],
        ['wrong header', { cookie: owner.cookie, 'x-csrf-token': 'C'.repeat(32) }],
      ] as const) {
        const res = await t.app.request(path, { method, headers: { 'content-type': 'application/json', ...headers }, body: '{"name":"Forged"}' })
        expect(res.status, `${how}: ${method} ${path}`).toBe(403)
        expect((await readJson(res)).code, `${how}: ${method} ${path}`).toBe('ERR_CSRF')
      }
    }
    expect(await snapshot(), 'a refused API request changed the database').toBe(before)
  })

  it('accepts the same POST with the token (so the refusals above are the CSRF check, not a 403 of the route)', async () => {
    const res = await t.submitForm('/account/name', { name: 'Renamed Owner' }, owner)
    expect(res.status).toBe(303)
    const account = await t.app.request('/account', { headers: { cookie: owner.cookie, accept: 'text/html' } })
    expect(await account.text()).toContain('Renamed Owner')
  })
})
