import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { decodeEntryBundle, encodeEntryBundle } from './entry-bundle.js'

describe('entry bundles', () => {
  it('prefix each entry with its length as two big-endian bytes', () => {
    const bundle = encodeEntryBundle([Uint8Array.of(0x61), new Uint8Array(0), new Uint8Array(300).fill(7)])
    expect([...bundle.subarray(0, 5)]).toEqual([0, 1, 0x61, 0, 0])
    expect([...bundle.subarray(5, 7)]).toEqual([1, 44])
    expect(bundle.length).toBe(3 + 2 + 302)
  })

  it('decode to the entries they were made from', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 600 }), { minLength: 1, maxLength: 256 }), (entries) => {
        const decoded = decodeEntryBundle(encodeEntryBundle(entries), entries.length)
        expect(decoded.map((e) => Buffer.from(e).toString('hex'))).toEqual(entries.map((e) => Buffer.from(e).toString('hex')))
      }),
      { numRuns: 50 },
    )
  })

  it('hold an entry of 65,535 bytes but refuse one of 65,536', () => {
    expect(decodeEntryBundle(encodeEntryBundle([new Uint8Array(65_535)]))[0]!.length).toBe(65_535)
    expect(() => encodeEntryBundle([new Uint8Array(65_536)])).toThrow(expect.objectContaining({ code: 'ERR_INPUT_TOO_LARGE' }))
  })

  it('reject truncated bundles, trailing bytes and the wrong number of entries', () => {
    const bundle = encodeEntryBundle([Uint8Array.of(1, 2, 3), Uint8Array.of(4)])
    const invalid = expect.objectContaining({ code: 'ERR_INPUT_INVALID' })
    expect(() => decodeEntryBundle(bundle.subarray(0, bundle.length - 1))).toThrow(invalid)
    expect(() => decodeEntryBundle(bundle.subarray(0, 6))).toThrow(invalid)
    expect(() => decodeEntryBundle(bundle, 1)).toThrow(invalid)
    expect(() => decodeEntryBundle(bundle, 3)).toThrow(invalid)
    expect(() => decodeEntryBundle(new Uint8Array(0))).toThrow(invalid)
    expect(() => encodeEntryBundle([])).toThrow(TypeError)
  })
})
