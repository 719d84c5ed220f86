import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { StatusList } from '../../../src/core/status-list/index.js'
import { openStore, type Store } from '../../../src/store/index.js'
import { claimSlots, createSlotPlanner, STATUS_LIST_LENGTH } from '../../../src/app/issuance/status-slots.js'

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
})
