import { createHash, randomUUID } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Store } from '../../src/store/index.js'
import { contractClock, seedMember, seedOrg, seedUser, type ContractClock, type OpenStore } from './repo-fixtures.js'

const sha = (text: string) => createHash('sha256').update(text).digest('hex')

/** The contract of the organization side's repositories (orgs, members, invitations, API keys, images) on every backend. */
export function describeOrgRepos(name: string, open: OpenStore): void {
  describe(`${name}: organization repositories`, () => {
    let store: Store
    let clock: ContractClock
    beforeEach(async () => {
      clock = contractClock()
      store = await open({ now: clock.now })
    })
    afterEach(async () => {
      await store.close()
    })

    describe('orgs', () => {
      it('creates an organization with its owner, finds it by id and slug, and refuses a taken slug without writing', async () => {
        const owner = await seedUser(store)
        const org = await seedOrg(store, owner.id, { slug: 'acme', name: 'Acme' })
        expect(await store.repos.orgs.get(org.id)).toMatchObject({ id: org.id, slug: 'acme', name: 'Acme', logoImageId: null, brandColor: null, suite: 'eddsa-rdfc-2022', createdAt: clock.now().toISOString() })
        expect((await store.repos.orgs.bySlug('acme'))?.id).toBe(org.id)
        expect(await store.repos.members.get(org.id, owner.id)).toMatchObject({ role: 'owner', email: owner.email })
        const again = { id: randomUUID(), slug: 'acme', name: 'Other', description: '', url: null, email: null, country: null, suite: 'vc-jwt' as const }
        expect(await store.repos.orgs.create(again, owner.id)).toBe('slug-taken')
        expect(await store.repos.orgs.get(again.id)).toBeUndefined()
        expect(await store.repos.orgs.get(randomUUID())).toBeUndefined()
        expect(await store.repos.orgs.bySlug('nobody')).toBeUndefined()
      })

      it('creates nothing when the slug is taken inside a transaction that then goes on', async () => {
        const owner = await seedUser(store)
        await seedOrg(store, owner.id, { slug: 'taken' })
        const other = await seedUser(store)
        const outcome = await store.transaction(async (tx) => {
          const result = await tx.repos.orgs.create({ id: randomUUID(), slug: 'taken', name: 'X', description: '', url: null, email: null, country: null, suite: 'vc-jwt' }, other.id)
          return { result, orgs: await tx.repos.orgs.ofUser(other.id) }
        })
        expect(outcome).toEqual({ result: 'slug-taken', orgs: [] })
      })

      it('updates only the fields given, sets and clears the logo, and answers undefined for a missing organization', async () => {
        const owner = await seedUser(store)
        const org = await seedOrg(store, owner.id)
        const updated = await store.repos.orgs.update(org.id, { description: 'We teach', url: 'https://acme.example', country: 'NL' })
        expect(updated).toMatchObject({ name: org.name, description: 'We teach', url: 'https://acme.example', country: 'NL', email: null })
        const image = { id: sha('logo'), orgId: org.id, mediaType: 'image/png' as const, bytes: new Uint8Array([1, 2, 3]), width: 64, height: 64, createdAt: clock.now().toISOString() }
        await store.repos.images.put(image)
        expect((await store.repos.orgs.update(org.id, { logoImageId: image.id }))?.logoImageId).toBe(image.id)
        expect((await store.repos.orgs.update(org.id, { logoImageId: null }))?.logoImageId).toBeNull()
        expect((await store.repos.orgs.update(org.id, { brandColor: '#0f766e' }))?.brandColor).toBe('#0f766e')
        expect((await store.repos.orgs.update(org.id, { brandColor: null }))?.brandColor).toBeNull()
        // Status entries (migration 0013): revocation only until the organization chooses both.
        expect((await store.repos.orgs.get(org.id))?.statusEntries).toBe('revocation')
        expect((await store.repos.orgs.update(org.id, { statusEntries: 'revocation-and-suspension' }))?.statusEntries).toBe('revocation-and-suspension')
        await expect(store.repos.orgs.update(org.id, { statusEntries: 'suspension' as 'revocation' })).rejects.toThrow()
        expect(await store.repos.orgs.update(org.id, {})).toMatchObject({ description: 'We teach' })
        expect(await store.repos.orgs.update(randomUUID(), { name: 'Gone' })).toBeUndefined()
      })

      it('lists a user’s organizations with their role by name, and deletes an organization with its memberships', async () => {
        const user = await seedUser(store)
        const owner = await seedUser(store)
        const b = await seedOrg(store, owner.id, { name: 'Beta College' })
        const a = await seedOrg(store, user.id, { name: 'Alpha University' })
        await store.repos.members.add(b.id, user.id, 'viewer')
        expect((await store.repos.orgs.ofUser(user.id)).map(({ org, role }) => [org.name, role])).toEqual([
          ['Alpha University', 'owner'],
          ['Beta College', 'viewer'],
        ])
        await store.repos.orgs.delete(b.id)
        expect(await store.repos.orgs.get(b.id)).toBeUndefined()
        expect((await store.repos.orgs.ofUser(user.id)).map(({ org }) => org.id)).toEqual([a.id])
        expect(await store.repos.orgs.ofUser(randomUUID())).toEqual([])
      })

      it('locks an organization inside a transaction without changing it', async () => {
        const owner = await seedUser(store)
        const org = await seedOrg(store, owner.id)
        const before = await store.repos.orgs.get(org.id)
        await store.transaction((tx) => tx.repos.orgs.lock(org.id))
        expect(await store.repos.orgs.get(org.id)).toEqual(before)
      })
    })

    describe('members', () => {
      it('lists owners first, then admins, issuers and viewers, by name within a role', async () => {
        const owner = await seedUser(store, 'Zoë Owner')
        const org = await seedOrg(store, owner.id)
        await seedMember(store, org.id, 'viewer', 'Amir Viewer')
        await seedMember(store, org.id, 'admin', 'Yara Admin')
        await seedMember(store, org.id, 'admin', 'Bram Admin')
        await seedMember(store, org.id, 'issuer', 'Chen Issuer')
        expect((await store.repos.members.list(org.id)).map((m) => [m.role, m.name])).toEqual([
          ['owner', 'Zoë Owner'],
          ['admin', 'Bram Admin'],
          ['admin', 'Yara Admin'],
          ['issuer', 'Chen Issuer'],
          ['viewer', 'Amir Viewer'],
        ])
      })

      it('adds a member once, changes the role, counts owners and removes; false or undefined for non-members', async () => {
        const owner = await seedUser(store)
        const org = await seedOrg(store, owner.id)
        const user = await seedUser(store)
        expect(await store.repos.members.add(org.id, user.id, 'issuer')).toBe('added')
        expect(await store.repos.members.add(org.id, user.id, 'admin')).toBe('exists')
        expect((await store.repos.members.get(org.id, user.id))?.role).toBe('issuer')
        expect(await store.repos.members.countOwners(org.id)).toBe(1)
        expect(await store.repos.members.setRole(org.id, user.id, 'owner')).toBe(true)
        expect(await store.repos.members.countOwners(org.id)).toBe(2)
        expect(await store.repos.members.remove(org.id, user.id)).toBe(true)
        expect(await store.repos.members.remove(org.id, user.id)).toBe(false)
        expect(await store.repos.members.setRole(org.id, user.id, 'viewer')).toBe(false)
        expect(await store.repos.members.get(org.id, user.id)).toBeUndefined()
      })

      it('keeps organizations apart', async () => {
        const owner = await seedUser(store)
        const mine = await seedOrg(store, owner.id)
        const other = await seedOrg(store, (await seedUser(store)).id)
        expect(await store.repos.members.get(other.id, owner.id)).toBeUndefined()
        expect(await store.repos.members.remove(other.id, owner.id)).toBe(false)
        expect((await store.repos.members.list(mine.id)).map((m) => m.userId)).toEqual([owner.id])
      })
    })

    describe('invitations', () => {
      const invite = (orgId: string, email: string, at: Date, overrides: { expiresAt?: string } = {}) => ({
        id: randomUUID(),
        orgId,
        email,
        role: 'issuer' as const,
        invitedBy: null,
        createdAt: at.toISOString(),
        expiresAt: overrides.expiresAt ?? new Date(at.getTime() + 7 * 86_400_000).toISOString(),
        tokenHash: sha(randomUUID()),
      })

      it('stores an invitation by token hash, lists pending ones newest first and finds it by id only in its organization', async () => {
        const owner = await seedUser(store)
        const org = await seedOrg(store, owner.id)
        const other = await seedOrg(store, owner.id)
        const first = invite(org.id, 'a@example.org', clock.now())
        await store.repos.invitations.create(first)
        clock.advance()
        const second = invite(org.id, 'b@example.org', clock.now())
        await store.repos.invitations.create(second)
        expect((await store.repos.invitations.pending(org.id)).map((i) => i.email)).toEqual(['b@example.org', 'a@example.org'])
        expect(await store.repos.invitations.get(org.id, first.id)).toMatchObject({ email: 'a@example.org', role: 'issuer', acceptedAt: null })
        expect(await store.repos.invitations.get(other.id, first.id)).toBeUndefined()
        expect((await store.repos.invitations.byTokenHash(first.tokenHash))?.id).toBe(first.id)
        expect(await store.repos.invitations.byTokenHash(sha('unknown'))).toBeUndefined()
      })

      it('refuses a second invitation with the same token hash', async () => {
        const owner = await seedUser(store)
        const org = await seedOrg(store, owner.id)
        const one = invite(org.id, 'a@example.org', clock.now())
        await store.repos.invitations.create(one)
        await expect(store.repos.invitations.create({ ...invite(org.id, 'b@example.org', clock.now()), tokenHash: one.tokenHash })).rejects.toThrow()
      })

      it('accepts an invitation once, never an expired one, and keeps accepted ones off the pending list and out of reach of delete', async () => {
        const owner = await seedUser(store)
        const org = await seedOrg(store, owner.id)
        const live = invite(org.id, 'a@example.org', clock.now())
        const expired = invite(org.id, 'b@example.org', clock.now(), { expiresAt: new Date(clock.now().getTime() + 1000).toISOString() })
        await store.repos.invitations.create(live)
        await store.repos.invitations.create(expired)
        const [x, y] = await Promise.all([store.repos.invitations.markAccepted(live.id, clock.now()), store.repos.invitations.markAccepted(live.id, clock.now())])
        expect([x, y].filter(Boolean)).toHaveLength(1)
        expect((await store.repos.invitations.byTokenHash(live.tokenHash))?.acceptedAt).toBe(clock.now().toISOString())
        expect(await store.repos.invitations.markAccepted(expired.id, new Date(clock.now().getTime() + 2000))).toBe(false)
        expect((await store.repos.invitations.pending(org.id)).map((i) => i.id)).toEqual([expired.id])
        expect(await store.repos.invitations.delete(org.id, live.id)).toBe(false)
        expect(await store.repos.invitations.delete(org.id, expired.id)).toBe(true)
        expect(await store.repos.invitations.delete(org.id, expired.id)).toBe(false)
      })

      it('deletes the pending invitations of one address in one organization only', async () => {
        const owner = await seedUser(store)
        const org = await seedOrg(store, owner.id)
        const other = await seedOrg(store, owner.id)
        await store.repos.invitations.create(invite(org.id, 'a@example.org', clock.now()))
        await store.repos.invitations.create(invite(org.id, 'b@example.org', clock.now()))
        await store.repos.invitations.create(invite(other.id, 'a@example.org', clock.now()))
        await store.repos.invitations.deletePendingFor(org.id, 'a@example.org')
        expect((await store.repos.invitations.pending(org.id)).map((i) => i.email)).toEqual(['b@example.org'])
        expect((await store.repos.invitations.pending(other.id)).map((i) => i.email)).toEqual(['a@example.org'])
      })
    })

    describe('apiKeys', () => {
      const key = (orgId: string, createdBy: string | null, at: Date, name = 'LMS') => ({
        id: randomUUID(),
        orgId,
        name,
        role: 'issuer' as const,
        prefix: randomUUID().replace(/-/g, '').slice(0, 8),
        createdBy,
        createdAt: at.toISOString(),
        secretHash: sha(randomUUID()),
      })

      it('stores keys by secret hash, lists them newest first (never the hash) and finds one only in its organization', async () => {
        const owner = await seedUser(store)
        const org = await seedOrg(store, owner.id)
        const other = await seedOrg(store, owner.id)
        const old = key(org.id, owner.id, clock.now(), 'old')
        await store.repos.apiKeys.create(old)
        clock.advance()
        const young = key(org.id, null, clock.now(), 'young')
        await store.repos.apiKeys.create(young)
        const listed = await store.repos.apiKeys.list(org.id)
        expect(listed.map((k) => k.name)).toEqual(['young', 'old'])
        expect(listed[0]).not.toHaveProperty('secretHash')
        expect(await store.repos.apiKeys.get(org.id, old.id)).toMatchObject({ name: 'old', role: 'issuer', createdBy: owner.id, lastUsedAt: null, revokedAt: null })
        expect(await store.repos.apiKeys.get(other.id, old.id)).toBeUndefined()
        expect(await store.repos.apiKeys.list(other.id)).toEqual([])
      })

      it('refuses a second key with the same secret hash', async () => {
        const owner = await seedUser(store)
        const org = await seedOrg(store, owner.id)
        const one = key(org.id, null, clock.now())
        await store.repos.apiKeys.create(one)
        await expect(store.repos.apiKeys.create({ ...key(org.id, null, clock.now()), secretHash: one.secretHash })).rejects.toThrow()
      })

      it('revokes a live key once, only in its organization, and the revoked key no longer authenticates', async () => {
        const owner = await seedUser(store)
        const org = await seedOrg(store, owner.id)
        const other = await seedOrg(store, owner.id)
        const one = key(org.id, null, clock.now())
        await store.repos.apiKeys.create(one)
        expect(await store.repos.access.apiKeyByHash(one.secretHash, clock.now())).toMatchObject({ keyId: one.id, orgId: org.id })
        expect(await store.repos.apiKeys.revoke(other.id, one.id, clock.now())).toBe(false)
        expect(await store.repos.apiKeys.revoke(org.id, one.id, clock.now())).toBe(true)
        expect(await store.repos.apiKeys.revoke(org.id, one.id, clock.now())).toBe(false)
        expect((await store.repos.apiKeys.get(org.id, one.id))?.revokedAt).toBe(clock.now().toISOString())
        expect(await store.repos.access.apiKeyByHash(one.secretHash, clock.now())).toBeUndefined()
      })
    })

    describe('images', () => {
      it('stores an image once by its digest and returns the first upload for the same bytes', async () => {
        const owner = await seedUser(store)
        const org = await seedOrg(store, owner.id)
        const other = await seedOrg(store, owner.id)
        const bytes = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>')
        const image = { id: sha('svg'), orgId: org.id, mediaType: 'image/svg+xml' as const, bytes, width: 512, height: 512, createdAt: clock.now().toISOString() }
        expect(await store.repos.images.put(image)).toEqual(image)
        clock.advance()
        const again = await store.repos.images.put({ ...image, orgId: other.id, createdAt: clock.now().toISOString() })
        expect(again).toEqual(image)
        expect(Buffer.from((await store.repos.images.get(image.id))!.bytes).toString()).toBe('<svg xmlns="http://www.w3.org/2000/svg"/>')
        expect(await store.repos.images.mediaType(image.id)).toBe('image/svg+xml')
        expect(await store.repos.images.get(sha('missing'))).toBeUndefined()
        expect(await store.repos.images.mediaType(sha('missing'))).toBeUndefined()
      })
    })
  })
}
