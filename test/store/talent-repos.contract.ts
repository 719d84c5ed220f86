import { createHash, randomUUID } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { TalentQuery } from '../../src/app/talent/ports.js'
import { talentRowsOf } from '../../src/app/talent/skill-keys.js'
import type { Store } from '../../src/store/index.js'
import { contractClock, seedOrg, seedUser, type ContractClock, type OpenStore } from './repo-fixtures.js'

/** The contract of the talent repository: opt-ins, the skills index written by the wallet's insert, the search's filters, saved searches, views, messages, blocks. */
export function describeTalentRepo(name: string, open: OpenStore): void {
  describe(`${name}: talent repository`, () => {
    let store: Store
    let clock: ContractClock
    beforeEach(async () => {
      clock = contractClock()
      store = await open({ now: clock.now })
    })
    afterEach(async () => {
      await store.close()
    })

    const learner = async (handle: string, opts: { optIn?: boolean; country?: string } = {}) => {
      const user = await seedUser(store, `Learner ${handle}`)
      await store.repos.learnerProfiles.save({ userId: user.id, handle, displayName: `Learner ${handle}`, headline: '', bio: '', public: true, openToEmployers: false }, clock.now())
      if (opts.optIn ?? true) await store.repos.talent.saveOptin({ userId: user.id, location: 'Lyon', country: opts.country ?? 'FR', optedInAt: clock.now().toISOString() })
      return user.id
    }
    const credential = async (userId: string, skills: { label: string; uri?: string }[], extra: { issuedAt?: string; document?: string; public?: boolean } = {}) => {
      const id = `w_${randomUUID()}`
      const document = extra.document ?? JSON.stringify({ id })
      await store.repos.walletItems.insert({ id, userId, digest: createHash('sha256').update(document).digest('hex'), credentialId: null, issuedCredentialId: null, source: 'import', format: 'vc-json', document, verified: true, report: '{}', checkedAt: clock.now().toISOString(), name: 'C', description: '', imageUrl: null, issuerId: 'did:web:u.example', issuerName: 'U', issuedAt: extra.issuedAt ?? clock.now().toISOString(), expiresAt: null, skills, addedAt: clock.now().toISOString(), public: extra.public ?? true })
      return id
    }
    const query = (orgId: string, requirements: string[][], extra: Partial<TalentQuery> = {}): TalentQuery => ({ orgId, requirements, min: requirements.length, now: clock.now().toISOString(), limit: 20, offset: 0, ...extra })

    it('indexes a new wallet credential under its URI and label, and forgets it with the credential', async () => {
      const owner = await seedUser(store)
      const org = await seedOrg(store, owner.id)
      await store.repos.talent.setOrgKind(org.id, 'employer')
      expect(await store.repos.talent.orgKind(org.id)).toBe('employer')
      const a = await learner('ada')
      const item = await credential(a, [{ label: 'Python', uri: 'urn:x:python' }], { document: '{"a":"http://data.europa.eu/snb/eqf/6"}' })
      expect((await store.repos.talent.search(query(org.id, [['uri:urn:x:python']]))).learners.map((l) => l.handle)).toEqual(['ada'])
      expect((await store.repos.talent.search(query(org.id, [['label:python']]))).total).toBe(1)
      expect((await store.repos.talent.search(query(org.id, [['uri:urn:x:python']], { eqfMin: 7 }))).total).toBe(0)
      expect((await store.repos.talent.proofs(query(org.id, [['uri:urn:x:python']]), [a])).map((p) => p.itemId)).toEqual([item])
      await store.repos.walletItems.delete(a, item)
      expect((await store.repos.talent.search(query(org.id, [['uri:urn:x:python']]))).total).toBe(0)
    })

    it('counts requirements, pages, filters by country and recency, and honours opt-out and blocks', async () => {
      const owner = await seedUser(store)
      const org = await seedOrg(store, owner.id)
      const ids: string[] = []
      for (let i = 0; i < 25; i++) {
        const id = await learner(`l-${i}`, { country: i % 2 ? 'DE' : 'FR', optIn: i !== 24 })
        await credential(id, [{ label: 'SQL' }, ...(i < 5 ? [{ label: 'R' }] : [])], { issuedAt: i < 3 ? '2020-01-01T00:00:00.000Z' : clock.now().toISOString() })
        ids.push(id)
      }
      const both = [['label:sql'], ['label:r']]
      expect((await store.repos.talent.search(query(org.id, both))).total).toBe(5)
      const atLeast = await store.repos.talent.search(query(org.id, both, { min: 1 }))
      expect(atLeast.total).toBe(24)
      expect(atLeast.learners).toHaveLength(20)
      expect(atLeast.learners.slice(0, 5).every((l) => l.matched === 2)).toBe(true)
      const last = await store.repos.talent.search(query(org.id, both, { min: 1, offset: 20 }))
      expect(last.learners).toHaveLength(4)
      expect((await store.repos.talent.search(query(org.id, both, { min: 1, offset: 40 }))).total).toBe(24)
      expect((await store.repos.talent.search(query(org.id, [['label:sql']], { country: 'DE' }))).total).toBe(12)
      expect((await store.repos.talent.search(query(org.id, [['label:sql']], { issuedSince: '2025-01-01T00:00:00.000Z' }))).total).toBe(21)
      await store.repos.talent.block(ids[0]!, org.id, clock.now().toISOString())
      await store.repos.talent.withdraw(ids[1]!)
      expect((await store.repos.talent.search(query(org.id, both))).total).toBe(3)
      expect(await store.repos.talent.isBlocked(ids[0]!, org.id)).toBe(true)
      expect(await store.repos.talent.findable(org.id, 'l-0')).toBeUndefined()
      expect(await store.repos.talent.findable(org.id, 'l-2')).toMatchObject({ handle: 'l-2' })
    })

    it('re-indexes a learner, keeps the skill hierarchy, saved searches, views, messages and blocks per organization', async () => {
      const owner = await seedUser(store)
      const org = await seedOrg(store, owner.id)
      const other = await seedOrg(store, owner.id, { slug: 'other-org' })
      const a = await learner('kim')
      await store.repos.talent.reindexUser(a, talentRowsOf({ id: await credential(a, []), userId: a, skills: [{ label: 'Knitting' }], issuerId: null, issuerName: 'X', issuedAt: null, document: '{}' }))
      expect((await store.repos.talent.search(query(org.id, [['label:knitting']]))).total).toBe(1)
      await store.repos.occupations.upsertSkillBroader([{ childId: 'urn:n', broaderId: 'urn:b' }, { childId: 'urn:n', broaderId: 'urn:b' }])
      expect(await store.repos.talent.narrowerClosure(['urn:b'], 1, 10)).toEqual(['urn:n'])
      await store.repos.talent.saveSearch({ id: 's1', orgId: org.id, name: 'S', query: '{}', createdBy: owner.id, createdAt: clock.now().toISOString() })
      expect(await store.repos.talent.savedSearches(other.id)).toEqual([])
      expect(await store.repos.talent.savedSearch(other.id, 's1')).toBeUndefined()
      expect(await store.repos.talent.deleteSearch(other.id, 's1')).toBe(false)
      expect(await store.repos.talent.deleteSearch(org.id, 's1')).toBe(true)
      await store.repos.talent.recordView(a, org.id, clock.now().toISOString())
      expect(await store.repos.talent.views(a, 10)).toEqual([expect.objectContaining({ orgSlug: org.slug })])
      await store.repos.talent.addMessage({ id: 'm1', orgId: org.id, userId: a, sender: 'employer', senderUserId: owner.id, body: 'Hi', createdAt: clock.now().toISOString() })
      expect(await store.repos.talent.thread(other.id, a)).toEqual([])
      expect(await store.repos.talent.thread(org.id, a)).toHaveLength(1)
      await store.repos.talent.markRead(a, clock.now().toISOString())
      expect((await store.repos.talent.messagesOf(a, 10))[0]!.readAt).not.toBeNull()
      await store.repos.talent.block(a, org.id, clock.now().toISOString())
      await store.repos.talent.block(a, org.id, clock.now().toISOString())
      expect(await store.repos.talent.blocked(a)).toEqual([expect.objectContaining({ orgSlug: org.slug })])
      await store.repos.talent.unblock(a, org.id)
      expect(await store.repos.talent.blocked(a)).toEqual([])
    })
  })
}
