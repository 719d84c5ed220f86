// Learners with wallet credentials and skills for the talent search's tests: written through the
// repositories (the wallet's own insert indexes the skills), profile and opt-in through the API.
import { createHash } from 'node:crypto'
import type { DisplaySkill } from '../../../src/app/wallet/display.js'
import type { TestPlatform, TestSession } from '../../support/platform.js'

export const ESCO = {
  python: 'http://data.europa.eu/esco/skill/ccd0a1d9-afda-43d9-b901-96344886e14d',
  programming: 'http://data.europa.eu/esco/skill/21d2f96d-35f7-4e3f-9745-c533d2dd6e97',
  statistics: 'http://data.europa.eu/esco/skill/e3fc7f5b-7f4e-4d2a-8a7c-4f3b1b4d0a11',
} as const

export interface SeededCredential {
  id?: string
  name: string
  skills: DisplaySkill[]
  issuerName?: string
  issuerId?: string
  issuedAt?: string
  expiresAt?: string | null
  public?: boolean
  hidden?: boolean
  verified?: boolean
  document?: string
  issuedCredentialId?: string
}

let n = 0

/** Puts a credential in the learner's wallet; returns its wallet id. */
export async function seedCredential(t: TestPlatform, userId: string, c: SeededCredential): Promise<string> {
  n += 1
  const id = c.id ?? `w_t${n}_${t.ports.random.uuid().slice(0, 8)}`
  const document = c.document ?? JSON.stringify({ id: `urn:uuid:${t.ports.random.uuid()}`, name: c.name })
  const now = t.clock.now().toISOString()
  await t.store.repos.walletItems.insert({
    id,
    userId,
    digest: createHash('sha256').update(document).digest('hex'),
    credentialId: null,
    issuedCredentialId: c.issuedCredentialId ?? null,
    source: 'import',
    format: 'vc-json',
    document,
    verified: c.verified ?? true,
    report: '{"verified":true,"checks":[]}',
    checkedAt: now,
    name: c.name,
    description: '',
    imageUrl: null,
    issuerId: c.issuerId ?? 'did:web:university.example',
    issuerName: c.issuerName ?? 'Example University',
    issuedAt: c.issuedAt ?? now,
    expiresAt: c.expiresAt ?? null,
    skills: c.skills,
    addedAt: now,
    public: c.public ?? true,
    hidden: c.hidden ?? false,
  })
  return id
}

/** A learner with a (public unless said otherwise) profile, opted in unless said otherwise. */
export async function seedLearner(t: TestPlatform, handle: string, opts: { public?: boolean; optIn?: boolean; location?: string; country?: string; name?: string } = {}): Promise<TestSession> {
  const learner = await t.seedUser({ name: opts.name ?? handle })
  const saved = await t.request('/api/v1/wallet/profile', { as: learner, method: 'PUT', json: { handle, displayName: opts.name ?? `Learner ${handle}`, public: opts.public ?? true } })
  if (saved.status !== 200) throw new Error(`profile: ${saved.status} ${await saved.text()}`)
  if (opts.optIn ?? true) {
    const res = await t.request('/api/v1/wallet/talent', { as: learner, method: 'PUT', json: { location: opts.location ?? '', ...(opts.country ? { country: opts.country } : {}) } })
    if (res.status !== 200) throw new Error(`opt-in: ${res.status} ${await res.text()}`)
  }
  return learner
}

/** An employer organization (kind employer) owned by a new user. */
export async function seedEmployer(t: TestPlatform, name = 'Northwind Analytics'): Promise<{ owner: TestSession; slug: string; id: string }> {
  const owner = await t.seedUser()
  const res = await t.request('/api/v1/employers', { as: owner, method: 'POST', json: { name } })
  if (res.status !== 201) throw new Error(`employer: ${res.status} ${await res.text()}`)
  const org = (await res.json()) as { id: string; slug: string }
  return { owner, slug: org.slug, id: org.id }
}

/** The handles a search finds (`query`: the query string after ?org=…&). */
export async function handlesFound(t: TestPlatform, as: TestSession | string, slug: string, query: string): Promise<string[]> {
  const res = await t.request(`/api/v1/talent?org=${slug}&${query}`, { as })
  if (res.status !== 200) throw new Error(`search: ${res.status} ${await res.text()}`)
  const body = (await res.json()) as { learners: { handle: string }[] }
  return body.learners.map((l) => l.handle).sort()
}
