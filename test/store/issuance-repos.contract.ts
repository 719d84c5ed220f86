import { randomUUID } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Store } from '../../src/store/index.js'
import {
  contractClock,
  fileDigest,
  insertIssued,
  newIssued,
  seedAchievement,
  seedLists,
  seedOrg,
  seedUser,
  type ContractClock,
  type OpenStore,
} from './repo-fixtures.js'

const code = (c: string) => expect.objectContaining({ code: c })
/** The shortest list the schema allows (Bitstring Status List's minimum). */
const L = 131_072
/** A list's bitmap whose first bytes are `head`. */
const bitmap = (...head: number[]) => {
  const bytes = new Uint8Array(L / 8)
  bytes.set(head)
  return bytes
}

/** The contract of issuance's repositories (status lists, issued credentials, batches, idempotency) on every backend. */
export function describeIssuanceRepos(name: string, open: OpenStore): void {
  describe(`${name}: issuance repositories`, () => {
    let store: Store
    let clock: ContractClock
    let orgId: string
    let otherOrgId: string
    let achievementId: string
    let userId: string
    beforeEach(async () => {
      clock = contractClock()
      store = await open({ now: clock.now })
      userId = (await seedUser(store)).id
      orgId = (await seedOrg(store, userId)).id
      otherOrgId = (await seedOrg(store, userId)).id
      achievementId = await seedAchievement(store, orgId)
    })
    afterEach(async () => {
      await store.close()
    })

    describe('statusLists', () => {
      it('creates a list number once per organization and purpose, and reports the highest number', async () => {
        expect(await store.repos.statusLists.lastSeq(orgId, 'revocation')).toBe(-1)
        await seedLists(store, orgId, 0)
        expect(await store.repos.statusLists.create({ id: randomUUID(), orgId, purpose: 'revocation', seq: 0, length: L })).toBe(false)
        expect(await store.repos.statusLists.create({ id: randomUUID(), orgId, purpose: 'revocation', seq: 1, length: L })).toBe(true)
        expect(await store.repos.statusLists.create({ id: randomUUID(), orgId: otherOrgId, purpose: 'revocation', seq: 0, length: L })).toBe(true)
        expect(await store.repos.statusLists.lastSeq(orgId, 'revocation')).toBe(1)
        expect(await store.repos.statusLists.lastSeq(orgId, 'suspension')).toBe(0)
      })

      it('keeps the transaction usable after losing the race to create a list', async () => {
        await seedLists(store, orgId, 0)
        const seq = await store.transaction(async (tx) => {
          expect(await tx.repos.statusLists.create({ id: randomUUID(), orgId, purpose: 'revocation', seq: 0, length: L })).toBe(false)
          return tx.repos.statusLists.lastSeq(orgId, 'revocation')
        })
        expect(seq).toBe(0)
      })

      it('lists the lists with room fullest first, writes slots and leaves full lists out', async () => {
        const a = await seedLists(store, orgId, 0)
        const b = await seedLists(store, orgId, 1)
        await store.repos.statusLists.writeSlots(b.revocation, bitmap(0xff), 8)
        await store.repos.statusLists.writeSlots(a.revocation, bitmap(0xc0), 2)
        const room = await store.repos.statusLists.withRoom(orgId, 'revocation', { forUpdate: false })
        expect(room.map((l) => [l.id, l.allocated])).toEqual([
          [b.revocation, 8],
          [a.revocation, 2],
        ])
        expect(Array.from(room[0]!.slots.slice(0, 2))).toEqual([0xff, 0x00])
        await store.repos.statusLists.writeSlots(b.revocation, new Uint8Array(L / 8).fill(0xff), L)
        expect((await store.repos.statusLists.withRoom(orgId, 'revocation', { forUpdate: false })).map((l) => l.id)).toEqual([a.revocation])
        expect(await store.repos.statusLists.withRoom(otherOrgId, 'revocation', { forUpdate: false })).toEqual([])
      })

      it('reads slots in the order asked, leaving unknown lists out, and (PostgreSQL) locks every list of an organization first', async () => {
        const a = await seedLists(store, orgId, 0)
        const slots = await store.transaction(async (tx) => {
          if (store.dialect === 'postgres') await tx.repos.statusLists.lockAll(orgId)
          return tx.repos.statusLists.slotsOf([a.suspension, randomUUID(), a.revocation], { forUpdate: store.dialect === 'postgres' })
        })
        expect(slots.map((s) => [s.id, s.length, s.allocated])).toEqual([
          [a.suspension, L, 0],
          [a.revocation, L, 0],
        ])
        expect(await store.repos.statusLists.slotsOf([], { forUpdate: false })).toEqual([])
      })

      it('reads a list, writes its bits and version, and stores a signed credential only for a newer version', async () => {
        const { revocation } = await seedLists(store, orgId, 0)
        expect(await store.repos.statusLists.get(revocation)).toMatchObject({ orgId, purpose: 'revocation', length: L, version: 0, signedVersion: -1, credential: null })
        await store.repos.statusLists.writeBits(revocation, bitmap(0x80, 0x01), 1)
        const list = await store.transaction((tx) => tx.repos.statusLists.get(revocation, { forUpdate: store.dialect === 'postgres' }))
        expect(Array.from(list!.bits.slice(0, 3))).toEqual([0x80, 0x01, 0])
        expect(list!.version).toBe(1)
        await store.repos.statusLists.storeSigned(revocation, 2, '{"v":2}')
        await store.repos.statusLists.storeSigned(revocation, 1, '{"v":1}')
        await store.repos.statusLists.storeSigned(revocation, 2, '{"v":"2 again"}')
        expect(await store.repos.statusLists.get(revocation)).toMatchObject({ signedVersion: 2, credential: '{"v":2}' })
        expect(await store.repos.statusLists.get(randomUUID())).toBeUndefined()
      })

      it('tells a list\'s version with the organization that publishes it (what a verifier keeps a list by)', async () => {
        const { revocation } = await seedLists(store, orgId, 0)
        await store.repos.statusLists.writeBits(revocation, bitmap(0x80), 3)
        const org = await store.db.selectFrom('organizations').select(['id', 'slug']).where('id', '=', orgId).executeTakeFirstOrThrow()
        expect(await store.repos.statusLists.versionWithOrg(revocation)).toEqual({ version: 3, org: { id: org.id, slug: org.slug } })
        expect(await store.repos.statusLists.versionWithOrg(randomUUID())).toBeUndefined()
      })
    })

    describe('issuedCredentials', () => {
      it('returns a stored record with the stored credential and the achievement name, only to its organization', async () => {
        const lists = await seedLists(store, orgId)
        const row = newIssued({ orgId, achievementId, lists, index: 7 }, { showName: false })
        await insertIssued(store, [row])
        expect(await store.repos.issuedCredentials.get(orgId, row.credentialId)).toMatchObject({
          credentialId: row.credentialId,
          achievementName: 'Data Stewardship',
          recipientEmail: 'learner7@example.org',
          showName: false,
          state: 'active',
          stateReason: null,
          revocation: { listId: lists.revocation, index: 7 },
          suspension: { listId: lists.suspension, index: 7 },
          claimedAt: null,
          stored: row.stored,
        })
        expect(await store.repos.issuedCredentials.get(otherOrgId, row.credentialId)).toBeUndefined()
        expect(await store.repos.issuedCredentials.get(orgId, `urn:uuid:${randomUUID()}`)).toBeUndefined()
      })

      it('refuses two credentials on one status entry, and a record without its stored credential', async () => {
        const lists = await seedLists(store, orgId)
        await insertIssued(store, [newIssued({ orgId, achievementId, lists, index: 1 })])
        await expect(insertIssued(store, [newIssued({ orgId, achievementId, lists, index: 1 })])).rejects.toThrow()
        await expect(store.transaction((tx) => tx.repos.issuedCredentials.insert([newIssued({ orgId, achievementId, lists, index: 2 })]))).rejects.toThrow()
      })

      it('searches newest first with text, state, achievement, batch and date filters and pages after a cursor', async () => {
        const lists = await seedLists(store, orgId)
        const other = await seedAchievement(store, orgId, 'First Aid')
        const rows = [
          newIssued({ orgId, achievementId, lists, index: 1 }, { recipientName: 'Ada Lovelace', issuedAt: '2026-03-01T09:00:00.000Z' }),
          newIssued({ orgId, achievementId: other, lists, index: 2 }, { recipientName: 'Grace Hopper', issuedAt: '2026-03-02T09:00:00.000Z' }),
          newIssued({ orgId, achievementId, lists, index: 3 }, { recipientName: 'Alan Turing', recipientEmail: 'a_100%@example.org', issuedAt: '2026-03-03T09:00:00.000Z' }),
        ]
        await insertIssued(store, rows)
        await store.repos.issuedCredentials.setState(rows[0]!.credentialId, { state: 'revoked', reason: 'error', at: '2026-03-04T09:00:00.000Z' })
        const search = (query: Partial<Parameters<Store['repos']['issuedCredentials']['search']>[1]>) =>
          store.repos.issuedCredentials.search(orgId, { limit: 10, ...query }).then((r) => r.map((x) => x.recipientName))
        expect(await search({})).toEqual(['Alan Turing', 'Grace Hopper', 'Ada Lovelace'])
        expect(await search({ text: 'GRACE' })).toEqual(['Grace Hopper'])
        expect(await search({ text: '_100%' })).toEqual(['Alan Turing'])
        expect(await search({ text: '%' })).toEqual(['Alan Turing'])
        expect(await search({ state: 'revoked' })).toEqual(['Ada Lovelace'])
        expect(await search({ achievementId: other })).toEqual(['Grace Hopper'])
        expect(await search({ issuedFrom: '2026-03-02T00:00:00.000Z', issuedTo: '2026-03-02T23:59:59.999Z' })).toEqual(['Grace Hopper'])
        const [first] = await store.repos.issuedCredentials.search(orgId, { limit: 1 })
        expect(await search({ after: { issuedAt: first!.issuedAt, credentialId: first!.credentialId } })).toEqual(['Grace Hopper', 'Ada Lovelace'])
        expect(await store.repos.issuedCredentials.search(otherOrgId, { limit: 10 })).toEqual([])
        const revoked = await store.repos.issuedCredentials.get(orgId, rows[0]!.credentialId)
        expect(revoked).toMatchObject({ state: 'revoked', stateReason: 'error', stateChangedAt: '2026-03-04T09:00:00.000Z' })
      })

      it('tells which rows of a batch and which e-mails it already issued', async () => {
        const lists = await seedLists(store, orgId)
        const { batch } = await store.repos.batches.create({ id: randomUUID(), orgId, achievementId, fileDigest: fileDigest('a'), fileName: 'a.csv', totalRows: 5, createdBy: userId })
        await insertIssued(store, [
          newIssued({ orgId, achievementId, lists, index: 1 }, { batchId: batch.id, batchRow: 2 }),
          newIssued({ orgId, achievementId, lists, index: 2 }, { batchId: batch.id, batchRow: 4 }),
          newIssued({ orgId, achievementId, lists, index: 3 }),
        ])
        expect((await store.repos.issuedCredentials.rowsOfBatch(batch.id, 2, 3)).sort()).toEqual([2])
        expect((await store.repos.issuedCredentials.rowsOfBatch(batch.id, 1, 10)).sort()).toEqual([2, 4])
        const emails = await store.repos.issuedCredentials.emailsOfBatch(batch.id, ['learner2@example.org', 'learner3@example.org', 'nobody@example.org'])
        expect(emails).toEqual([{ email: 'learner2@example.org', row: 4 }])
        expect(await store.repos.issuedCredentials.emailsOfBatch(batch.id, [])).toEqual([])
        await expect(insertIssued(store, [newIssued({ orgId, achievementId, lists, index: 9 }, { batchId: batch.id, batchRow: 2 })])).rejects.toThrow()
      })
    })

    describe('batches', () => {
      const batchOf = (digest: string, extra: { achievementId?: string; orgId?: string } = {}) => ({
        id: randomUUID(),
        orgId: extra.orgId ?? orgId,
        achievementId: extra.achievementId ?? achievementId,
        fileDigest: digest,
        fileName: 'cohort.csv',
        totalRows: 10,
        createdBy: userId,
      })

      it('creates a queued batch once per file and achievement, and finds it by file and id only in its organization', async () => {
        const first = await store.repos.batches.create(batchOf(fileDigest('x')))
        expect(first.created).toBe(true)
        expect(first.batch).toMatchObject({ state: 'queued', totalRows: 10, nextRow: 0, issued: 0, failed: 0, error: null, leaseOwner: null })
        const again = await store.repos.batches.create(batchOf(fileDigest('x')))
        expect(again).toEqual({ batch: first.batch, created: false })
        const other = await seedAchievement(store, orgId, 'Other')
        expect((await store.repos.batches.create(batchOf(fileDigest('x'), { achievementId: other }))).created).toBe(true)
        expect((await store.repos.batches.ofFile(orgId, achievementId, fileDigest('x')))?.id).toBe(first.batch.id)
        expect(await store.repos.batches.ofFile(orgId, achievementId, fileDigest('y'))).toBeUndefined()
        expect((await store.repos.batches.get(orgId, first.batch.id))?.fileName).toBe('cohort.csv')
        expect(await store.repos.batches.get(otherOrgId, first.batch.id)).toBeUndefined()
      })

      it('lists batches newest first and pages before a cursor', async () => {
        const ids: string[] = []
        for (const text of ['a', 'b', 'c']) {
          ids.push((await store.repos.batches.create(batchOf(fileDigest(text)))).batch.id)
          clock.advance()
        }
        const all = await store.repos.batches.list(orgId, { limit: 10 })
        expect(all.map((b) => b.id)).toEqual([...ids].reverse())
        const page = await store.repos.batches.list(orgId, { limit: 1, before: { createdAt: all[0]!.createdAt, id: all[0]!.id } })
        expect(page.map((b) => b.id)).toEqual([ids[1]])
        expect(await store.repos.batches.list(otherOrgId, { limit: 10 })).toEqual([])
      })

      it('leases a waiting part to one runner at a time, takes over an expired lease, and records chunks only for the holder', async () => {
        const { batch } = await store.repos.batches.create(batchOf(fileDigest('lease')))
        const now = clock.now()
        const until = new Date(now.getTime() + 60_000).toISOString()
        const [a, b] = await Promise.all([store.repos.batches.lease('runner-a', now.toISOString(), until), store.repos.batches.lease('runner-b', now.toISOString(), until)])
        const winner = a ? 'runner-a' : 'runner-b'
        expect([a, b].filter(Boolean)).toHaveLength(1)
        const part = { batchId: batch.id, firstRow: 0 }
        expect((a ?? b)!).toMatchObject({ batch: { id: batch.id, state: 'running', leaseOwner: winner, leaseUntil: until }, part: { ...part, endRow: 10, nextRow: 0 } })
        expect(await store.repos.batches.lease('runner-c', now.toISOString(), until)).toBeUndefined()
        const loser = winner === 'runner-a' ? 'runner-b' : 'runner-a'
        const progress = { fromRow: 0, nextRow: 4, addIssued: 3, addFailed: 1, errors: [{ row: 3, email: 'x@', message: 'email: not an address' }], leaseUntil: until }
        expect(await store.repos.batches.holdChunk(part, loser, 0)).toBe(false)
        expect(await store.repos.batches.recordChunk(part, loser, progress)).toBe(false)
        expect(await store.repos.batches.holdChunk(part, winner, 0)).toBe(true)
        expect(await store.repos.batches.recordChunk(part, winner, progress)).toBe(true)
        // The same chunk again (a retry after its commit) finds the part moved on: recorded once.
        expect(await store.repos.batches.holdChunk(part, winner, 0)).toBe(false)
        expect(await store.repos.batches.recordChunk(part, winner, progress)).toBe(false)
        expect(await store.repos.batches.get(orgId, batch.id)).toMatchObject({ nextRow: 4, issued: 3, failed: 1 })
        const later = new Date(now.getTime() + 120_000).toISOString()
        const taken = await store.repos.batches.lease('runner-c', later, new Date(now.getTime() + 180_000).toISOString())
        expect(taken).toMatchObject({ batch: { id: batch.id, leaseOwner: 'runner-c', nextRow: 4 }, part: { nextRow: 4 } })
        expect(await store.repos.batches.finishPart(part, winner)).toEqual({ held: false, last: false })
        expect(await store.repos.batches.finish(batch.id, { state: 'failed', error: 'gone' })).toBe(true)
        expect(await store.repos.batches.finish(batch.id, { state: 'done', error: null })).toBe(false)
        expect(await store.repos.batches.get(orgId, batch.id)).toMatchObject({ state: 'failed', error: 'gone', leaseOwner: null, leaseUntil: null })
        expect(await store.repos.batches.lease('runner-d', later, until)).toBeUndefined()
        expect(await store.repos.batches.recordChunk(part, 'runner-c', { ...progress, fromRow: 4, nextRow: 8 })).toBe(false)
      })

      it('splits a batch into parts that runners lease one each, in row order; the last part finished says so', async () => {
        const { batch } = await store.repos.batches.create({ ...batchOf(fileDigest('parts')), totalRows: 25, partRows: 10 })
        const now = clock.now().toISOString()
        const until = new Date(clock.now().getTime() + 60_000).toISOString()
        const leases = await Promise.all(['r1', 'r2', 'r3', 'r4'].map((owner) => store.repos.batches.lease(owner, now, until)))
        const parts = leases.flatMap((l) => (l ? [l.part] : [])).sort((x, y) => x.firstRow - y.firstRow)
        expect(parts).toEqual([
          { batchId: batch.id, firstRow: 0, endRow: 10, nextRow: 0 },
          { batchId: batch.id, firstRow: 10, endRow: 20, nextRow: 10 },
          { batchId: batch.id, firstRow: 20, endRow: 25, nextRow: 20 },
        ])
        const ownerOf = (firstRow: number) => ['r1', 'r2', 'r3', 'r4'][leases.findIndex((l) => l?.part.firstRow === firstRow)]!
        for (const { firstRow, endRow } of parts) {
          const part = { batchId: batch.id, firstRow }
          expect(await store.repos.batches.recordChunk(part, ownerOf(firstRow), { fromRow: firstRow, nextRow: endRow, addIssued: endRow - firstRow, addFailed: 0, errors: [], leaseUntil: until })).toBe(true)
        }
        expect(await store.repos.batches.get(orgId, batch.id)).toMatchObject({ state: 'running', nextRow: 25, issued: 25 })
        expect(await store.repos.batches.finishPart({ batchId: batch.id, firstRow: 10 }, ownerOf(10))).toEqual({ held: true, last: false })
        expect(await store.repos.batches.finishPart({ batchId: batch.id, firstRow: 10 }, ownerOf(10))).toEqual({ held: false, last: false })
        // Two runners finishing the last two parts at once: exactly one of them is told it was the last.
        const finished = await Promise.all(
          [0, 20].map((firstRow) => store.transaction((tx) => tx.repos.batches.finishPart({ batchId: batch.id, firstRow }, ownerOf(firstRow)))),
        )
        expect(finished.filter((r) => r.last)).toHaveLength(1)
        expect(finished.every((r) => r.held)).toBe(true)
        expect(await store.repos.batches.lease('r5', now, until)).toBeUndefined()
      })

      it('releases a lease only for its holder, so another runner takes the running part at once', async () => {
        const { batch } = await store.repos.batches.create(batchOf(fileDigest('release')))
        const now = clock.now().toISOString()
        const until = new Date(clock.now().getTime() + 60_000).toISOString()
        const part = { batchId: batch.id, firstRow: 0 }
        await store.repos.batches.lease('leaving', now, until)
        await store.repos.batches.recordChunk(part, 'leaving', { fromRow: 0, nextRow: 3, addIssued: 3, addFailed: 0, errors: [], leaseUntil: until })
        expect(await store.repos.batches.lease('other', now, until)).toBeUndefined()
        expect(await store.repos.batches.release(part, 'other')).toBe(false)
        expect(await store.repos.batches.release(part, 'leaving')).toBe(true)
        expect(await store.repos.batches.get(orgId, batch.id)).toMatchObject({ state: 'running', leaseOwner: null, leaseUntil: null, nextRow: 3 })
        expect(await store.repos.batches.lease('other', now, until)).toMatchObject({ batch: { id: batch.id, leaseOwner: 'other', nextRow: 3 }, part: { nextRow: 3 } })
        expect(await store.repos.batches.release(part, 'leaving')).toBe(false)
      })

      it('leases the oldest waiting batch first', async () => {
        const old = await store.repos.batches.create(batchOf(fileDigest('old')))
        clock.advance()
        await store.repos.batches.create(batchOf(fileDigest('young')))
        const leased = await store.repos.batches.lease('r', clock.now().toISOString(), new Date(clock.now().getTime() + 1000).toISOString())
        expect(leased?.batch.id).toBe(old.batch.id)
      })

      it('keeps row errors in row order and pages them after a row', async () => {
        const { batch } = await store.repos.batches.create(batchOf(fileDigest('errors')))
        const until = new Date(clock.now().getTime() + 60_000).toISOString()
        await store.repos.batches.lease('r', clock.now().toISOString(), until)
        const errors = [5, 2, 9].map((row) => ({ row, email: `r${row}@example.org`, message: `row ${row}` }))
        await store.repos.batches.recordChunk({ batchId: batch.id, firstRow: 0 }, 'r', { fromRow: 0, nextRow: 10, addIssued: 7, addFailed: 3, errors, leaseUntil: until })
        expect((await store.repos.batches.errors(batch.id, { limit: 10 })).map((e) => e.row)).toEqual([2, 5, 9])
        expect(await store.repos.batches.errors(batch.id, { afterRow: 2, limit: 1 })).toEqual([{ row: 5, email: 'r5@example.org', message: 'row 5' }])
      })
    })

    describe('batchUploads', () => {
      const upload = (digest: string, extra: { expiresAt?: string; orgId?: string } = {}) => ({
        id: randomUUID(),
        orgId: extra.orgId ?? orgId,
        achievementId,
        fileDigest: digest,
        fileName: 'cohort.csv',
        scan: { totalRows: 2, problemCount: 1, preview: [{ row: 2, email: 'a@example.org', name: 'A' }], problems: [{ row: 3, email: 'x', message: 'email: no' }] },
        createdBy: userId,
        createdAt: clock.now().toISOString(),
        expiresAt: extra.expiresAt ?? new Date(clock.now().getTime() + 86_400_000).toISOString(),
        batchId: null,
      })

      it('keeps a staged upload with its scan for its organization only, and records its batch', async () => {
        const staged = upload(fileDigest('staged'))
        await store.repos.batchUploads.create(staged)
        expect(await store.repos.batchUploads.get(orgId, staged.id)).toEqual(staged)
        expect(await store.repos.batchUploads.get(otherOrgId, staged.id)).toBeUndefined()
        const { batch } = await store.repos.batches.create({ id: randomUUID(), orgId, achievementId, fileDigest: staged.fileDigest, fileName: 'cohort.csv', totalRows: 2, createdBy: userId })
        await store.repos.batchUploads.markConfirmed(staged.id, batch.id)
        expect((await store.repos.batchUploads.get(orgId, staged.id))?.batchId).toBe(batch.id)
        await store.repos.batchUploads.delete(staged.id)
        expect(await store.repos.batchUploads.get(orgId, staged.id)).toBeUndefined()
      })

      it('lists expired uploads oldest first', async () => {
        const now = clock.now().getTime()
        const later = upload(fileDigest('later'), { expiresAt: new Date(now - 1000).toISOString() })
        const earlier = upload(fileDigest('earlier'), { expiresAt: new Date(now - 5000).toISOString() })
        const live = upload(fileDigest('live'))
        for (const u of [later, earlier, live]) await store.repos.batchUploads.create(u)
        expect((await store.repos.batchUploads.expired(clock.now().toISOString(), 10)).map((u) => u.id)).toEqual([earlier.id, later.id])
        expect((await store.repos.batchUploads.expired(clock.now().toISOString(), 1)).map((u) => u.id)).toEqual([earlier.id])
      })

      it('calls a file referenced while a batch still has to read it or a live upload holds it', async () => {
        const digest = fileDigest('in use')
        const now = () => clock.now().toISOString()
        expect(await store.repos.batchUploads.isFileReferenced(digest, now())).toBe(false)
        const staged = upload(digest, { expiresAt: new Date(clock.now().getTime() + 1000).toISOString() })
        await store.repos.batchUploads.create(staged)
        expect(await store.repos.batchUploads.isFileReferenced(digest, now())).toBe(true)
        clock.advance(2000)
        expect(await store.repos.batchUploads.isFileReferenced(digest, now())).toBe(false)
        const { batch } = await store.repos.batches.create({ id: randomUUID(), orgId, achievementId, fileDigest: digest, fileName: 'c.csv', totalRows: 10, createdBy: userId })
        expect(await store.repos.batchUploads.isFileReferenced(digest, now())).toBe(true)
        await store.repos.batches.lease('r', now(), new Date(clock.now().getTime() + 1000).toISOString())
        expect(await store.repos.batchUploads.isFileReferenced(digest, now())).toBe(true)
        await store.repos.batches.finish(batch.id, { state: 'done', error: null })
        expect(await store.repos.batchUploads.isFileReferenced(digest, now())).toBe(false)
      })

      it('takes a file’s lock row again and again, in and out of transactions, and forgets it', async () => {
        const digest = fileDigest('locked')
        await store.transaction((tx) => tx.repos.batchUploads.lockFile(digest))
        await store.repos.batchUploads.lockFile(digest)
        const rows = await store.db.selectFrom('batch_files').selectAll().where('digest', '=', digest).execute()
        expect(rows).toHaveLength(1)
        await store.repos.batchUploads.forgetFile(digest)
        expect(await store.db.selectFrom('batch_files').selectAll().where('digest', '=', digest).execute()).toEqual([])
      })

      it('makes a second transaction on the same file wait for the first (the removal and a new upload never interleave)', async () => {
        const digest = fileDigest('serial')
        const order: string[] = []
        let release!: () => void
        const held = new Promise<void>((r) => (release = r))
        const first = store.transaction(async (tx) => {
          await tx.repos.batchUploads.lockFile(digest)
          order.push('first locked')
          await held
          order.push('first done')
        })
        await new Promise((r) => setTimeout(r, 50))
        const second = store.transaction(async (tx) => {
          await tx.repos.batchUploads.lockFile(digest)
          order.push('second locked')
        })
        await new Promise((r) => setTimeout(r, 100))
        release()
        await Promise.all([first, second])
        expect(order).toEqual(['first locked', 'first done', 'second locked'])
      })
    })

    describe('idempotency', () => {
      it('stores one response per organization and key, and answers ERR_CONFLICT to a second save', async () => {
        const response = { requestDigest: 'd1', status: 201, body: '{"id":"x"}' }
        expect(await store.repos.idempotency.get(orgId, 'key-1')).toBeUndefined()
        await store.repos.idempotency.save(orgId, 'key-1', response)
        expect(await store.repos.idempotency.get(orgId, 'key-1')).toEqual(response)
        await expect(store.repos.idempotency.save(orgId, 'key-1', { ...response, body: '{}' })).rejects.toThrow(code('ERR_CONFLICT'))
        expect(await store.repos.idempotency.get(otherOrgId, 'key-1')).toBeUndefined()
        await store.repos.idempotency.save(otherOrgId, 'key-1', { ...response, requestDigest: 'd2' })
        expect((await store.repos.idempotency.get(otherOrgId, 'key-1'))?.requestDigest).toBe('d2')
      })

      it('lets exactly one of two concurrent saves of a key win', async () => {
        const save = (body: string) => store.transaction((tx) => tx.repos.idempotency.save(orgId, 'race', { requestDigest: 'd', status: 201, body }))
        const results = await Promise.allSettled([save('a'), save('b')])
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
        expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: code('ERR_CONFLICT') })
      })
    })
  })
}
