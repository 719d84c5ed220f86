// `[data-brand-preview]` beside an `input[data-brand-input]`: the preview follows the colour as it
// is typed (#rgb or #rrggbb), its text in white or near-black, whichever reads better, the way the
// server draws it. Without this script the preview shows the saved colour.

const HEX = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i

/** `#rgb` or `#rrggbb` as `#rrggbb`, or undefined. */
function normalized(value: string): string | undefined {
  const v = value.trim().toLowerCase()
  if (!HEX.test(v)) return undefined
  return v.length === 4 ? `#${[...v.slice(1)].map((ch) => ch + ch).join('')}` : v
}

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
  }) as [number, number, number]
  return 0.2126 * r + 0.7152 * g + 0.0722 * b
}

const ratio = (a: number, b: number) => (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05)

/** White or near-black, whichever reads better on `hex` (as branding/contrast.ts's inkOn). */
const inkOn = (hex: string) => (ratio(luminance(hex), 1) >= ratio(luminance(hex), luminance('#111827')) ? '#ffffff' : '#111827')

export function enhanceBrandPreview(root: ParentNode): void {
  for (const preview of root.querySelectorAll<HTMLElement>('[data-brand-preview]')) {
    const input = preview.closest('form')?.querySelector<HTMLInputElement>('input[data-brand-input]')
    if (!input) continue
    const fallback = preview.dataset['default'] ?? '#4f46e5'
    const update = () => {
      const color = normalized(input.value) ?? fallback
      for (const el of preview.querySelectorAll('[data-brand-fill]')) el.setAttribute('fill', color)
      for (const el of preview.querySelectorAll('[data-brand-ink]')) el.setAttribute('fill', inkOn(color))
    }
    input.addEventListener('input', update)
  }
}
