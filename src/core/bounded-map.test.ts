import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { BoundedMap } from './bounded-map.js'

/** The model: entries in order, oldest first; what a bounded map should hold after the same operations. */
function model(max: number, recency: boolean) {
  let entries: [number, number][] = []
  const remove = (key: number) => (entries = entries.filter(([k]) => k !== key))
  return {
    get(key: number) {
      const found = entries.find(([k]) => k === key)
      if (found && recency) {
        remove(key)
        entries.push(found)
      }
      return found?.[1]
    },
    set(key: number, value: number) {
      remove(key)
      entries.push([key, value])
      if (entries.length > max) entries.shift()
    },
    delete(key: number) {
      const had = entries.some(([k]) => k === key)
      remove(key)
      return had
    },
    entries: () => entries,
  }
}

describe('BoundedMap', () => {
  it('holds what a list of its entries, oldest first, holds after any operations (insertion order and least recently used)', () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('get' as const), key: fc.integer({ min: 0, max: 9 }) }),
      fc.record({ kind: fc.constant('set' as const), key: fc.integer({ min: 0, max: 9 }), value: fc.integer() }),
      fc.record({ kind: fc.constant('delete' as const), key: fc.integer({ min: 0, max: 9 }) }),
    )
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.boolean(), fc.array(op, { maxLength: 60 }), (max, recency, ops) => {
        const map = new BoundedMap<number, number>(max, { recency })
        const expected = model(max, recency)
        for (const o of ops) {
          if (o.kind === 'get') expect(map.get(o.key)).toBe(expected.get(o.key))
          else if (o.kind === 'set') {
            map.set(o.key, o.value)
            expected.set(o.key, o.value)
          }
          else expect(map.delete(o.key)).toBe(expected.delete(o.key))
          expect(map.size).toBe(expected.entries().length)
          expect(map.size).toBeLessThanOrEqual(max)
        }
        for (const [key, value] of expected.entries()) expect(map.peek(key)).toBe(value)
      }),
    )
  })

  it('makes a missing value once and keeps it; a make that throws keeps nothing', () => {
    const map = new BoundedMap<string, number>(2)
    let made = 0
    expect(map.obtain('a', () => ++made)).toBe(1)
    expect(map.obtain('a', () => ++made)).toBe(1)
    expect(() =>
      map.obtain('b', () => {
        throw new Error('malformed')
      }),
    ).toThrow('malformed')
    expect(map.peek('b')).toBeUndefined()
    expect(map.size).toBe(1)
  })

  it('refuses a bound under one entry', () => {
    expect(() => new BoundedMap(0)).toThrow(RangeError)
    expect(() => new BoundedMap(1.5)).toThrow(RangeError)
  })
})
