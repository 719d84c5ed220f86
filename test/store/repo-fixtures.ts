// Rows the repository contracts build on, written through the repositories themselves so each
// contract block needs only the ones it tests plus what foreign keys ask for.
import { createHash, randomUUID } from 'node:crypto'
import { expect } from 'vitest'
import type { NewIssued } from '../../src/app/issuance/ports.js'
import type { RoleName } from '../../src/app/platform/roles.js'
import type { Store } from '../../src/store/index.js'

/** A clock the contract moves by hand, so "newest first" never depends on two writes' milliseconds. */
export interface ContractClock {
  now(): Date
  advance(ms?: number): void
}

export const contractClock = (start = '2026-03-01T09:00:00.000Z'): ContractClock => {
  let t = new Date(start).getTime()
  return { now: () => new Date(t), advance: (ms = 1000) => void (t += ms) }
}

/** Opens a fresh, migrated store stamping times with `now`. */
export type OpenStore = (options: { now: () => Date }) => Promise<Store>

export async function seedUser(store: Store, name = 'Ada Lovelace'): Promise<{ id: string; email: string; name: string }> {
  const id = randomUUID()
  const email = `${id.slice(0, 8)}@example.edu`
  expect(await store.repos.accounts.createUser({ id, email, name, passwordHash: '$argon2id$test' })).toBe('created')
  return { id, email, name }
}

export async function seedOrg(store: Store, ownerId: string, { slug, name }: { slug?: string; name?: string } = {}): Promise<{ id: string; slug: string; name: string }> {
  const id = randomUUID()
  const org = { id, slug: slug ?? `org-${id.slice(0, 8)}`, name: name ?? `University ${id.slice(0, 4)}`, description: '', url: null, email: null, country: null, suite: 'eddsa-rdfc-2022' as const }
  expect(await store.repos.orgs.create(org, ownerId)).toBe('created')
  return { id, slug: org.slug, name: org.name }
}

export async function seedMember(store: Store, orgId: string, role: RoleName, name?: string): Promise<string> {
  const user = await seedUser(store, name)
  expect(await store.repos.members.add(orgId, user.id, role)).toBe('added')
  return user.id
}

export async function seedAchievement(store: Store, orgId: string, name = 'Data Stewardship'): Promise<string> {
  const id = randomUUID()
  await store.repos.achievements.insert({ id, orgId, state: 'published', name, definition: { name }, imageId: null })
  return id
}

/** A revocation and a suspension list of the organization (number `seq`), empty. */
export async function seedLists(store: Store, orgId: string, seq = 0, length = 131_072): Promise<{ revocation: string; suspension: string }> {
  const revocation = randomUUID()
  const suspension = randomUUID()
  expect(await store.repos.statusLists.create({ id: revocation, orgId, purpose: 'revocation', seq, length })).toBe(true)
  expect(await store.repos.statusLists.create({ id: suspension, orgId, purpose: 'suspension', seq, length })).toBe(true)
  return { revocation, suspension }
}

/** An issued credential record at entry `index` of both lists, with its stored credential written in the same transaction. */
export function newIssued(
  parts: { orgId: string; achievementId: string; lists: { revocation: string; suspension: string }; index: number },
  overrides: Partial<NewIssued> = {},
): NewIssued {
  const credentialId = `urn:uuid:${randomUUID()}`
  return {
    credentialId,
    issuerDid: 'did:web:badges.example.edu:orgs:test',
    stored: JSON.stringify({ id: credentialId, issuer: 'did:web:badges.example.edu:orgs:test' }),
    orgId: parts.orgId,
    achievementId: parts.achievementId,
    achievementVersion: 1,
    recipientEmail: `learner${parts.index}@example.org`,
    recipientName: `Learner ${parts.index}`,
    showName: true,
    revocation: { listId: parts.lists.revocation, index: parts.index },
    suspension: { listId: parts.lists.suspension, index: parts.index },
    batchId: null,
    batchRow: null,
    claimTokenHash: createHash('sha256').update(credentialId).digest('hex'),
    issuedAt: '2026-03-01T09:00:00.000Z',
    ...overrides,
  }
}

/** Writes issued records with their stored credentials, as issuance does: one transaction. */
export async function insertIssued(store: Store, rows: readonly NewIssued[]): Promise<void> {
  await store.transaction(async (tx) => {
    await tx.credentials.insert(rows.map((r) => ({ id: r.credentialId, issuer: r.issuerDid, json: r.stored })))
    await tx.repos.issuedCredentials.insert(rows)
  })
}

/** A SHA-256 hex digest standing for a CSV file. */
export const fileDigest = (text: string): string => createHash('sha256').update(text).digest('hex')
