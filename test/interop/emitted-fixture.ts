// What an Emblem instance emits, for the independent verifiers of emitted-verifiers.test.ts: an
// instance at https://emblem.example (SQLite, in-process) with one organization per suite and
// status-entry choice, credentials issued through the API, and the documents a verifier elsewhere
// would fetch (the organization's did:web document, its status lists) answered by the app in-process.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { readJson, type TestOrg } from '../support/platform.js'
import { startIssuancePlatform, type IssuancePlatform } from '../e2e/platform/issuance-fixture.js'

export const PUBLIC_URL = 'https://emblem.example'
export const HOST = new URL(PUBLIC_URL).host
/** The official OB 3.0 JSON Schemas (../shared/interop), which the DCC's verifier-core fetches by their purl. */
export const SCHEMAS = path.resolve(process.cwd(), '../shared/interop/schemas/ob-v3p0')

export type EmittedSuite = 'eddsa-rdfc-2022' | 'eddsa-jcs-2022' | 'vc-jwt'
export type StatusChoice = 'revocation' | 'revocation-and-suspension'

export interface Issued {
  id: string
  /** The credential JSON, or the compact VC-JWT. */
  credential: Record<string, any> | string
  org: TestOrg
}

export interface EmittedFixture {
  p: IssuancePlatform
  /** Issues one credential from an organization signing with `suite` and carrying `status` entries. */
  issue(suite: EmittedSuite, status?: StatusChoice): Promise<Issued>
  /** Revokes, suspends or lifts a suspension, through the API. */
  act(issued: Issued, action: 'revoke' | 'suspend' | 'unsuspend'): Promise<void>
  /** A document of this instance by URL (did:web, did.json, status list), as served to anyone; undefined for other hosts or a 404. */
  document(url: string): Promise<Record<string, any> | undefined>
  /** A did:web DID or a DID URL as https://…/did.json. */
  didWebUrl(did: string): string
  close(): Promise<void>
}

/** The URL a did:web DID resolves to (did:web:host:orgs:slug → https://host/orgs/slug/did.json). */
export function didWebUrl(did: string): string {
  const [, , host, ...segments] = did.split('#')[0]!.split(':')
  return `https://${decodeURIComponent(host!)}/${segments.length ? `${segments.map(decodeURIComponent).join('/')}/did.json` : '.well-known/did.json'}`
}

export async function startEmittedFixture(): Promise<EmittedFixture> {
  const p = await startIssuancePlatform({ publicUrl: PUBLIC_URL })
  const orgs = new Map<string, { org: TestOrg; achievementId: string }>()
  async function orgFor(suite: EmittedSuite, status: StatusChoice) {
    const key = `${suite} ${status}`
    let found = orgs.get(key)
    if (!found) {
      const org = await p.t.seedOrg({ owner: p.owner, name: `University ${suite} ${status}` })
      const res = await p.t.request(`/api/v1/orgs/${org.slug}`, { as: p.owner, method: 'PATCH', json: { suite, statusEntries: status } })
      if (res.status !== 200) throw new Error(`PATCH org: ${res.status} ${await res.text()}`)
      found = { org, achievementId: await p.seedAchievement(org) }
      orgs.set(key, found)
    }
    return found
  }
  return {
    p,
    async issue(suite, status = 'revocation') {
      const { org, achievementId } = await orgFor(suite, status)
      const res = await p.t.request(`/api/v1/orgs/${org.slug}/achievements/${achievementId}/credentials`, {
        as: p.owner,
        method: 'POST',
        json: { recipient: { email: `learner-${p.t.ports.random.uuid()}@example.org`, name: 'Ada Lovelace' } },
      })
      if (res.status !== 201) throw new Error(`issue: ${res.status} ${await res.text()}`)
      const body = (await readJson(res)) as { id: string; credential: Record<string, any> | string }
      return { id: body.id, credential: body.credential, org }
    },
    async act(issued, action) {
      const res = await p.t.request(`/api/v1/orgs/${issued.org.slug}/credentials/${issued.id.slice('urn:uuid:'.length)}/${action}`, {
        as: p.owner,
        method: 'POST',
        json: { reason: 'Interop test' },
      })
      if (res.status !== 200) throw new Error(`${action}: ${res.status} ${await res.text()}`)
    },
    async document(url) {
      const target = new URL(url.startsWith('did:web:') ? didWebUrl(url) : url)
      if (target.host !== HOST) return undefined
      const res = await p.t.app.request(`${target.pathname}${target.search}`, { headers: { accept: 'application/json' } })
      if (res.status !== 200) return undefined
      return (await res.json()) as Record<string, any>
    },
    didWebUrl,
    close: () => p.close(),
  }
}

/** An official OB 3.0 JSON Schema by its purl (…/schema/json/… or …/schema/json-ld/…), from ../shared; undefined when absent. */
export function officialSchema(url: string): unknown {
  const file = url.split('/').at(-1)!
  const variant = url.includes('/schema/json-ld/') ? file.replace(/\.json$/, '.json-ld-variant.json') : file
  for (const name of [variant, file]) {
    try {
      return JSON.parse(readFileSync(path.join(SCHEMAS, name), 'utf8'))
    } catch {
      // next
    }
  }
  return undefined
}

/** One character changed in the achievement's name: the credential JSON, or a VC-JWT's payload (its signature kept). */
export function tamper<T extends Record<string, any> | string>(credential: T): T {
  if (typeof credential === 'string') {
    const [header, payload, signature] = credential.split('.')
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8'))
    claims.credentialSubject.achievement.name += 'x'
    return `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}` as T
  }
  const copy = structuredClone(credential) as Record<string, any>
  copy.credentialSubject.achievement.name += 'x'
  return copy as T
}
