import { createHash, randomUUID } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Store } from '../../src/store/index.js'
import { contractClock, seedUser, type ContractClock, type OpenStore } from './repo-fixtures.js'

const sha = (text: string) => createHash('sha256').update(text).digest('hex')

/** The contract of the sharing repositories (learner profiles, share links). */
export function describeShareRepos(name: string, open: OpenStore): void {
  describe(`${name}: sharing repositories`, () => {
    let store: Store
    let clock: ContractClock
    beforeEach(async () => {
      clock = contractClock()
      store = await open({ now: clock.now })
    })
    afterEach(async () => {
      await store.close()
    })

    describe('learnerProfiles', () => {
      const profile = (userId: string, handle: string, extra: Partial<{ public: boolean; headline: string }> = {}) => ({
        userId,
        handle,
        displayName: 'Ada Lovelace',
        headline: extra.headline ?? 'Analyst',
        bio: 'Notes on the engine.',
        public: extra.public ?? false,
        openToEmployers: true,
      })

      it('creates, reads by user and handle, and updates a profile', async () => {
        const user = await seedUser(store)
        const first = clock.now()
        expect(await store.repos.learnerProfiles.save(profile(user.id, 'ada-l'), first)).toBe('saved')
        clock.advance()
        expect(await store.repos.learnerProfiles.save(profile(user.id, 'ada-l2', { public: true, headline: 'Poet' }), clock.now())).toBe('saved')
        const saved = await store.repos.learnerProfiles.get(user.id)
        expect(saved).toEqual({ ...profile(user.id, 'ada-l2', { public: true, headline: 'Poet' }), createdAt: first.toISOString(), updatedAt: clock.now().toISOString() })
        expect(await store.repos.learnerProfiles.byHandle('ada-l2')).toEqual(saved)
        expect(await store.repos.learnerProfiles.byHandle('ada-l')).toBeUndefined()
        expect(await store.repos.learnerProfiles.get(randomUUID())).toBeUndefined()
      })

      it('refuses a handle another learner holds', async () => {
        const a = await seedUser(store)
        const b = await seedUser(store)
        expect(await store.repos.learnerProfiles.save(profile(a.id, 'taken-one'), clock.now())).toBe('saved')
        expect(await store.repos.learnerProfiles.save(profile(b.id, 'taken-one'), clock.now())).toBe('taken')
        expect(await store.repos.learnerProfiles.get(b.id)).toBeUndefined()
        expect((await store.repos.learnerProfiles.byHandle('taken-one'))?.userId).toBe(a.id)
      })
    })

    describe('public collections', () => {
      it('marks exactly the given collections of the user public, never another user’s', async () => {
        const a = await seedUser(store)
        const b = await seedUser(store)
        const create = (userId: string, id: string) => store.repos.walletCollections.create({ id, userId, name: id, description: '', createdAt: clock.now().toISOString() })
        await create(a.id, 'c_a1')
        await create(a.id, 'c_a2')
        await create(b.id, 'c_b1')
        expect(await store.repos.learnerProfiles.publicCollections(a.id)).toEqual([])
        await store.repos.learnerProfiles.setPublicCollections(a.id, ['c_a2', 'c_b1'])
        expect(await store.repos.learnerProfiles.publicCollections(a.id)).toEqual(['c_a2'])
        expect(await store.repos.learnerProfiles.publicCollections(b.id)).toEqual([])
        await store.repos.learnerProfiles.setPublicCollections(a.id, ['c_a1'])
        expect(await store.repos.learnerProfiles.publicCollections(a.id)).toEqual(['c_a1'])
        await store.repos.learnerProfiles.setPublicCollections(a.id, [])
        expect(await store.repos.learnerProfiles.publicCollections(a.id)).toEqual([])
      })
    })

    describe('shareLinks', () => {
      it('creates, lists newest first, counts views and revokes once, only for its owner', async () => {
        const owner = await seedUser(store)
        const other = await seedUser(store)
        const expires = new Date(clock.now().getTime() + 86_400_000).toISOString()
        await store.repos.shareLinks.create({ tokenHash: sha('one'), userId: owner.id, itemId: 'w_item', collectionId: null, expiresAt: null, createdAt: clock.now().toISOString() })
        clock.advance()
        await store.repos.shareLinks.create({ tokenHash: sha('two'), userId: owner.id, itemId: null, collectionId: 'c_1', expiresAt: expires, createdAt: clock.now().toISOString() })
        expect((await store.repos.shareLinks.listOf(owner.id)).map((l) => l.tokenHash)).toEqual([sha('two'), sha('one')])
        expect(await store.repos.shareLinks.listOf(other.id)).toEqual([])
        await store.repos.shareLinks.countView(sha('one'))
        await store.repos.shareLinks.countView(sha('one'))
        expect(await store.repos.shareLinks.get(sha('one'))).toEqual({ tokenHash: sha('one'), userId: owner.id, itemId: 'w_item', collectionId: null, expiresAt: null, revokedAt: null, views: 2, createdAt: '2026-03-01T09:00:00.000Z' })
        expect(await store.repos.shareLinks.revoke(other.id, sha('two'), clock.now())).toBe(false)
        expect(await store.repos.shareLinks.revoke(owner.id, sha('two'), clock.now())).toBe(true)
        expect(await store.repos.shareLinks.revoke(owner.id, sha('two'), clock.now())).toBe(false)
        expect(await store.repos.shareLinks.get(sha('two'))).toMatchObject({ collectionId: 'c_1', expiresAt: expires, revokedAt: clock.now().toISOString(), views: 0 })
        expect(await store.repos.shareLinks.get(sha('none'))).toBeUndefined()
      })

      it('refuses a link to both or neither a credential and a collection', async () => {
        const owner = await seedUser(store)
        const base = { userId: owner.id, expiresAt: null, createdAt: clock.now().toISOString() }
        await expect(store.repos.shareLinks.create({ ...base, tokenHash: sha('both'), itemId: 'w_1', collectionId: 'c_1' })).rejects.toThrow()
        await expect(store.repos.shareLinks.create({ ...base, tokenHash: sha('neither'), itemId: null, collectionId: null })).rejects.toThrow()
      })
    })
  })
}
