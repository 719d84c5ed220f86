import { createHash, randomUUID } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { NewWalletItem } from '../../src/app/wallet/ports.js'
import type { Store } from '../../src/store/index.js'
import { contractClock, insertIssued, newIssued, seedAchievement, seedLists, seedOrg, seedUser, type ContractClock, type OpenStore } from './repo-fixtures.js'

const sha = (text: string) => createHash('sha256').update(text).digest('hex')

function newItem(userId: string, clock: ContractClock, overrides: Partial<NewWalletItem> = {}): NewWalletItem {
  const document = overrides.document ?? JSON.stringify({ id: `urn:uuid:${randomUUID()}` })
  return {
    id: `w_${randomUUID().slice(0, 16)}`,
    userId,
    digest: sha(document),
    credentialId: null,
    issuedCredentialId: null,
    source: 'import',
    format: 'vc-json',
    document,
    verified: true,
    report: '{"verified":true,"checks":[]}',
    checkedAt: clock.now().toISOString(),
    name: 'Data Stewardship',
    description: 'Cares for data',
    imageUrl: 'https://badges.example.edu/i.png',
    issuerId: 'did:web:badges.example.edu',
    issuerName: 'Example University',
    issuedAt: '2026-01-01T00:00:00Z',
    expiresAt: null,
    skills: [{ label: 'Data governance', framework: 'ESCO', uri: 'http://data.europa.eu/esco/skill/x' }],
    addedAt: clock.now().toISOString(),
    ...overrides,
  }
}

/** The contract of the wallet's repositories (0009): wallet items, collections, account addresses. */
export function describeWalletRepos(name: string, open: OpenStore): void {
  describe(`${name}: wallet repositories`, () => {
    let store: Store
    let clock: ContractClock
    beforeEach(async () => {
      clock = contractClock()
      store = await open({ now: clock.now })
    })
    afterEach(async () => {
      await store.close()
    })

    describe('account emails', () => {
      it('makes the sign-up address the first one, confirmed with the account', async () => {
        const user = await seedUser(store)
        expect(await store.repos.accountEmails.list(user.id)).toEqual([{ userId: user.id, email: user.email, verifiedAt: null, createdAt: clock.now().toISOString() }])
        await store.repos.accounts.markEmailVerified(user.id, clock.now())
        expect(await store.repos.accountEmails.confirmed(user.id)).toEqual([user.email])
      })

      it('adds an address once across accounts, confirms and removes it', async () => {
        const user = await seedUser(store)
        const other = await seedUser(store)
        clock.advance()
        expect(await store.repos.accountEmails.add(user.id, 'second@example.org', clock.now().toISOString())).toBe('added')
        expect(await store.repos.accountEmails.add(other.id, 'second@example.org', clock.now().toISOString())).toBe('taken')
        expect(await store.repos.accountEmails.add(other.id, user.email, clock.now().toISOString())).toBe('taken')
        expect(await store.repos.accounts.createUser({ id: randomUUID(), email: 'second@example.org', name: 'X', passwordHash: 'x' })).toBe('exists')
        expect(await store.repos.accountEmails.confirmed(user.id)).toEqual([])
        expect(await store.repos.accountEmails.markVerified(other.id, 'second@example.org', clock.now().toISOString())).toBe(false)
        expect(await store.repos.accountEmails.markVerified(user.id, 'second@example.org', clock.now().toISOString())).toBe(true)
        expect(await store.repos.accountEmails.confirmed(user.id)).toEqual(['second@example.org'])
        expect((await store.repos.accountEmails.byEmail('second@example.org'))?.userId).toBe(user.id)
        expect(await store.repos.accountEmails.remove(other.id, 'second@example.org')).toBe(false)
        expect(await store.repos.accountEmails.remove(user.id, 'second@example.org')).toBe(true)
        expect((await store.repos.accountEmails.list(user.id)).map((e) => e.email)).toEqual([user.email])
      })

      it('remembers which address a verify-email token confirms, and the reminder setting', async () => {
        const user = await seedUser(store)
        await store.repos.accountEmails.add(user.id, 'alt@example.org', clock.now().toISOString())
        await store.repos.accountEmails.createVerifyToken({ tokenHash: sha('t1'), userId: user.id, email: 'alt@example.org', expiresAt: new Date(clock.now().getTime() + 60_000) })
        expect(await store.repos.accountEmails.tokenEmail(sha('t1'))).toBe('alt@example.org')
        expect(await store.repos.accounts.useToken(sha('t1'), 'verify-email', clock.now())).toBe(user.id)
        expect(await store.repos.accountEmails.tokenEmail(sha('nope'))).toBeUndefined()
        expect(await store.repos.accountEmails.expiryReminders(user.id)).toBe(true)
        await store.repos.accountEmails.setExpiryReminders(user.id, false)
        expect(await store.repos.accountEmails.expiryReminders(user.id)).toBe(false)
      })
    })

    describe('wallet items', () => {
      it('keeps a document once per user and reads it back only for its owner', async () => {
        const user = await seedUser(store)
        const other = await seedUser(store)
        const item = newItem(user.id, clock)
        expect(await store.repos.walletItems.insert(item)).toBe('inserted')
        expect(await store.repos.walletItems.insert({ ...item, id: 'w_again' })).toBe('duplicate')
        expect(await store.repos.walletItems.insert({ ...item, id: 'w_other', userId: other.id })).toBe('inserted')
        const kept = await store.repos.walletItems.get(user.id, item.id)
        expect(kept).toEqual({ ...item, hidden: false, public: false, showName: true })
        expect(await store.repos.walletItems.get(other.id, item.id)).toBeUndefined()
        expect((await store.repos.walletItems.byDigest(user.id, item.digest))?.id).toBe(item.id)
      })

      it('lists newest first, patches flags, stores reports and deletes', async () => {
        const user = await seedUser(store)
        const other = await seedUser(store)
        const a = newItem(user.id, clock, { name: 'A' })
        clock.advance()
        const b = newItem(user.id, clock, { name: 'B' })
        await store.repos.walletItems.insert(a)
        await store.repos.walletItems.insert(b)
        expect((await store.repos.walletItems.list(user.id)).map((i) => i.name)).toEqual(['B', 'A'])
        expect(await store.repos.walletItems.update(other.id, a.id, { hidden: true })).toBe(false)
        expect(await store.repos.walletItems.update(user.id, a.id, { hidden: true, public: true, showName: false })).toBe(true)
        expect(await store.repos.walletItems.get(user.id, a.id)).toMatchObject({ hidden: true, public: true, showName: false })
        await store.repos.walletItems.update(user.id, b.id, { public: true })
        expect((await store.repos.walletItems.listPublic(user.id)).map((i) => i.id)).toEqual([b.id])
        await store.repos.walletItems.setReport(user.id, a.id, { verified: false, report: '{"verified":false,"checks":[]}', checkedAt: '2026-03-02T00:00:00.000Z' })
        expect(await store.repos.walletItems.get(user.id, a.id)).toMatchObject({ verified: false, checkedAt: '2026-03-02T00:00:00.000Z' })
        expect(await store.repos.walletItems.delete(other.id, a.id)).toBe(false)
        expect(await store.repos.walletItems.delete(user.id, a.id)).toBe(true)
        expect((await store.repos.walletItems.list(user.id)).map((i) => i.name)).toEqual(['B'])
      })

      it('finds claimable issued credentials by address, claims once, declines once', async () => {
        const owner = await seedUser(store)
        const org = await seedOrg(store, owner.id)
        const achievementId = await seedAchievement(store, org.id)
        const lists = await seedLists(store, org.id)
        const first = newIssued({ orgId: org.id, achievementId, lists, index: 1 })
        const second = newIssued({ orgId: org.id, achievementId, lists, index: 2 })
        const elsewhere = newIssued({ orgId: org.id, achievementId, lists, index: 3 })
        await insertIssued(store, [first, second, elsewhere])
        const found = await store.repos.walletItems.claimable(['learner1@example.org', 'learner2@example.org'])
        expect(found.map((c) => c.credentialId).sort()).toEqual([first.credentialId, second.credentialId].sort())
        expect(found.find((c) => c.credentialId === first.credentialId)).toMatchObject({ recipientEmail: 'learner1@example.org', stored: first.stored, state: 'active' })
        expect(await store.repos.walletItems.markClaimed(first.credentialId, { showName: false, at: clock.now().toISOString() })).toBe(true)
        expect(await store.repos.walletItems.markClaimed(first.credentialId, { showName: true, at: clock.now().toISOString() })).toBe(false)
        expect(await store.repos.walletItems.declineByClaimTokenHash(second.claimTokenHash!, clock.now().toISOString())).toBe(true)
        expect(await store.repos.walletItems.declineByClaimTokenHash(second.claimTokenHash!, clock.now().toISOString())).toBe(false)
        expect(await store.repos.walletItems.markClaimed(second.credentialId, { showName: true, at: clock.now().toISOString() })).toBe(false)
        expect(await store.repos.walletItems.claimable(['learner1@example.org', 'learner2@example.org'])).toEqual([])
        expect((await store.repos.credentialViews.byId(first.credentialId))?.showName).toBe(false)
        await store.repos.walletItems.setIssuedShowName(first.credentialId, true)
        expect((await store.repos.credentialViews.byId(first.credentialId))?.showName).toBe(true)
      })

      it('finds expiry reminders due once per threshold, for accounts that want them', async () => {
        const user = await seedUser(store)
        const quiet = await seedUser(store)
        const day = 86_400_000
        const soon = newItem(user.id, clock, { name: 'Soon', expiresAt: new Date(clock.now().getTime() + 5 * day).toISOString() })
        const later = newItem(user.id, clock, { name: 'Later', expiresAt: new Date(clock.now().getTime() + 20 * day).toISOString() })
        const past = newItem(user.id, clock, { name: 'Past', expiresAt: new Date(clock.now().getTime() - day).toISOString() })
        const never = newItem(user.id, clock, { name: 'Never' })
        const theirs = newItem(quiet.id, clock, { name: 'Quiet', expiresAt: soon.expiresAt })
        for (const i of [soon, later, past, never, theirs]) await store.repos.walletItems.insert(i)
        await store.repos.accountEmails.setExpiryReminders(quiet.id, false)
        expect((await store.repos.walletItems.dueReminders(30, clock.now(), 10)).map((r) => r.name)).toEqual(['Soon', 'Later'])
        expect((await store.repos.walletItems.dueReminders(7, clock.now(), 10))).toEqual([
          { itemId: soon.id, userId: user.id, email: user.email, userName: user.name, name: 'Soon', issuerName: 'Example University', expiresAt: soon.expiresAt },
        ])
        expect(await store.repos.walletItems.markReminded(soon.id, 7, clock.now().toISOString())).toBe(true)
        expect(await store.repos.walletItems.markReminded(soon.id, 7, clock.now().toISOString())).toBe(false)
        expect(await store.repos.walletItems.dueReminders(7, clock.now(), 10)).toEqual([])
        expect((await store.repos.walletItems.dueReminders(30, clock.now(), 10)).map((r) => r.name)).toEqual(['Soon', 'Later'])
      })
    })

    describe('wallet collections', () => {
      it('creates in order, adds the owner’s items only, moves and reorders them', async () => {
        const user = await seedUser(store)
        const other = await seedUser(store)
        const items = [newItem(user.id, clock, { name: 'A' }), newItem(user.id, clock, { name: 'B' }), newItem(user.id, clock, { name: 'C' })]
        for (const i of items) await store.repos.walletItems.insert(i)
        const theirs = newItem(other.id, clock)
        await store.repos.walletItems.insert(theirs)
        const [a, b, c] = items.map((i) => i.id) as [string, string, string]
        await store.repos.walletCollections.create({ id: 'c1', userId: user.id, name: 'Data', description: '', createdAt: clock.now().toISOString() })
        await store.repos.walletCollections.create({ id: 'c2', userId: user.id, name: 'Teaching', description: 'd', createdAt: clock.now().toISOString() })
        expect((await store.repos.walletCollections.list(user.id)).map((x) => [x.id, x.position])).toEqual([['c1', 0], ['c2', 1]])
        expect(await store.repos.walletCollections.list(other.id)).toEqual([])
        for (const id of [a, b, c]) expect(await store.repos.walletCollections.addItem(user.id, 'c1', id)).toBe('added')
        expect(await store.repos.walletCollections.addItem(user.id, 'c1', a)).toBe('exists')
        expect(await store.repos.walletCollections.addItem(user.id, 'c1', theirs.id)).toBe('missing')
        expect(await store.repos.walletCollections.addItem(other.id, 'c1', theirs.id)).toBe('missing')
        expect((await store.repos.walletCollections.get(user.id, 'c1'))?.itemIds).toEqual([a, b, c])
        expect(await store.repos.walletCollections.moveItem(user.id, 'c1', c, 'up')).toBe(true)
        expect(await store.repos.walletCollections.moveItem(user.id, 'c1', a, 'up')).toBe(false)
        expect((await store.repos.walletCollections.get(user.id, 'c1'))?.itemIds).toEqual([a, c, b])
        expect(await store.repos.walletCollections.reorder(user.id, 'c1', [b, a])).toBe(false)
        expect(await store.repos.walletCollections.reorder(user.id, 'c1', [b, a, c])).toBe(true)
        expect((await store.repos.walletCollections.get(user.id, 'c1'))?.itemIds).toEqual([b, a, c])
        expect(await store.repos.walletCollections.removeItem(user.id, 'c1', a)).toBe(true)
        await store.repos.walletItems.delete(user.id, c)
        expect((await store.repos.walletCollections.get(user.id, 'c1'))?.itemIds).toEqual([b])
        expect(await store.repos.walletCollections.moveCollection(user.id, 'c2', 'up')).toBe(true)
        expect((await store.repos.walletCollections.list(user.id)).map((x) => x.id)).toEqual(['c2', 'c1'])
        expect(await store.repos.walletCollections.update(other.id, 'c1', { name: 'X' })).toBe(false)
        expect(await store.repos.walletCollections.update(user.id, 'c1', { name: 'Data skills' })).toBe(true)
        expect((await store.repos.walletCollections.get(user.id, 'c1'))?.name).toBe('Data skills')
        expect(await store.repos.walletCollections.get(other.id, 'c1')).toBeUndefined()
        expect(await store.repos.walletCollections.delete(other.id, 'c1')).toBe(false)
        expect(await store.repos.walletCollections.delete(user.id, 'c1')).toBe(true)
        expect((await store.repos.walletCollections.list(user.id)).map((x) => x.id)).toEqual(['c2'])
      })
    })

    describe('imported badge images (0015)', () => {
      it("keeps a learner's imported image once per learner, public by id, but never as an organization's image", async () => {
        const user = await seedUser(store)
        const other = await seedUser(store)
        const bytes = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"/>')
        const id = createHash('sha256').update(bytes).digest('hex')
        const image = { id, mediaType: 'image/svg+xml' as const, bytes, width: 64, height: 64, createdAt: clock.now().toISOString() }
        await store.repos.images.putImported({ ...image, userId: user.id })
        await store.repos.images.putImported({ ...image, userId: user.id })
        await store.repos.images.putImported({ ...image, userId: other.id })
        expect(await store.repos.images.get(id)).toEqual({ ...image, orgId: '' })
        expect(await store.repos.images.mediaType(id)).toBeUndefined()
        expect(await store.repos.images.get('0'.repeat(64))).toBeUndefined()
      })
    })
  })
}
