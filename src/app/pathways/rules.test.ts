import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { countedParts, isComplete, type PartHolding } from './rules.js'

const day = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * 86_400_000).toISOString()
const rules = (over: Partial<Parameters<typeof countedParts>[0]> = {}) => ({ positions: [0, 1, 2], required: 3, ordered: false, windowDays: null, ...over })

describe('pathway rules', () => {
  it('counts each part once, and only parts of the pathway', () => {
    expect(countedParts(rules(), [{ position: 0, issuedAt: day(1) }, { position: 0, issuedAt: day(2) }, { position: 7, issuedAt: day(1) }])).toBe(1)
    expect(isComplete(rules({ required: 2 }), [{ position: 2, issuedAt: null }, { position: 0, issuedAt: day(9) }])).toBe(true)
  })

  it('in order: issuance dates must not decrease along the list; the best chain counts', () => {
    const held: PartHolding[] = [{ position: 0, issuedAt: day(10) }, { position: 1, issuedAt: day(5) }, { position: 2, issuedAt: day(6) }]
    expect(countedParts(rules({ ordered: true }), held)).toBe(2)
    expect(isComplete(rules({ ordered: true, required: 2 }), held)).toBe(true)
    expect(isComplete(rules({ ordered: true }), held)).toBe(false)
    expect(countedParts(rules({ ordered: true }), [{ position: 0, issuedAt: day(1) }, { position: 1, issuedAt: day(1) }, { position: 2, issuedAt: day(3) }])).toBe(3)
    // An undated credential never counts under an order rule.
    expect(countedParts(rules({ ordered: true }), [{ position: 0, issuedAt: null }])).toBe(0)
  })

  it('within a window: the counted parts were all issued within D days', () => {
    const held: PartHolding[] = [{ position: 0, issuedAt: day(0) }, { position: 1, issuedAt: day(20) }, { position: 2, issuedAt: day(25) }]
    expect(countedParts(rules({ windowDays: 10 }), held)).toBe(2)
    expect(countedParts(rules({ windowDays: 25 }), held)).toBe(3)
    expect(countedParts(rules({ windowDays: 4 }), held)).toBe(1)
  })

  it('never counts more than the distinct parts held, and rules only take away', () => {
    const holding = fc.record({ position: fc.nat({ max: 4 }), issuedAt: fc.option(fc.nat({ max: 60 }).map(day), { nil: null }) })
    fc.assert(
      fc.property(fc.array(holding, { maxLength: 10 }), fc.boolean(), fc.option(fc.integer({ min: 1, max: 40 }), { nil: null }), (held, ordered, windowDays) => {
        const r = { positions: [0, 1, 2, 3, 4], required: 5, ordered, windowDays }
        const free = countedParts({ ...r, ordered: false, windowDays: null }, held)
        expect(free).toBe(new Set(held.map((h) => h.position)).size)
        expect(countedParts(r, held)).toBeLessThanOrEqual(free)
      }),
    )
  })
})
