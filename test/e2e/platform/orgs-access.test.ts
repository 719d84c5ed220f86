import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApiKey, inviteMember } from '../../../src/app/orgs/index.js'
import { hasRole, type RoleName } from '../../../src/app/platform/roles.js'
import { CSRF_COOKIE } from '../../../src/http/auth/tokens.js'
import { readJson, startTestPlatform, type TestOrg, type TestPlatform, type TestSession } from '../../support/platform.js'

// Every organizations API route against every kind of caller: the four roles, a signed-in stranger,
// an API key of another organization, this organization's admin API key, and an anonymous caller.
let t: TestPlatform
let org: TestOrg
let other: TestOrg
const people = {} as Record<'owner' | 'admin' | 'issuer' | 'viewer' | 'stranger', TestSession>
let otherKey: string
let ownKey: string

beforeAll(async () => {
  t = await startTestPlatform()
  for (const who of ['owner', 'admin', 'issuer', 'viewer', 'stranger'] as const) people[who] = await t.seedUser({ name: `The ${who}` })
  org = await t.seedOrg({ owner: people.owner, slug: 'home', name: 'Home University' })
  for (const role of ['admin', 'issuer', 'viewer'] as const) await t.seedMember(org, people[role], role)
  other = await t.seedOrg({ owner: people.stranger, slug: 'elsewhere', name: 'Elsewhere College' })
  otherKey = await t.seedApiKey(other, 'admin')
  ownKey = await t.seedApiKey(org, 'admin')
})
afterAll(() => t.close())

const ANONYMOUS_CSRF = 'c'.repeat(32)
type Caller = 'owner' | 'admin' | 'issuer' | 'viewer' | 'stranger' | 'otherKey' | 'ownKey' | 'anonymous'
const CALLERS: Caller[] = ['owner', 'admin', 'issuer', 'viewer', 'stranger', 'otherKey', 'ownKey', 'anonymous']

interface Call {
  path: string
  method: string
  json?: unknown
  body?: string
  type?: string
}

function send(caller: Caller, call: Call): Promise<Response> {
  const headers: Record<string, string> = call.type ? { 'content-type': call.type } : {}
  const init = { method: call.method, headers, ...(call.json !== undefined ? { json: call.json } : {}), ...(call.body !== undefined ? { body: call.body } : {}) }
  if (caller === 'anonymous') return t.request(call.path, { ...init, headers: { ...headers, cookie: `${CSRF_COOKIE}=${ANONYMOUS_CSRF}`, 'x-csrf-token': ANONYMOUS_CSRF } })
  const as = caller === 'otherKey' ? otherKey : caller === 'ownKey' ? ownKey : people[caller]
  return t.request(call.path, { ...init, as })
}

/** A fresh viewer in the organization, for routes that change or remove a member. */
async function freshViewer(): Promise<string> {
  const user = await t.seedUser()
  await t.seedMember(org, user, 'viewer')
  return user.userId
}

let n = 0
interface RouteCase {
  route: string
  /** The least role that may; `person` routes also refuse API keys (403). */
  least: RoleName
  person?: boolean
  ok: number
  call: () => Promise<Call>
}

const SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><circle cx="32" cy="32" r="30"/></svg>'
const CASES: RouteCase[] = [
  { route: 'GET /orgs/:org', least: 'viewer', ok: 200, call: async () => ({ method: 'GET', path: '/api/v1/orgs/home' }) },
  { route: 'PATCH /orgs/:org', least: 'admin', ok: 200, call: async () => ({ method: 'PATCH', path: '/api/v1/orgs/home', json: { description: `Edit ${++n}` } }) },
  { route: 'PUT /orgs/:org/logo', least: 'admin', ok: 200, call: async () => ({ method: 'PUT', path: '/api/v1/orgs/home/logo', body: SVG, type: 'image/svg+xml' }) },
  { route: 'DELETE /orgs/:org/logo', least: 'admin', ok: 204, call: async () => ({ method: 'DELETE', path: '/api/v1/orgs/home/logo' }) },
  { route: 'GET /orgs/:org/members', least: 'viewer', ok: 200, call: async () => ({ method: 'GET', path: '/api/v1/orgs/home/members' }) },
  {
    route: 'PATCH /orgs/:org/members/:userId',
    least: 'admin',
    ok: 200,
    call: async () => ({ method: 'PATCH', path: `/api/v1/orgs/home/members/${await freshViewer()}`, json: { role: 'issuer' } }),
  },
  { route: 'DELETE /orgs/:org/members/:userId', least: 'admin', ok: 204, call: async () => ({ method: 'DELETE', path: `/api/v1/orgs/home/members/${await freshViewer()}` }) },
  { route: 'GET /orgs/:org/invitations', least: 'admin', ok: 200, call: async () => ({ method: 'GET', path: '/api/v1/orgs/home/invitations' }) },
  {
    route: 'POST /orgs/:org/invitations',
    least: 'admin',
    ok: 201,
    call: async () => ({ method: 'POST', path: '/api/v1/orgs/home/invitations', json: { email: `invitee${++n}@example.org`, role: 'viewer' } }),
  },
  {
    route: 'DELETE /orgs/:org/invitations/:id',
    least: 'admin',
    ok: 204,
    call: async () => {
      const invitation = await inviteMember(t.ports, {
        org,
        actor: { role: 'owner', userId: people.owner.userId },
        inviterName: 'The owner',
        input: { email: `withdrawn${++n}@example.org`, role: 'viewer' },
      })
      return { method: 'DELETE', path: `/api/v1/orgs/home/invitations/${invitation.id}` }
    },
  },
  { route: 'GET /orgs/:org/keys', least: 'viewer', ok: 200, call: async () => ({ method: 'GET', path: '/api/v1/orgs/home/keys' }) },
  { route: 'POST /orgs/:org/keys/rotate', least: 'admin', ok: 201, call: async () => ({ method: 'POST', path: '/api/v1/orgs/home/keys/rotate' }) },
  {
    route: 'POST /orgs/:org/keys/:keyId/revoke',
    least: 'owner',
    ok: 200,
    call: async () => {
      const [retiring] = (await t.store.repos.orgKeys.keysOf(org.id)).filter((k) => k.state === 'active')
      await t.ports.keys.rotate(org.id)
      return { method: 'POST', path: `/api/v1/orgs/home/keys/${retiring!.id}/revoke`, json: { reason: 'Access test' } }
    },
  },
  { route: 'GET /orgs/:org/api-keys', least: 'admin', ok: 200, call: async () => ({ method: 'GET', path: '/api/v1/orgs/home/api-keys' }) },
  { route: 'POST /orgs/:org/api-keys', least: 'admin', person: true, ok: 201, call: async () => ({ method: 'POST', path: '/api/v1/orgs/home/api-keys', json: { name: `Key ${++n}`, role: 'viewer' } }) },
  {
    route: 'DELETE /orgs/:org/api-keys/:id',
    least: 'admin',
    ok: 204,
    call: async () => {
      const { key } = await createApiKey(t.ports, { orgId: org.id, createdBy: people.owner.userId, input: { name: `Doomed ${++n}`, role: 'viewer' } })
      return { method: 'DELETE', path: `/api/v1/orgs/home/api-keys/${key.id}` }
    },
  },
]

/** What `caller` must get from a route whose least role is `least`. */
function expected(caller: Caller, { least, person, ok }: RouteCase): number {
  if (caller === 'anonymous') return 401
  if (caller === 'stranger' || caller === 'otherKey') return 404
  if (caller === 'ownKey') return person || !hasRole('admin', least) ? 403 : ok
  return hasRole(caller, least) ? ok : 403
}

describe('organization API access', () => {
  it.each(CASES)('$route answers each caller by role: members from the least role up, 403 below, 404 outside, 401 anonymous', async (routeCase) => {
    const outcomes: Record<string, number> = {}
    const wanted: Record<string, number> = {}
    for (const caller of CALLERS) {
      const res = await send(caller, await routeCase.call())
      outcomes[caller] = res.status
      wanted[caller] = expected(caller, routeCase)
      if (res.status === 404) expect(JSON.stringify(await readJson(res))).not.toContain('Home University')
    }
    expect(outcomes).toEqual(wanted)
  })

  it('lists only the caller’s own organizations, to people and to API keys alike', async () => {
    const slugs = async (caller: Caller) => (await readJson(await send(caller, { method: 'GET', path: '/api/v1/orgs' }))).items.map((o: any) => o.slug)
    expect(await slugs('owner')).toEqual(['home'])
    expect(await slugs('viewer')).toEqual(['home'])
    expect(await slugs('stranger')).toEqual(['elsewhere'])
    expect(await slugs('otherKey')).toEqual(['elsewhere'])
    expect(await slugs('ownKey')).toEqual(['home'])
    expect((await send('anonymous', { method: 'GET', path: '/api/v1/orgs' })).status).toBe(401)
  })

  it('lets any signed-in person create an organization, never an API key or an anonymous caller', async () => {
    const statuses: Record<string, number> = {}
    for (const caller of CALLERS) statuses[caller] = (await send(caller, { method: 'POST', path: '/api/v1/orgs', json: { name: `Org of the ${caller}` } })).status
    expect(statuses).toEqual({ owner: 201, admin: 201, issuer: 201, viewer: 201, stranger: 201, otherKey: 403, ownKey: 403, anonymous: 401 })
  })

  it('never shows another organization’s members, invitations, keys or API keys to its admins', async () => {
    for (const path of ['members', 'invitations', 'keys', 'api-keys']) {
      const res = await t.request(`/api/v1/orgs/elsewhere/${path}`, { as: people.admin })
      expect(res.status, path).toBe(404)
    }
    const elsewhereMember = await t.request(`/api/v1/orgs/home/members/${people.stranger.userId}`, { as: people.owner, method: 'DELETE' })
    expect(elsewhereMember.status).toBe(404)
    const [elsewhereKey] = await t.store.repos.apiKeys.list(other.id)
    expect((await t.request(`/api/v1/orgs/home/api-keys/${elsewhereKey!.id}`, { as: people.owner, method: 'DELETE' })).status).toBe(404)
    expect((await t.request(`/api/v1/orgs/elsewhere`, { as: otherKey })).status).toBe(200)
  })
})
