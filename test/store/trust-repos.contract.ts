import { randomUUID } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Store } from '../../src/store/index.js'
import { contractClock, seedOrg, seedUser, type ContractClock, type OpenStore } from './repo-fixtures.js'

/** The contract of the trust and endorsement repositories (migration 0012), the same on both dialects. */
export function describeTrustRepos(name: string, open: OpenStore): void {
  describe(`${name}: trust and endorsement repositories`, () => {
    let store: Store
    let clock: ContractClock
    beforeEach(async () => {
      clock = contractClock()
      store = await open({ now: clock.now })
    })
    afterEach(async () => {
      await store.close()
    })

    it('keeps issuers added by hand apart from a registry’s entries, which a refresh replaces and removal takes along', async () => {
      const { trust } = store.repos
      const at = clock.now().toISOString()
      await trust.addManual({ id: 'm1', issuerId: 'did:web:a.example', name: 'A', note: 'checked', createdAt: at })
      await trust.addRegistry({ id: 'r1', name: 'Registry One', url: 'https://registry.example/r.json', format: 'dcc', createdAt: at })
      expect(await trust.registry('r1')).toMatchObject({ name: 'Registry One', refreshedAt: null, lastError: null, issuerCount: 0 })
      await store.transaction((tx) => tx.repos.trust.replaceEntries('r1', [{ id: 'e1', issuerId: 'did:web:a.example', name: 'A (registry)' }, { id: 'e2', issuerId: 'did:key:z6Mkb', name: 'B' }], at))
      expect(await trust.registryByUrl('https://registry.example/r.json')).toMatchObject({ id: 'r1', refreshedAt: at, issuerCount: 2 })
      expect((await trust.issuersWithId('did:web:a.example')).map((i) => [i.source, i.registryName])).toEqual([['manual', null], ['registry', 'Registry One']])
      expect((await trust.listIssuers({ source: 'manual', limit: 10 })).map((i) => i.id)).toEqual(['m1'])
      expect((await trust.listIssuers({ registryId: 'r1', limit: 10 })).map((i) => i.issuerId).sort()).toEqual(['did:key:z6Mkb', 'did:web:a.example'])

      await trust.recordError('r1', 'answered HTTP 500', '2026-03-02T00:00:00.000Z')
      expect(await trust.registry('r1')).toMatchObject({ lastError: 'answered HTTP 500', lastErrorAt: '2026-03-02T00:00:00.000Z', refreshedAt: at, issuerCount: 2 })
      await trust.replaceEntries('r1', [{ id: 'e3', issuerId: 'did:key:z6Mkc', name: 'C' }], '2026-03-03T00:00:00.000Z')
      expect(await trust.registry('r1')).toMatchObject({ lastError: null, lastErrorAt: null, issuerCount: 1 })
      expect(await trust.issuersWithId('did:key:z6Mkb')).toEqual([])

      expect(await trust.removeManual('e3')).toBe(false) // a registry's entry goes only with its registry
      expect(await trust.removeRegistry('r1')).toBe(true)
      expect(await trust.issuersWithId('did:key:z6Mkc')).toEqual([])
      expect(await trust.removeManual('m1')).toBe(true)
      expect(await trust.registries()).toEqual([])
    })

    it('stores endorsements between organizations, lists them given and received, withdraws only the endorser’s active one', async () => {
      const owner = await seedUser(store)
      const a = await seedOrg(store, owner.id, { name: 'Endorser' })
      const b = await seedOrg(store, owner.id, { name: 'Endorsed' })
      const id = randomUUID()
      const row = { id, orgId: a.id, subjectKind: 'organization' as const, subjectId: 'did:web:x:orgs:b', subjectOrgId: b.id, comment: 'Good', document: '{}', createdAt: clock.now().toISOString() }
      await store.repos.endorsements.insert(row)
      expect(await store.repos.endorsements.get(id)).toMatchObject({ org: { id: a.id, name: 'Endorser' }, subjectOrg: { id: b.id, name: 'Endorsed' }, state: 'active', withdrawnAt: null })
      expect((await store.repos.endorsements.list(a.id, 'given', { limit: 10 })).map((e) => e.id)).toEqual([id])
      expect((await store.repos.endorsements.list(b.id, 'received', { limit: 10 })).map((e) => e.id)).toEqual([id])
      expect(await store.repos.endorsements.list(b.id, 'given', { limit: 10 })).toEqual([])
      expect((await store.repos.endorsements.activeFor(['did:web:x:orgs:b', 'other'], 10)).map((e) => e.id)).toEqual([id])
      expect((await store.repos.endorsements.activeBy(a.id, 'did:web:x:orgs:b'))?.id).toBe(id)
      expect(await store.repos.endorsements.withdraw(id, b.id, clock.now().toISOString())).toBe(false)
      expect(await store.repos.endorsements.withdraw(id, a.id, clock.now().toISOString())).toBe(true)
      expect(await store.repos.endorsements.withdraw(id, a.id, clock.now().toISOString())).toBe(false)
      expect(await store.repos.endorsements.activeFor(['did:web:x:orgs:b'], 10)).toEqual([])
      expect((await store.repos.endorsements.list(a.id, 'given', { limit: 10, state: 'withdrawn' })).map((e) => e.id)).toEqual([id])
      // An organization cannot endorse itself: a constraint, not only a check in the use case.
      await expect(store.repos.endorsements.insert({ ...row, id: randomUUID(), subjectOrgId: a.id })).rejects.toThrow()
    })
  })
}
