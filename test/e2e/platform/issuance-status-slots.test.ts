import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { StatusList } from '../../../src/core/status-list/index.js'
import { openStore, type Store } from '../../../src/store/index.js'
import { claimSlots, createSlotPlanner, createSlotReservation, RESERVE_ROWS, slotKey, STATUS_LIST_LENGTH, type SlotPlan } from '../../../src/app/issuance/status-slots.js'
import { issueWithSlots } from '../../../src/app/issuance/commit-issued.js'

let store: Store
let n = 0
beforeAll(async () => {
  store = await openStore({ url: ':memory:' })
  await store.migrate()
})
afterAll(() => store.close())

const random = { int: (max: number) => Math.floor(Math.random() * max), uuid: () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}` }
async function org(): Promise<string> {
  const id = `org-${++n}`
  await store.db.insertInto('organizations').values({ id, slug: id, name: id, created_at: '2026-01-01T00:00:00Z' }).execute()
  return id
}

describe('status list entries', () => {
  it('are picked at random, never twice, and claimed once: a second claim of the same entries is refused', async () => {
    const orgId = await org()
    const planner = createSlotPlanner(orgId, random)
    const plan = await planner.plan(store.repos.statusLists, 500)
    const next = await planner.plan(store.repos.statusLists, 500, { fresh: false })
    const all = [...plan.revocation, ...next.revocation].map((s) => s.index)
    expect(new Set(all).size).toBe(1000)
    expect(all.slice(0, 10)).not.toEqual([...all.slice(0, 10)].sort((a, b) => a - b))
    expect(await store.transaction((tx) => claimSlots(tx.repos.statusLists, plan, { forUpdate: false }))).toBe(true)
    expect(await store.transaction((tx) => claimSlots(tx.repos.statusLists, plan, { forUpdate: false }))).toBe(false)
    const [list] = await store.repos.statusLists.withRoom(orgId, 'revocation', { forUpdate: false })
    expect(list!.allocated).toBe(500)
    expect(plan.revocation.every((s) => StatusList.fromBytes(list!.slots).isSet(s.index))).toBe(true)
  })

  it('leave what another planner claimed: a fresh plan reads the claims made since', async () => {
    const orgId = await org()
    const a = createSlotPlanner(orgId, random)
    const b = createSlotPlanner(orgId, random)
    const first = await a.plan(store.repos.statusLists, 300)
    await store.transaction((tx) => claimSlots(tx.repos.statusLists, first, { forUpdate: false }))
    const second = await b.plan(store.repos.statusLists, 300)
    const taken = new Set(first.suspension.map((s) => s.index))
    expect(second.suspension.some((s) => taken.has(s.index))).toBe(false)
    expect(await store.transaction((tx) => claimSlots(tx.repos.statusLists, second, { forUpdate: false }))).toBe(true)
  })

  it('after a collision, give new entries only to the credentials whose entries another writer took, and prepare only those again', async () => {
    const orgId = await org()
    const planner = createSlotPlanner(orgId, random)
    const first = await planner.plan(store.repos.statusLists, 20)
    // Another writer claims the revocation entry of credential 3 and the suspension entry of credential 11.
    const other: SlotPlan = { revocation: [first.revocation[3]!], suspension: [first.suspension[11]!] }
    expect(await store.transaction((tx) => claimSlots(tx.repos.statusLists, other, { forUpdate: false }))).toBe(true)
    const repairs: number[][] = []
    let prepares = 0
    // A preparation per credential: the entries it was given (what a signed credential would carry).
    const entriesOf = (plan: SlotPlan) => plan.revocation.map((r, i) => `${slotKey(r)} ${slotKey(plan.suspension[i]!)}`)
    const committed = await issueWithSlots(store, {
      planner,
      count: 20,
      first: { plan: first, prepared: entriesOf(first) },
      prepare: async (plan) => (prepares++, entriesOf(plan)),
      repair: async (prepared, plan, positions) => {
        repairs.push([...positions])
        return prepared.map((entry, i) => (positions.includes(i) ? entriesOf(plan)[i]! : entry))
      },
      commit: async (_tx, prepared) => prepared,
    })
    expect(repairs).toEqual([[3, 11]])
    expect(prepares).toBe(0)
    expect(committed.filter((entry, i) => entry !== entriesOf(first)[i]).length).toBe(2)
    const otherKeys = [slotKey(other.revocation[0]!), slotKey(other.suspension[0]!)]
    expect(committed.some((entry) => otherKeys.some((key) => entry.split(' ').includes(key)))).toBe(false)
    const lists = await store.repos.statusLists.withRoom(orgId, 'revocation', { forUpdate: false })
    expect(lists[0]!.allocated).toBe(21)
  })

  it('fill a list to its last entry, then open a new one', async () => {
    const orgId = await org()
    const planner = createSlotPlanner(orgId, random)
    await planner.plan(store.repos.statusLists, 1)
    const [list] = await store.repos.statusLists.withRoom(orgId, 'revocation', { forUpdate: false })
    const almost = new StatusList({ length: STATUS_LIST_LENGTH })
    for (let i = 0; i < STATUS_LIST_LENGTH - 3; i++) almost.set(i)
    await store.repos.statusLists.writeSlots(list!.id, almost.toBytes(), STATUS_LIST_LENGTH - 3)
    const plan = await createSlotPlanner(orgId, random).plan(store.repos.statusLists, 5)
    const inOld = plan.revocation.filter((s) => s.listId === list!.id).map((s) => s.index).sort()
    expect(inOld).toEqual([STATUS_LIST_LENGTH - 3, STATUS_LIST_LENGTH - 2, STATUS_LIST_LENGTH - 1])
    expect(new Set(plan.revocation.map((s) => s.listId)).size).toBe(2)
    expect(await store.transaction((tx) => claimSlots(tx.repos.statusLists, plan, { forUpdate: false }))).toBe(true)
    expect((await store.repos.statusLists.withRoom(orgId, 'revocation', { forUpdate: false })).map((l) => l.id)).not.toContain(list!.id)
  })

  it('reserved for a run: claimed before they are handed out, a few thousand at a time, never to another planner, and committed without a claim', async () => {
    const orgId = await org()
    const allocated = async () => (await store.repos.statusLists.withRoom(orgId, 'revocation', { forUpdate: false }))[0]?.allocated ?? 0
    // A small part reserves its rows only; a large one RESERVE_ROWS at a time.
    const small = createSlotReservation(store, orgId, random, { rows: 40 })
    const a = await small.plan(store.repos.statusLists, 25)
    expect(await allocated()).toBe(40)
    const large = createSlotReservation(store, orgId, random, { rows: RESERVE_ROWS * 3 })
    const chunks = await Promise.all([large.plan(store.repos.statusLists, 1000), large.plan(store.repos.statusLists, 1000)])
    expect(await allocated()).toBe(40 + RESERVE_ROWS)
    const b = await small.plan(store.repos.statusLists, 15)
    expect(await allocated()).toBe(40 + RESERVE_ROWS)
    const keys = [a, b, ...chunks].flatMap((plan) => plan.revocation.map(slotKey))
    expect(new Set(keys).size).toBe(2040)
    // Asking for more than is left reserves what is missing.
    await small.plan(store.repos.statusLists, 10)
    expect(await allocated()).toBe(50 + RESERVE_ROWS)
    // Its entries are claimed already: a planner reading the lists now leaves them, and a commit claims nothing.
    const other = await createSlotPlanner(orgId, random).plan(store.repos.statusLists, 3000)
    expect(other.revocation.some((s) => keys.includes(slotKey(s)))).toBe(false)
    let committed = 0
    await issueWithSlots(store, { planner: small, count: 25, first: { plan: a, prepared: a }, prepare: async (plan) => plan, commit: async () => void committed++ })
    expect(committed).toBe(1)
    expect(await allocated()).toBe(50 + RESERVE_ROWS)
  })
})
