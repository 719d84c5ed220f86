import { describe, expect, it } from 'vitest'
import { contrastRatio, inkOn } from './contrast.js'

describe('contrastRatio', () => {
  it('gives the WCAG ratios: 21 for black on white, 1 for a colour on itself, in either order', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5)
    expect(contrastRatio('#ffffff', '#000000')).toBeCloseTo(21, 5)
    expect(contrastRatio('#1f4e79', '#1f4e79')).toBe(1)
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2)
  })
})

describe('inkOn', () => {
  it('writes white on dark and near-black on light colours, whichever contrasts more', () => {
    expect(inkOn('#4f46e5')).toBe('#ffffff')
    expect(inkOn('#fde68a')).toBe('#111827')
    expect(inkOn('#000000')).toBe('#ffffff')
  })
})
