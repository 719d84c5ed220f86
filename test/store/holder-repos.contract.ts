import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Store } from '../../src/store/index.js'
import { contractClock, seedMember, seedOrg, seedUser, type ContractClock, type OpenStore } from './repo-fixtures.js'

const key = (userId: string, n: string) => ({ userId, did: `did:key:z6Mk${n}`, publicKeyMultibase: `z6Mk${n}`, sealedPrivateKey: `v1.sealed.${n}`, createdAt: '2026-03-01T09:00:00.000Z' })

/** The contract of the holder repository: holder keys, notification settings, account erasure. */
export function describeHolderRepos(name: string, open: OpenStore): void {
  describe(`${name}: holder repository`, () => {
    let store: Store
    let clock: ContractClock
    beforeEach(async () => {
      clock = contractClock()
      store = await open({ now: clock.now })
    })
    afterEach(async () => {
      await store.close()
    })

    it('keeps the first holder key of an account and never gives one DID to two accounts', async () => {
      const ada = await seedUser(store)
      const bob = await seedUser(store, 'Bob')
      expect(await store.repos.holder.keyOf(ada.id)).toBeUndefined()
      expect(await store.repos.holder.addKey(key(ada.id, 'first'))).toEqual(key(ada.id, 'first'))
      expect(await store.repos.holder.addKey(key(ada.id, 'second'))).toEqual(key(ada.id, 'first'))
      expect(await store.repos.holder.keyOf(ada.id)).toEqual(key(ada.id, 'first'))
      await expect(store.repos.holder.addKey(key(bob.id, 'first'))).rejects.toThrow()
      expect(await store.repos.holder.keyOf(bob.id)).toBeUndefined()
    })

    it('has product news off until the account turns it on, and keeps the last choice', async () => {
      const ada = await seedUser(store)
      expect(await store.repos.holder.notificationSettings(ada.id)).toEqual({ productNews: false })
      await store.repos.holder.setNotificationSettings(ada.id, { productNews: true }, clock.now())
      expect(await store.repos.holder.notificationSettings(ada.id)).toEqual({ productNews: true })
      await store.repos.holder.setNotificationSettings(ada.id, { productNews: false }, clock.now())
      expect(await store.repos.holder.notificationSettings(ada.id)).toEqual({ productNews: false })
    })

    it('erases an account with its key, settings, sessions and memberships, leaving other accounts and organizations', async () => {
      const ada = await seedUser(store)
      const owner = await seedUser(store, 'Owner')
      const org = await seedOrg(store, owner.id)
      await store.repos.members.add(org.id, ada.id, 'issuer')
      const other = await seedMember(store, org.id, 'viewer')
      await store.repos.holder.addKey(key(ada.id, 'ada'))
      await store.repos.holder.setNotificationSettings(ada.id, { productNews: true }, clock.now())
      await store.repos.accounts.createSession({ idHash: 'a'.repeat(64), userId: ada.id, csrfToken: 'c', expiresAt: new Date(clock.now().getTime() + 60_000) })
      expect(await store.transaction((tx) => tx.repos.holder.deleteAccount(ada.id))).toBe(true)
      expect(await store.repos.accounts.userById(ada.id)).toBeUndefined()
      expect(await store.repos.holder.keyOf(ada.id)).toBeUndefined()
      expect(await store.repos.holder.notificationSettings(ada.id)).toEqual({ productNews: false })
      expect(await store.repos.access.sessionByHash('a'.repeat(64), clock.now())).toBeUndefined()
      expect((await store.repos.members.list(org.id)).map((m) => m.userId).sort()).toEqual([owner.id, other].sort())
      expect(await store.repos.holder.deleteAccount(ada.id)).toBe(false)
    })
  })
}
