import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { sortStrings } from './sort-strings.js'

describe('sortStrings', () => {
  it('orders any strings as the built-in sort does (code units: surrogates, case, prefixes), short arrays and long', () => {
    const text = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }), fc.constantFrom('', 'a', 'A', 'ab', '_:c14n1', '_:c14n10', '<z>'))
    fc.assert(
      fc.property(fc.array(text, { maxLength: 80 }), (items) => {
        const expected = [...items].sort()
        const copy = [...items]
        expect(sortStrings(copy)).toBe(copy)
        expect(copy).toEqual(expected)
      }),
      { numRuns: 2000 },
    )
  })
})
