/**
 * A map of at most `max` entries, for what a process keeps to save work (parsed keys, verified
 * checkpoints, rendered QR codes, prepared statements): setting a key when it is full forgets the
 * entry set longest ago. With `{ recency: true }` it forgets the least recently used instead: a `get`
 * that finds an entry counts as a use. Setting a key that is there makes it the newest either way.
 * @example
 * const parsed = new BoundedMap<string, KeyObject>(100)
 * const key = parsed.obtain(text, () => parse(text))
 */
export class BoundedMap<K, V> {
  readonly #map = new Map<K, V>()
  readonly #recency: boolean

  constructor(
    readonly max: number,
    { recency = false }: { recency?: boolean } = {},
  ) {
    if (!Number.isInteger(max) || max < 1) throw new RangeError(`A bounded map holds at least one entry (got ${max})`)
    this.#recency = recency
  }

  get size(): number {
    return this.#map.size
  }

  /** The value under `key` (with `recency`, now the most recently used), or undefined. */
  get(key: K): V | undefined {
    const value = this.#map.get(key)
    if (this.#recency && value !== undefined) {
      this.#map.delete(key)
      this.#map.set(key, value)
    }
    return value
  }

  /** The value under `key`, without counting it as a use. */
  peek(key: K): V | undefined {
    return this.#map.get(key)
  }

  /** Keeps `value` under `key` as the newest entry, forgetting the oldest when more than `max` would be kept. */
  set(key: K, value: V): this {
    this.#map.delete(key)
    this.#map.set(key, value)
    if (this.#map.size > this.max) this.#map.delete(this.#map.keys().next().value as K)
    return this
  }

  /** The value under `key`; when there is none, `make()`'s, kept (a `make` that throws keeps nothing). */
  obtain(key: K, make: () => V): V {
    const known = this.get(key)
    if (known !== undefined) return known
    const made = make()
    this.set(key, made)
    return made
  }

  delete(key: K): boolean {
    return this.#map.delete(key)
  }
}
