import { SaxesParser } from 'saxes'
import { describe, expect, it } from 'vitest'
import { isPlatformError } from '../core/errors.js'
import { BADGE_ICONS } from './badge-icons.js'
import { BADGE_SHAPES } from './badge-shapes.js'
import { DESIGN_DEFAULTS, designBadgeSvg, type BadgeDesign } from './badge-designer.js'
import { sanitizeSvg } from './sanitize-svg.js'
import { bakeSvg, extractFromSvg } from './svg-baking.js'

const elements = (xml: string) => {
  const found: Array<{ name: string; attributes: Record<string, string>; text: string }> = []
  const open: typeof found = []
  const parser = new SaxesParser()
  parser.on('opentag', (tag) => {
    const element = { name: tag.name, attributes: tag.attributes as Record<string, string>, text: '' }
    found.push(element)
    if (!tag.isSelfClosing) open.push(element)
  })
  parser.on('closetag', (tag) => {
    if (!tag.isSelfClosing) open.pop()
  })
  parser.on('text', (text) => open.forEach((element) => (element.text += text)))
  parser.write(xml).close()
  return found
}

const problem = (design: unknown): string => {
  try {
    designBadgeSvg(design as BadgeDesign)
  } catch (err) {
    expect(isPlatformError(err, 'ERR_INPUT_INVALID')).toBe(true)
    return (err as Error).message
  }
  throw new Error('expected the design to be refused')
}

describe('designBadgeSvg', () => {
  it('draws a 512 × 512 image with an accessible title', () => {
    const svg = designBadgeSvg({ shape: 'shield', icon: 'code', title: 'TypeScript', subtitle: 'Level 2' })
    const [root, title] = elements(svg)
    expect(root).toMatchObject({ name: 'svg', attributes: { viewBox: '0 0 512 512', width: '512', height: '512', role: 'img' } })
    expect(title).toMatchObject({ name: 'title', text: 'TypeScript: Level 2' })
    expect(elements(svg).filter((e) => e.name === 'text').map((e) => e.text)).toEqual(['TypeScript', 'Level 2'])
  })

  it('draws every shape with every icon as a self-contained SVG that the sanitizer leaves untouched', () => {
    for (const shape of BADGE_SHAPES)
      for (const icon of BADGE_ICONS) {
        const svg = designBadgeSvg({ shape, icon, title: `${shape} ${icon}` })
        expect(sanitizeSvg(svg)).toBe(svg)
        expect(svg).not.toMatch(/href|url\(|<script|<style|<image|@font-face/)
        expect(svg).toMatch(/font-family="[^"]*sans-serif"/)
      }
  })

  it('escapes the title and subtitle instead of letting them become markup', () => {
    const svg = designBadgeSvg({ title: '<script>alert(1)</script> & Co', subtitle: '"><g onload="x' })
    expect(svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(elements(svg).map((e) => e.name)).not.toContain('script')
    expect(elements(svg).some((e) => 'onload' in e.attributes)).toBe(false)
  })

  it('wraps a long title onto two lines and keeps a short one on one', () => {
    const lines = (title: string) => elements(designBadgeSvg({ title })).filter((e) => e.name === 'tspan').map((e) => e.text)
    expect(lines('Python Programming Fundamentals')).toEqual(['Python Programming', 'Fundamentals'])
    expect(lines('SQL')).toEqual(['SQL'])
  })

  it('starts from DESIGN_DEFAULTS and uses the foreground for the ring when no accent is given', () => {
    const svg = designBadgeSvg({ title: 'Defaults' })
    expect(svg).toContain(`<circle cx="256" cy="256" r="244" fill="${DESIGN_DEFAULTS.background}"/>`)
    expect(svg).toContain(`stroke="${DESIGN_DEFAULTS.foreground}" stroke-width="12"`)
    expect(designBadgeSvg({ title: 'Gold', accent: '#F2C14E' })).toContain('stroke="#f2c14e" stroke-width="12"')
  })

  it('draws the same badge for the same design', () => {
    const design = { shape: 'ribbon', icon: 'trophy', title: 'Winner', background: '#0b3d2e', foreground: '#ffffff' } as const
    expect(designBadgeSvg(design)).toBe(designBadgeSvg({ ...design }))
  })

  it('can be baked, and the credential read back', () => {
    const jwt = 'eyJhbGciOiJFZERTQSJ9.eyJ2YyI6e319.c2ln'
    expect(extractFromSvg(bakeSvg(designBadgeSvg({ title: 'Baked' }), jwt))).toBe(jwt)
  })

  it('names the field at fault', () => {
    expect(problem({ title: 'x', shape: 'triangle' })).toBe(
      'badge design is invalid: shape: must be one of circle, shield, hexagon, ribbon, square',
    )
    expect(problem({ title: 'x', icon: 'skull' })).toMatch(/^badge design is invalid: icon: must be one of star, book/)
    expect(problem({ title: 'x', background: 'red' })).toBe('badge design is invalid: background: must be a colour like #1f4e79')
    expect(problem({ title: 'x'.repeat(41) })).toBe('badge design is invalid: title: must be at most 40 characters')
    expect(problem({ title: '   ' })).toBe('badge design is invalid: title: is required')
    expect(problem({ title: 'a\u0000b' })).toBe('badge design is invalid: title: must not contain control characters')
    expect(problem({})).toMatch(/^badge design is invalid: title: /)
    expect(problem({ title: 'x', colour: '#000000' })).toMatch(/^badge design is invalid: design: Unrecognized key: "colour"/)
  })

  it('counts characters, not UTF-16 units, against the title limit', () => {
    expect(() => designBadgeSvg({ title: '🏅'.repeat(40) })).not.toThrow()
  })

  it('refuses a foreground that cannot be read on the background', () => {
    expect(problem({ title: 'x', background: '#ffffff', foreground: '#eeeeee' })).toBe(
      'badge design is invalid: foreground: has contrast 1.2:1 with the background; at least 3:1 keeps the title readable',
    )
  })
})
