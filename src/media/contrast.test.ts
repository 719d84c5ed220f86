import { describe, expect, it } from 'vitest'
import { contrastRatio } from './contrast.js'

describe('contrastRatio', () => {
  it('gives the WCAG ratios: 21 for black on white, 1 for a colour on itself, in either order', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5)
    expect(contrastRatio('#ffffff', '#000000')).toBeCloseTo(21, 5)
    expect(contrastRatio('#1f4e79', '#1f4e79')).toBe(1)
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2)
  })
})
