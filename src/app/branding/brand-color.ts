import { contrastRatio } from './contrast.js'

/** The least contrast a brand colour needs against white: it is the colour of links and buttons on white pages and e-mails (WCAG 2.2 AA for text). */
export const BRAND_MIN_CONTRAST = 4.5

const WHITE = '#ffffff'

/** `#rgb` or `#rrggbb` (any case, spaces around) as `#rrggbb` in lower case; undefined when it is not a hex colour. */
export function normalizeHexColor(value: string): string | undefined {
  const v = value.trim().toLowerCase()
  if (/^#[0-9a-f]{6}$/.test(v)) return v
  if (/^#[0-9a-f]{3}$/.test(v)) return `#${[...v.slice(1)].map((ch) => ch + ch).join('')}`
  return undefined
}

/** How well `color` reads on white, rounded down to one decimal (so "4.4" never passes as 4.5). */
export const contrastOnWhite = (color: string): number => Math.floor(contrastRatio(color, WHITE) * 10) / 10

/** Whether `color` (`#rrggbb`) reads as text on white. */
export const isReadableBrand = (color: string): boolean => contrastRatio(color, WHITE) >= BRAND_MIN_CONTRAST

/** The nearest darker shade of `color` (same hue, channels scaled down) that reads on white: what a refusal suggests. */
export function readableShade(color: string): string {
  const channels = [1, 3, 5].map((i) => parseInt(color.slice(i, i + 2), 16))
  for (let scale = 1; scale >= 0; scale -= 0.01) {
    const shade = `#${channels.map((ch) => Math.round(ch * scale).toString(16).padStart(2, '0')).join('')}`
    if (isReadableBrand(shade)) return shade
  }
  return '#000000'
}
