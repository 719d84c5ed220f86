import type { StatusList } from './status-list.js'

/** Returns an integer in `[0, maxExclusive)`, uniformly; the app passes node:crypto's randomInt. */
export type RandomInt = (maxExclusive: number) => number

/** How hard {@link nextFreeIndex} tries random positions before it scans. */
export interface NextFreeIndexOptions {
  /** Random probes before falling back to a scan. Default 64. */
  attempts?: number
}

/**
 * A random entry of `allocated` that is still 0, or `undefined` when every entry is taken. Random, not
 * sequential, indexes keep an entry from telling when a credential was issued (herd privacy). It
 * probes `attempts` random positions, then scans from a random start, wrapping, so a nearly full list
 * still yields its last free entries. Pure: the randomness is injected.
 *
 * `allocated` records which indexes have been handed out, a separate list from the published one:
 * an allocated credential that is not revoked is 0 in the published list.
 * @example
 * const index = nextFreeIndex(allocated, (max) => crypto.randomInt(max))
 * @see https://www.w3.org/TR/vc-bitstring-status-list/#privacy-considerations
 */
export function nextFreeIndex(allocated: StatusList, randomInt: RandomInt, options: NextFreeIndexOptions = {}): number | undefined {
  const { attempts = 64 } = options
  const { length } = allocated
  const draw = (): number => {
    const index = randomInt(length)
    if (!Number.isSafeInteger(index) || index < 0 || index >= length)
      throw new TypeError(`randomInt(${length}) returned ${index}, not an integer in [0, ${length})`)
    return index
  }
  for (let attempt = 0; attempt < attempts; attempt++) {
    const index = draw()
    if (!allocated.isSet(index)) return index
  }
  const start = draw()
  for (let step = 0; step < length; step++) {
    const index = (start + step) % length
    if (!allocated.isSet(index)) return index
  }
  return undefined
}
