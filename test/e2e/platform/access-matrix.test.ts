// Issue #11 item 4: the access matrix, generated from the route table so a new route cannot be
// missed. Every route of the real app × every kind of caller; the rule table in access-matrix.ts
// says who is inside. Outside answers 401/403/404 (or, on a page, a redirect to sign-in); inside
// never does (a 404 only where the path names a resource the fixture has not made, and 4xx for the
// empty body is fine). Every response also carries the security headers (item 2).
import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hasRole, type RoleName } from '../../../src/app/platform/roles.js'
import { CSRF_COOKIE } from '../../../src/http/auth/tokens.js'
import { readJson, type TestOrg, type TestPlatform, type TestSession } from '../../support/platform.js'
import { classify, mayNotFind, type Access, type OpenApiOperation } from './access-matrix.js'
import { startIssuancePlatform, type IssuancePlatform } from './issuance-fixture.js'

const ADMIN_EMAIL = 'root@example.edu'

let p: IssuancePlatform
let t: TestPlatform
let org: TestOrg
let other: TestOrg
let achievementId: string
let uuid: string
let openapi: Record<string, Record<string, OpenApiOperation>>

type Who =
  | { kind: 'anonymous' }
  | { kind: 'person'; session: TestSession; role?: RoleName; confirmed: boolean; instanceAdmin?: boolean; elsewhere?: boolean }
  | { kind: 'key'; secret: string; role: Exclude<RoleName, 'owner'>; own: boolean }
interface Caller {
  name: string
  who: Who
}

/** Every kind of caller: anonymous, an unconfirmed account, a learner without an organization, another organization's owner, each role of the organization, its API keys, another organization's key, an instance admin. */
async function cast(instanceAdmin?: TestSession): Promise<Caller[]> {
  const person = async (name: string, opts: { role?: RoleName; confirmed?: boolean; email?: string; elsewhere?: boolean; instanceAdmin?: boolean } = {}): Promise<Caller> => {
    const session = await t.seedUser({ verified: opts.confirmed ?? true, ...(opts.email ? { email: opts.email } : {}) })
    if (opts.role) await t.seedMember(org, session, opts.role)
    if (opts.elsewhere) await t.seedMember(other, session, 'owner')
    return { name, who: { kind: 'person', session, confirmed: opts.confirmed ?? true, ...(opts.role ? { role: opts.role } : {}), ...(opts.elsewhere ? { elsewhere: true } : {}), ...(opts.instanceAdmin ? { instanceAdmin: true } : {}) } }
  }
  const key = async (name: string, target: TestOrg, role: Exclude<RoleName, 'owner'>, own: boolean): Promise<Caller> => ({ name, who: { kind: 'key', secret: await t.seedApiKey(target, role), role, own } })
  return Promise.all([
    { name: 'anonymous', who: { kind: 'anonymous' } } as Caller,
    person('unconfirmed account', { confirmed: false }),
    person('learner without organization'),
    person("another organization's owner", { elsewhere: true }),
    person('owner', { role: 'owner' }),
    person('admin', { role: 'admin' }),
    person('issuer', { role: 'issuer' }),
    person('viewer', { role: 'viewer' }),
    key('admin API key', org, 'admin', true),
    key('viewer API key', org, 'viewer', true),
    key("another organization's API key", other, 'admin', false),
    ...(instanceAdmin ? [{ name: 'instance admin', who: { kind: 'person', session: instanceAdmin, confirmed: true, instanceAdmin: true } } as Caller] : []),
  ])
}

/** Whether `caller` is inside `access` (undefined: the matrix does not judge, e.g. capability links). */
function inside(access: Access, who: Who): boolean | undefined {
  switch (access.kind) {
    case 'public':
      return true
    case 'capability':
      return undefined
    case 'token':
    case 'employer':
      return false
    case 'user':
      return who.kind === 'person'
    case 'confirmed':
      return who.kind === 'person' && who.confirmed
    case 'user-or-key':
      return who.kind !== 'anonymous'
    case 'admin':
      return who.kind === 'person' && who.instanceAdmin === true
    case 'org':
      if (who.kind === 'person') return who.role !== undefined && hasRole(who.role, access.least)
      if (who.kind === 'key') return !access.person && who.own && hasRole(who.role, access.least)
      return false
  }
}

/** A concrete path: the seeded organization, achievement and credential where the route names them, a made-up value elsewhere (`unfilled`). */
function fill(pattern: string): { path: string; unfilled: boolean } {
  let unfilled = false
  const path = pattern
    .replace(/:action\{([A-Za-z0-9_-]+)(\|[^}]*)?\}/g, '$1')
    .replace(/:file\{[^}]*\}/g, 'emblem.css')
    .replace(/\/\*$/, '/0/000')
    .replace(/:(org|slug)\b/g, org.slug)
    .replace(/:achievement\b/g, achievementId)
    .replace(/(achievements\/):id\b/g, `$1${achievementId}`)
    .replace(/^(\/c\/|\/credentials\/|\/(api\/v1\/)?orgs\/[^/]+\/credentials\/):id\b(?!\{)/g, `$1${uuid}`)
    .replace(/:[A-Za-z0-9_]+(\{[^}]*\})?/g, (m) => {
      unfilled = true
      return m.includes('{col_') ? 'col_x' : m.includes('{w_') ? 'w_x' : 'x'
    })
  return { path, unfilled }
}

function send(caller: Caller, method: string, path: string): Promise<Response> {
  const api = path.startsWith('/api/')
  const unsafe = !['GET', 'HEAD', 'OPTIONS'].includes(method)
  const headers = new Headers({ accept: api ? 'application/json' : 'text/html' })
  let body: string | undefined
  let csrf: string | undefined
  const { who } = caller
  if (who.kind === 'key') headers.set('authorization', `Bearer ${who.secret}`)
  else if (who.kind === 'person') {
    headers.set('cookie', who.session.cookie)
    csrf = who.session.csrf
  } else {
    csrf = randomBytes(24).toString('base64url')
    headers.set('cookie', `${CSRF_COOKIE}=${csrf}`)
  }
  if (unsafe) {
    if (csrf) headers.set('x-csrf-token', csrf)
    if (api) {
      headers.set('content-type', 'application/json')
      body = '{}'
    } else {
      headers.set('content-type', 'application/x-www-form-urlencoded')
      body = csrf ? `_csrf=${csrf}` : ''
    }
  }
  if (method === 'OPTIONS') headers.set('origin', 'https://elsewhere.example')
  return Promise.resolve(t.app.request(path, { method, headers, ...(body !== undefined ? { body } : {}) }))
}

const signInRedirect = (res: Response) => [301, 302, 303, 307].includes(res.status) && /\/sign-in\b/.test(res.headers.get('location') ?? '')
const refused = (res: Response) => [401, 403, 404].includes(res.status) || signInRedirect(res)

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

/** The headers every response carries (over plain http: no HSTS); the problems, empty when all is well. */
function headerProblems(res: Response): string[] {
  const problems: string[] = []
  const csp = res.headers.get('content-security-policy')
  if (!csp) problems.push('no Content-Security-Policy')
  else {
    const scripts = scriptSources(csp)
    if (!scripts || /'unsafe-inline'|'unsafe-eval'|\*|data:/.test(scripts)) problems.push(`CSP lets scripts run: ${csp}`)
    if (!/frame-ancestors '(none|self)'/.test(csp)) problems.push(`CSP without frame-ancestors: ${csp}`)
  }
  if (res.headers.get('x-content-type-options') !== 'nosniff') problems.push('no X-Content-Type-Options: nosniff')
  if (!/^(no-referrer|same-origin|strict-origin|strict-origin-when-cross-origin)$/.test(res.headers.get('referrer-policy') ?? '')) problems.push(`Referrer-Policy ${res.headers.get('referrer-policy')}`)
  if (res.headers.get('strict-transport-security') !== null) problems.push('HSTS over plain http')
  return problems
}

/** Routes whose call ends the caller's session or account: each gets callers of its own. */
const CONSUMES_CALLER = [/^DELETE \/api\/v1\/(me|sessions\/current)$/, /^POST \/(sign-out|account\/sign-out-everywhere|account\/delete)$/]

beforeAll(async () => {
  p = await startIssuancePlatform({ config: { adminEmails: [ADMIN_EMAIL] } })
  ;({ t, org, achievementId } = p)
  const res = await t.request(`/api/v1/orgs/${org.slug}/achievements/${achievementId}/credentials`, { as: await t.seedApiKey(org, 'issuer'), method: 'POST', json: { recipient: { email: 'ada@example.org', name: 'Ada Lovelace' } } })
  expect(res.status).toBe(201)
  uuid = ((await readJson(res)).id as string).replace('urn:uuid:', '')
  other = await t.seedOrg({ owner: await t.seedUser(), slug: 'elsewhere-college' })
  openapi = (await readJson(await t.app.request('/api/openapi.json'))).paths
}, 60_000)
afterAll(() => p?.close())

describe('the access matrix', () => {
  it('classifies every route and answers every caller by its class', async () => {
    const routes = [...new Map(t.app.routes.filter((r) => r.method !== 'ALL').map((r) => [`${r.method} ${r.path}`, r] as const)).values()]
    expect(routes.length).toBeGreaterThan(200)
    const unclassified = routes.filter((r) => !classify(r.method, r.path, openapi)).map((r) => `${r.method} ${r.path}`)
    expect(unclassified, 'classify this new route in test/e2e/platform/access-matrix.ts').toEqual([])

    const shared = await cast(await t.seedUser({ email: ADMIN_EMAIL }))

    const consumes = (r: { method: string; path: string }) => CONSUMES_CALLER.some((re) => re.test(`${r.method} ${r.path}`))
    const failures: string[] = []
    const headerFailures = new Set<string>()
    let requests = 0
    const check = async (route: { method: string; path: string }, callers: Caller[]) => {
      const access = classify(route.method, route.path, openapi)!
      const filled = fill(route.path)
      const { unfilled } = filled
      // The talent API names its employer organization in ?org=: the seeded (issuer) organization, which
      // its members may not search as, and outsiders may not see.
      const path = route.path.startsWith('/api/v1/talent') ? `${filled.path}?org=${org.slug}` : filled.path
      await Promise.all(
        callers.map(async (caller) => {
          const res = await send(caller, route.method, path)
          requests++
          await res.arrayBuffer()
          const where = `${route.method} ${route.path} as ${caller.name} (${access.kind}${access.kind === 'org' ? ` ${access.least}` : ''})`
          for (const problem of headerProblems(res)) headerFailures.add(`${route.method} ${route.path} [${res.status}]: ${problem}`)
          // The test platform publishes no transparency log: /log answers 503 by design.
          if (res.status >= 500 && !(route.path.startsWith('/log') && res.status === 503)) return void failures.push(`${where}: ${res.status}`)
          const expected = inside(access, caller.who)
          if (expected === undefined) return
          if (expected) {
            // Signing out ends on the sign-in page by design.
            if (res.status === 401 || res.status === 403 || (signInRedirect(res) && !consumes(route)) || (res.status === 404 && !unfilled && !mayNotFind(access))) failures.push(`${where}: inside but answered ${res.status} ${res.headers.get('location') ?? ''}`)
          } else if (!refused(res)) failures.push(`${where}: outside but answered ${res.status} ${res.headers.get('location') ?? ''}`)
        }),
      )
    }

    const safe = routes.filter((r) => ['GET', 'HEAD', 'OPTIONS'].includes(r.method))
    const unsafe = routes.filter((r) => !safe.includes(r) && !consumes(r))
    const started = Date.now()
    for (const batch of [safe, unsafe]) {
      for (let i = 0; i < batch.length; i += 8) await Promise.all(batch.slice(i, i + 8).map((r) => check(r, shared)))
    }
    for (const route of routes.filter(consumes)) {
      await check(route, await cast())
    }
    console.log(`access matrix: ${routes.length} routes, ${requests} requests in ${Date.now() - started} ms`)
    expect(failures).toEqual([])
    expect([...headerFailures]).toEqual([])
  }, 180_000)
})
