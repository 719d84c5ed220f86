import type { PlatformStore } from './ports.js'
import { BoundedMap } from '../../core/bounded-map.js'

/** How many reads are kept at most (the oldest kept first go). */
const MAX_KEPT = 10_000

/**
 * Reads kept while the store's change token (PlatformStore.changeToken) reads the same: `read(key,
 * load)` answers the value `load()` gave under that key when nothing readers could see was written
 * since (by this process or another), and loads again otherwise. The token is read before `load`
 * runs, so a write during the load makes the next read load again. A store without a token (PostgreSQL)
 * loads every time; a load that fails is not kept. Kept values are shared: callers must not change them.
 * @example const keys = kept(`keys:${orgId}`, () => store.repos.orgKeys.keysOf(orgId))
 */
export type KeptReads = <T>(key: string, load: () => Promise<T>) => Promise<T>

export function keptReads(store: Pick<PlatformStore, 'changeToken'>, max = MAX_KEPT): KeptReads {
  const kept = new BoundedMap<string, { token: string; value: Promise<unknown> }>(max)
  return <T>(key: string, load: () => Promise<T>): Promise<T> => {
    const token = store.changeToken?.()
    if (token === undefined) return load()
    const known = kept.get(key)
    if (known?.token === token) return known.value as Promise<T>
    const value = load()
    const entry = { token, value }
    kept.set(key, entry)
    value.catch(() => (kept.peek(key) === entry ? kept.delete(key) : undefined))
    return value
  }
}
