import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { isPlatformError } from '../errors.js'
import { MIN_STATUS_LIST_LENGTH } from './encoded-list.js'
import { StatusList } from './status-list.js'

describe('StatusList bit layout', () => {
  it('holds 131,072 one-bit entries in 16 KiB by default', () => {
    const list = new StatusList()
    expect(list.length).toBe(131_072)
    expect(list.statusSize).toBe(1)
    expect(list.toBytes()).toHaveLength(16_384)
  })

  it('puts index 0 in the most significant bit of the first byte', () => {
    const list = new StatusList()
    list.set(0)
    expect(list.toBytes()[0]).toBe(0x80)
    // 0, 1 and 7 set: 1100 0001
    list.set(1)
    list.set(7)
    expect(list.toBytes()[0]).toBe(0b1100_0001)
    // index 9 is the second bit of the second byte: 0100 0000
    list.set(9)
    expect(list.toBytes()[1]).toBe(0x40)
    expect([0, 1, 2, 7, 8, 9].map((i) => list.isSet(i))).toEqual([true, true, false, true, false, true])
  })

  it('clears an entry without touching its neighbours', () => {
    const list = new StatusList()
    for (const i of [6, 7, 8]) list.set(i, true)
    list.clear(7)
    expect(list.toBytes().subarray(0, 2)).toEqual(new Uint8Array([0b0000_0010, 0b1000_0000]))
    list.set(6, false)
    expect(list.isSet(6)).toBe(false)
  })

  it('stores two-bit entries MSB-first, most significant bit of the value first', () => {
    const list = new StatusList({ statusSize: 2 })
    expect(list.length).toBe(131_072)
    expect(list.toBytes()).toHaveLength(32_768)
    list.set(0, 2)
    list.set(1, 3)
    list.set(3, 1)
    // entries 0..3 = 10 11 00 01
    expect(list.toBytes()[0]).toBe(0b1011_0001)
    expect([0, 1, 2, 3].map((i) => list.get(i))).toEqual([2, 3, 0, 1])
  })

  it('lets a three-bit entry straddle a byte boundary', () => {
    const list = new StatusList({ statusSize: 3 })
    list.set(2, 5) // bits 6, 7, 8 = 1 0 1
    expect(list.toBytes().subarray(0, 2)).toEqual(new Uint8Array([0b0000_0010, 0b1000_0000]))
    expect(list.get(2)).toBe(5)
  })

  it('refuses lists under 131,072 entries and rounds a length up to whole bytes', () => {
    expect(() => new StatusList({ length: MIN_STATUS_LIST_LENGTH - 1 })).toThrow(TypeError)
    expect(new StatusList({ length: MIN_STATUS_LIST_LENGTH + 1 }).length).toBe(MIN_STATUS_LIST_LENGTH + 8)
    expect(() => new StatusList({ statusSize: 0 })).toThrow(TypeError)
    expect(() => new StatusList({ statusSize: 33 })).toThrow(TypeError)
  })

  it('rejects values that do not fit and indexes that are not entries', () => {
    const list = new StatusList({ statusSize: 2 })
    expect(() => list.set(0, 4)).toThrow(TypeError)
    expect(() => list.set(0, -1)).toThrow(TypeError)
    expect(() => list.get(-1)).toThrow(TypeError)
    expect(() => list.get(1.5)).toThrow(TypeError)
    let error: unknown
    try {
      list.get(list.length)
    } catch (err) {
      error = err
    }
    expect(isPlatformError(error, 'ERR_STATUS_INDEX_OUT_OF_RANGE')).toBe(true)
  })
})

describe('StatusList encoding', () => {
  it('encodes as u + unpadded base64url of GZIP data', () => {
    const encoded = new StatusList().encode()
    expect(encoded).toMatch(/^uH4sI[A-Za-z0-9_-]+$/)
  })

  it('encodes an empty 16 KiB list the same way every time', () => {
    expect(new StatusList().encode()).toBe(new StatusList().encode())
  })

  it('decodes what it encodes, with the same entries set, for any entry size', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.uniqueArray(fc.integer({ min: 0, max: MIN_STATUS_LIST_LENGTH - 1 }), { maxLength: 40 }),
        fc.nat(),
        (statusSize, indexes, seed) => {
          const list = new StatusList({ statusSize })
          const values = indexes.map((index, k) => ((seed + k) % (2 ** statusSize - 1)) + 1)
          indexes.forEach((index, k) => list.set(index, values[k]))
          const decoded = StatusList.decode(list.encode(), { statusSize })
          expect(Buffer.from(decoded.toBytes()).equals(list.toBytes())).toBe(true)
          expect(indexes.map((index) => decoded.get(index))).toEqual(values)
        },
      ),
      { numRuns: 40 },
    )
  })

  it('copies the bytes it is given rather than sharing them', () => {
    const bytes = new Uint8Array(16_384)
    const list = StatusList.fromBytes(bytes)
    bytes[0] = 0xff
    expect(list.isSet(0)).toBe(false)
  })
})
