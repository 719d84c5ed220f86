// Status list entries for new credentials: picked at random among the free ones (herd privacy),
// then claimed inside the issuing transaction. Picking reads a snapshot and may run before the
// transaction (so signing happens outside it); claiming re-reads the bitmaps under the writer's
// lock and refuses the whole plan if any entry was taken meanwhile, so the caller picks again.
import { StatusList, nextFreeIndex } from '../../core/status-list/index.js'
import type { RandomSource } from '../platform/ports.js'
import type { IssuanceRepo, ListPurpose, Slot } from './ports.js'

/** Entries per status list: the spec's minimum, enough for herd privacy. */
export const STATUS_LIST_LENGTH = 131_072

/** Where a status list credential is served. */
export const statusListUrl = (publicUrl: string, listId: string): string => `${publicUrl}/status/${listId}`

/** The two entries of each of `count` credentials: credential i gets `revocation[i]` and `suspension[i]`. */
export interface SlotPlan {
  revocation: Slot[]
  suspension: Slot[]
}

/** Picks entries for credentials of one organization, remembering what it picked before. */
export interface SlotPlanner {
  /**
   * Picks `count` free entries in each purpose's lists, creating a list when all are full. Entries
   * this planner picked before are never picked again, even before they are claimed. `forUpdate`
   * locks the lists read (inside a transaction on PostgreSQL).
   */
  plan(repo: IssuanceRepo, count: number, options?: { forUpdate?: boolean }): Promise<SlotPlan>
}

/** The entries a plan takes, grouped by list and sorted by list id (one lock order for everyone). */
function claimsOf(plan: SlotPlan): Map<string, number[]> {
  const byList = new Map<string, number[]>()
  for (const slot of [...plan.revocation, ...plan.suspension]) {
    const indexes = byList.get(slot.listId)
    if (indexes) indexes.push(slot.index)
    else byList.set(slot.listId, [slot.index])
  }
  return new Map([...byList].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
}

/** A planner for `orgId` drawing indexes from `random`. */
export function createSlotPlanner(orgId: string, random: Pick<RandomSource, 'int' | 'uuid'>): SlotPlanner {
  // Every bitmap this planner has seen, with its own picks set; slots are never freed, so OR-ing
  // a fresh read into it keeps both.
  const seen = new Map<string, Uint8Array>()
  const randomInt = (max: number) => random.int(max)

  async function pick(repo: IssuanceRepo, purpose: ListPurpose, count: number, forUpdate: boolean): Promise<Slot[]> {
    const slots: Slot[] = []
    const lists = await repo.listsWithRoom(orgId, purpose, { forUpdate })
    while (slots.length < count) {
      let list = lists.shift()
      if (!list) {
        const id = random.uuid()
        await repo.createList({ id, orgId, purpose, length: STATUS_LIST_LENGTH })
        list = { id, length: STATUS_LIST_LENGTH, allocated: 0, slots: new Uint8Array(STATUS_LIST_LENGTH / 8) }
      }
      const bitmap = merged(list.id, list.slots)
      const allocated = StatusList.fromBytes(bitmap)
      while (slots.length < count) {
        const index = nextFreeIndex(allocated, randomInt)
        if (index === undefined) break
        allocated.set(index)
        slots.push({ listId: list.id, index })
      }
      seen.set(list.id, allocated.toBytes())
    }
    return slots
  }

  function merged(listId: string, fresh: Uint8Array): Uint8Array {
    const mine = seen.get(listId)
    if (!mine) return fresh
    const out = new Uint8Array(fresh.length)
    for (let i = 0; i < out.length; i++) out[i] = fresh[i]! | (mine[i] ?? 0)
    return out
  }

  return {
    async plan(repo, count, { forUpdate = false } = {}) {
      return { revocation: await pick(repo, 'revocation', count, forUpdate), suspension: await pick(repo, 'suspension', count, forUpdate) }
    },
  }
}

/**
 * Claims a plan's entries inside the issuing transaction: one read-modify-write of each list's
 * bitmap, lists locked in id order (`forUpdate`, PostgreSQL). False, with nothing written, when any
 * entry is already taken: the caller rolls back and plans again.
 */
export async function claimSlots(repo: IssuanceRepo, plan: SlotPlan, { forUpdate }: { forUpdate: boolean }): Promise<boolean> {
  const claims = claimsOf(plan)
  const lists = await repo.slotsOf([...claims.keys()], { forUpdate })
  if (lists.length !== claims.size) return false
  const writes: { id: string; bytes: Uint8Array; allocated: number }[] = []
  for (const list of lists) {
    const bitmap = StatusList.fromBytes(list.slots)
    const indexes = claims.get(list.id)!
    for (const index of indexes) {
      if (index >= bitmap.length || bitmap.isSet(index)) return false
      bitmap.set(index)
    }
    writes.push({ id: list.id, bytes: bitmap.toBytes(), allocated: list.allocated + indexes.length })
  }
  for (const w of writes) await repo.writeSlots(w.id, w.bytes, w.allocated)
  return true
}
