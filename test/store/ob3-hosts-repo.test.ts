// The OB 3.0 client's store (migration 0023) on SQLite and, with TEST_DATABASE_URL, PostgreSQL: one
// registration per host (the first wins), a learner's hosts saved and replaced by id, found by the
// pending authorization's state hash for that learner only, removed, and erased with the account.
import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import type { Ob3HostRecord } from '../../src/app/ob3client/ports.js'
import { openStore, type Store } from '../../src/store/index.js'
import { openTestPostgresStore, TEST_DATABASE_URL } from './postgres-schema.js'
import { contractClock, seedUser, type OpenStore } from './repo-fixtures.js'

function describeOb3HostsRepo(name: string, open: OpenStore): void {
  describe(`${name}: OB 3.0 client hosts`, () => {
    it('keeps one registration per host, the learner’s hosts by id and pending state, and erases them with the account', async () => {
      const clock = contractClock()
      const store: Store = await open({ now: clock.now })
      try {
        const repo = store.repos.ob3Hosts
        const apiUrl = 'https://badges.example.org/ims/ob/v3p0'
        const at = clock.now().toISOString()
        await repo.insertClient({ apiUrl, clientId: 'first', clientSecretSealed: 'v1.a.b.c', createdAt: at })
        await repo.insertClient({ apiUrl, clientId: 'second', clientSecretSealed: 'v1.d.e.f', createdAt: at })
        expect(await repo.client(apiUrl)).toMatchObject({ clientId: 'first' })

        const ada = await seedUser(store)
        const ben = await seedUser(store, 'Ben')
        const host: Ob3HostRecord = {
          id: randomUUID(), userId: ada.id, apiUrl, name: 'badges.example.org', authorizationUrl: `${apiUrl}/oauth/auth`, tokenUrl: `${apiUrl}/oauth/token`, registrationUrl: `${apiUrl}/oauth/reg`,
          issuer: null, state: 'pending', pendingStateHash: 'h'.repeat(64), pendingVerifierSealed: 'v1.x.y.z', pendingExpiresAt: at, scopes: '', accessTokenSealed: null, refreshTokenSealed: null,
          accessExpiresAt: null, lastImport: null, lastError: null, createdAt: at, updatedAt: at, connectedAt: null,
        }
        await repo.save(host)
        expect(await repo.byPendingState(ada.id, 'h'.repeat(64))).toMatchObject({ id: host.id, state: 'pending' })
        expect(await repo.byPendingState(ben.id, 'h'.repeat(64))).toBeUndefined()
        await repo.save({ ...host, state: 'connected', pendingStateHash: null, accessTokenSealed: 'v1.t.o.k', connectedAt: at })
        expect(await repo.hosts(ada.id)).toEqual([expect.objectContaining({ id: host.id, state: 'connected', accessTokenSealed: 'v1.t.o.k', pendingStateHash: null })])
        expect(await repo.host(ben.id, host.id)).toBeUndefined()
        expect(await repo.remove(ben.id, host.id)).toBe(false)

        await store.repos.holder.deleteAccount(ada.id)
        expect(await repo.hosts(ada.id)).toEqual([])
        expect(await repo.client(apiUrl)).toBeDefined() // the instance's registration stays
        await repo.deleteClient(apiUrl)
        expect(await repo.client(apiUrl)).toBeUndefined()
      } finally {
        await store.close()
      }
    })
  })
}

describeOb3HostsRepo('sqlite', async ({ now }) => {
  const store = await openStore({ url: ':memory:', now })
  await store.migrate()
  return store
})
const pgUrl = TEST_DATABASE_URL
if (pgUrl) describeOb3HostsRepo('postgres', ({ now }) => openTestPostgresStore(pgUrl, { now }))
else describe.skip('postgres: OB 3.0 client hosts (set TEST_DATABASE_URL)', () => it('skipped', () => {}))
