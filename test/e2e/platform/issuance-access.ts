// Who may call an organization's route: every role, an API key of each role, another
// organization's member and API key, and anonymous. Each test builds the cast once per organization.
import { randomBytes } from 'node:crypto'
import { CSRF_COOKIE } from '../../../src/http/auth/tokens.js'
import type { TestOrg, TestPlatform, TestSession } from '../../support/platform.js'

/** An anonymous unsafe request that passes the CSRF check (a fresh cookie and its token), so access decides. */
export function anonymously(t: TestPlatform, path: string, init: RequestInit & { json?: unknown } = {}): Promise<Response> {
  const token = randomBytes(24).toString('base64url')
  const { json, ...rest } = init
  const headers = new Headers(rest.headers)
  headers.set('cookie', `${CSRF_COOKIE}=${token}`)
  headers.set('x-csrf-token', token)
  if (json !== undefined) headers.set('content-type', 'application/json')
  return Promise.resolve(t.app.request(path, { method: 'POST', ...rest, headers, ...(json !== undefined ? { body: JSON.stringify(json) } : {}) }))
}

/** A caller of the access matrix. */
export interface Caller {
  name: string
  as: TestSession | string | undefined
}

/** Members of `org` in every role, its API keys, and outsiders. */
export async function castFor(t: TestPlatform, org: TestOrg, owner: TestSession): Promise<{ readers: Caller[]; writers: Caller[]; lowReaders: Caller[]; outsiders: Caller[]; anonymous: Caller }> {
  const admin = await t.seedUser()
  const issuer = await t.seedUser()
  const viewer = await t.seedUser()
  await t.seedMember(org, admin, 'admin')
  await t.seedMember(org, issuer, 'issuer')
  await t.seedMember(org, viewer, 'viewer')
  const otherOwner = await t.seedUser()
  const other = await t.seedOrg({ owner: otherOwner })
  const writers: Caller[] = [
    { name: 'owner', as: owner },
    { name: 'admin', as: admin },
    { name: 'issuer', as: issuer },
    { name: 'issuer API key', as: await t.seedApiKey(org, 'issuer') },
  ]
  const lowReaders: Caller[] = [
    { name: 'viewer', as: viewer },
    { name: 'viewer API key', as: await t.seedApiKey(org, 'viewer') },
  ]
  return {
    writers,
    lowReaders,
    readers: [...writers, ...lowReaders],
    outsiders: [
      { name: "another organization's owner", as: otherOwner },
      { name: "another organization's API key", as: await t.seedApiKey(other, 'admin') },
    ],
    anonymous: { name: 'anonymous', as: undefined },
  }
}
