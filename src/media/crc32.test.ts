import { describe, expect, it } from 'vitest'
import { crc32 } from './crc32.js'

describe('crc32', () => {
  it('gives the standard check value for "123456789"', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926)
  })

  it('is 0 for no bytes and continues across pieces', () => {
    const bytes = new TextEncoder().encode('IHDR and some data')
    expect(crc32(new Uint8Array())).toBe(0)
    expect(crc32(bytes.subarray(4), crc32(bytes.subarray(0, 4)))).toBe(crc32(bytes))
  })
})
