import { describe, expect, it } from 'vitest'
import { randomToken, systemRandom } from './platform.js'

describe('randomToken', () => {
  it('gives tokens of the asked length in base64url, never the same twice, across many pool refills', () => {
    const seen = new Set<string>()
    // Sizes that do not divide the 4 KB pool, so draws straddle every refill.
    for (let i = 0; i < 30_000; i++) {
      const bytes = [16, 32, 7, 1][i % 4]!
      const token = randomToken(bytes)
      expect(Buffer.from(token, 'base64url').length).toBe(bytes)
      expect(token).toMatch(/^[A-Za-z0-9_-]+$/)
      if (bytes >= 16) {
        expect(seen.has(token)).toBe(false)
        seen.add(token)
      }
    }
    expect(seen.size).toBe(15_000)
  })

  it('uses every bit: over many 32-byte tokens each byte position takes values all over 0-255, not a zeroed pool', () => {
    const counts = Array.from({ length: 32 }, () => new Set<number>())
    for (let i = 0; i < 2000; i++) Buffer.from(systemRandom.token(), 'base64url').forEach((byte, at) => counts[at]!.add(byte))
    for (const values of counts) expect(values.size).toBeGreaterThan(200)
  })

  it('draws a token larger than the pool directly, and refuses a size that is not a positive whole number', () => {
    expect(Buffer.from(randomToken(5000), 'base64url').length).toBe(5000)
    for (const bad of [0, -1, 1.5, Number.NaN]) expect(() => randomToken(bad)).toThrow(RangeError)
  })
})
