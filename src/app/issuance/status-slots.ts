// Status list entries for new credentials: picked at random among the free ones (herd privacy),
// then claimed inside the issuing transaction. Picking reads a snapshot and may run before the
// transaction (so signing happens outside it); claiming re-reads the bitmaps under the writer's
// lock and refuses the whole plan if any entry was taken meanwhile, so the caller picks again. A
// batch part's runner claims its entries ahead instead, before signing (createSlotReservation).
import { StatusList, nextFreeIndex } from '../../core/status-list/index.js'
import type { PlatformStore, RandomSource } from '../platform/ports.js'
import type { StatusListsRepo, ListPurpose, Slot } from './ports.js'

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
   * this planner picked before are never picked again, even before they are claimed. With `fresh:
   * false` it picks from the bitmaps it read before (no read unless they run out): a batch runner's
   * next chunk, planned while the previous one commits. `forUpdate` locks the lists it reads.
   */
  plan(repo: StatusListsRepo, count: number, options?: { forUpdate?: boolean; fresh?: boolean }): Promise<SlotPlan>
  /** Locks all of the organization's lists in id order (PostgreSQL), before planning under the lock. */
  lock(repo: StatusListsRepo): Promise<void>
  /** Whether its plans hold entries claimed already (createSlotReservation): committing them claims nothing. */
  readonly reserved?: boolean
}

interface KnownList {
  id: string
  /** Allocated entries as last read, with this planner's own picks set. */
  allocated: StatusList
  isFull: boolean
}

/** A planner for `orgId` drawing indexes from `random`. */
export function createSlotPlanner(orgId: string, random: Pick<RandomSource, 'int' | 'uuid'>): SlotPlanner {
  // Every list this planner has seen, per purpose, in the order to fill them. Slots are never freed,
  // so OR-ing a fresh read into what it knows keeps both the others' allocations and its own picks.
  const known: Record<ListPurpose, KnownList[]> = { revocation: [], suspension: [] }
  const randomInt = (max: number) => random.int(max)

  async function refresh(repo: StatusListsRepo, purpose: ListPurpose, forUpdate: boolean): Promise<void> {
    const lists = await repo.withRoom(orgId, purpose, { forUpdate })
    const roomy = new Set(lists.map((l) => l.id))
    for (const list of known[purpose]) if (!roomy.has(list.id)) list.isFull = true
    for (const fresh of lists) {
      const mine = known[purpose].find((l) => l.id === fresh.id)
      if (!mine) {
        known[purpose].push({ id: fresh.id, allocated: StatusList.fromBytes(fresh.slots), isFull: false })
        continue
      }
      const bytes = mine.allocated.toBytes()
      for (let i = 0; i < bytes.length; i++) bytes[i] = bytes[i]! | (fresh.slots[i] ?? 0)
      mine.allocated = StatusList.fromBytes(bytes)
    }
  }

  async function pick(repo: StatusListsRepo, purpose: ListPurpose, count: number, forUpdate: boolean, fresh: boolean): Promise<Slot[]> {
    if (fresh || known[purpose].length === 0) await refresh(repo, purpose, forUpdate)
    // The highest list number when the lists were last read; a new one since means: read them again.
    let lastSeq: number | undefined
    const slots: Slot[] = []
    while (slots.length < count) {
      const list = known[purpose].find((l) => !l.isFull)
      if (!list) {
        const last = await repo.lastSeq(orgId, purpose)
        // Open the next list only when no list appeared since the last read; when another writer
        // opens the same number first, nothing is written and the read below finds theirs.
        if (last === lastSeq) await repo.create({ id: random.uuid(), orgId, purpose, seq: last + 1, length: STATUS_LIST_LENGTH })
        lastSeq = last
        await refresh(repo, purpose, forUpdate)
        continue
      }
      while (slots.length < count) {
        const index = nextFreeIndex(list.allocated, randomInt)
        if (index === undefined) {
          list.isFull = true
          break
        }
        list.allocated.set(index)
        slots.push({ listId: list.id, index })
      }
    }
    return slots
  }

  return {
    lock: (repo) => repo.lockAll(orgId),
    async plan(repo, count, { forUpdate = false, fresh = true } = {}) {
      return {
        revocation: await pick(repo, 'revocation', count, forUpdate, fresh),
        suspension: await pick(repo, 'suspension', count, forUpdate, fresh),
      }
    },
  }
}

/** Credentials a reservation claims entries for at most: what a run that stops early may leave allocated and unused. */
export const RESERVE_ROWS = 5_000

/** Reservations in a row that found an entry taken before giving up (each reads the lists again first). */
const RESERVE_ATTEMPTS = 20

/**
 * A planner for a run of up to `rows` credentials of `orgId` (a batch part) whose entries are
 * claimed when they are picked: it claims entries for up to RESERVE_ROWS credentials at a time, in
 * a short transaction of its own, then hands them out in order without reading. Its plans commit
 * without a claim (`reserved`), so runners sharing a batch never pick an entry the other took: with
 * plans picked from bitmaps read earlier, two runners collided on most chunks (each collision a
 * rolled-back transaction and credentials signed again) and two processes issued slower than one.
 * A reservation that meets an entry taken meanwhile reads the lists and picks again, signing
 * nothing; claiming is its only statement that locks, in list id order, as every writer's does.
 * Entries it never hands out, or that go to rows refused when they commit, stay allocated and
 * unused, as a list's capacity pays for, not its herd: no credential ever points at them.
 */
export function createSlotReservation(store: Pick<PlatformStore, 'dialect' | 'repos' | 'transaction'>, orgId: string, random: Pick<RandomSource, 'int' | 'uuid'>, { rows }: { rows: number }): SlotPlanner {
  const forUpdate = store.dialect === 'postgres'
  const planner = createSlotPlanner(orgId, random)
  let left = rows
  const pool: SlotPlan = { revocation: [], suspension: [] }
  // One plan at a time: a runner plans its next chunk while its last one may still be planning.
  let queue: Promise<unknown> = Promise.resolve()

  const reserve = async (count: number): Promise<SlotPlan> => {
    for (let attempt = 1; ; attempt++) {
      const plan = await planner.plan(store.repos.statusLists, count)
      if ((await store.transaction((tx) => claimPlan(tx.repos.statusLists, plan, { forUpdate }))).claimed) return plan
      if (attempt === RESERVE_ATTEMPTS) throw new Error(`Status list entries: ${attempt} reservations in a row found an entry taken`)
    }
  }

  const take = async (count: number): Promise<SlotPlan> => {
    const short = count - pool.revocation.length
    if (short > 0) {
      const reserved = await reserve(Math.max(short, Math.min(RESERVE_ROWS, left - pool.revocation.length)))
      pool.revocation.push(...reserved.revocation)
      pool.suspension.push(...reserved.suspension)
    }
    left -= count
    return { revocation: pool.revocation.splice(0, count), suspension: pool.suspension.splice(0, count) }
  }

  return {
    reserved: true,
    // Nothing to lock: reserved entries never collide, so a commit never plans under the lock.
    lock: async () => {},
    plan(_repo, count) {
      const planned = queue.then(() => take(count))
      queue = planned.catch(() => {})
      return planned
    },
  }
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

/** The lists a plan's entries are in. */
export const listsOf = (plan: SlotPlan): string[] => [...new Set([...plan.revocation, ...plan.suspension].map((slot) => slot.listId))]

/** A status entry as a string, to find it in a set. */
export const slotKey = (slot: Slot): string => `${slot.listId}#${slot.index}`

/** What claiming a plan found: its entries claimed, or the ones another writer took first (undefined when a list is gone). */
export type Claim = { claimed: true } | { claimed: false; taken: ReadonlySet<string> | undefined }

/**
 * Claims a plan's entries inside the issuing transaction: one read-modify-write of each list's
 * bitmap, lists locked in id order (`forUpdate`, PostgreSQL). When any entry is already taken,
 * nothing is written and the claim says which (by slotKey): the caller rolls back and picks again,
 * for those credentials or for all.
 */
export async function claimPlan(repo: StatusListsRepo, plan: SlotPlan, { forUpdate }: { forUpdate: boolean }): Promise<Claim> {
  const claims = claimsOf(plan)
  const lists = await repo.slotsOf([...claims.keys()], { forUpdate })
  if (lists.length !== claims.size) return { claimed: false, taken: undefined }
  const writes: { id: string; bytes: Uint8Array; allocated: number }[] = []
  const taken = new Set<string>()
  for (const list of lists) {
    const bitmap = StatusList.fromBytes(list.slots)
    const indexes = claims.get(list.id)!
    for (const index of indexes) {
      if (index >= bitmap.length) return { claimed: false, taken: undefined }
      if (bitmap.isSet(index)) taken.add(slotKey({ listId: list.id, index }))
      else bitmap.set(index)
    }
    writes.push({ id: list.id, bytes: bitmap.toBytes(), allocated: list.allocated + indexes.length })
  }
  if (taken.size > 0) return { claimed: false, taken }
  for (const w of writes) await repo.writeSlots(w.id, w.bytes, w.allocated)
  return { claimed: true }
}

/** claimPlan's answer as true (claimed) or false (nothing written). */
export const claimSlots = async (repo: StatusListsRepo, plan: SlotPlan, options: { forUpdate: boolean }): Promise<boolean> => (await claimPlan(repo, plan, options)).claimed
