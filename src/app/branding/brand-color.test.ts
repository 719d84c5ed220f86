import { describe, expect, it } from 'vitest'
import { contrastRatio } from './contrast.js'
import { contrastOnWhite, isReadableBrand, normalizeHexColor, readableShade } from './brand-color.js'

describe('brand colours', () => {
  it('accepts #rgb and #rrggbb in any case and refuses anything else', () => {
    expect(normalizeHexColor(' #1D4ED8 ')).toBe('#1d4ed8')
    expect(normalizeHexColor('#0a5')).toBe('#00aa55')
    for (const bad of ['1d4ed8', '#1d4ed', 'blue', '#gggggg', 'rgb(0,0,0)', '']) expect(normalizeHexColor(bad)).toBeUndefined()
  })

  it('reads a dark colour as readable on white and a light one not', () => {
    expect(isReadableBrand('#1d4ed8')).toBe(true)
    expect(isReadableBrand('#facc15')).toBe(false)
    expect(contrastOnWhite('#facc15')).toBeLessThan(4.5)
  })

  it('suggests a darker shade of the same colour that reads on white', () => {
    const shade = readableShade('#facc15')
    expect(isReadableBrand(shade)).toBe(true)
    expect(contrastRatio(shade, '#ffffff')).toBeLessThan(5.5)
    expect(readableShade('#1d4ed8')).toBe('#1d4ed8')
  })
})
