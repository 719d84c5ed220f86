/** Estimated advance of one character in em: wide for CJK and fullwidth forms, else a bold sans average. */
const charWidth = (char: string): number =>
  /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{20000}-\u{3fffd}]/u.test(char)
    ? 1
    : 0.68

/** Estimated width of `text` in em; SVG has no text metrics without fonts, so this errs wide. */
export const estimateWidth = (text: string): number => [...text].reduce((sum, char) => sum + charWidth(char), 0)

/** Titles no wider than this (in em) stay on one line. */
const ONE_LINE_EM = 10

/**
 * Splits a title into at most two lines, breaking at the space or after the hyphen that makes the
 * longer line shortest; a title with neither that is too wide is cut in the middle.
 */
export function wrapTitle(title: string): string[] {
  if (estimateWidth(title) <= ONE_LINE_EM) return [title]
  const breaks = [...title.matchAll(/ |-(?=.)/g)].map((match) => match.index)
  const candidates = breaks.map((i) => (title[i] === ' ' ? [title.slice(0, i), title.slice(i + 1)] : [title.slice(0, i + 1), title.slice(i + 1)]))
  if (candidates.length === 0) {
    const chars = [...title]
    const middle = Math.ceil(chars.length / 2)
    candidates.push([chars.slice(0, middle).join(''), chars.slice(middle).join('')])
  }
  const widest = (lines: string[]) => Math.max(...lines.map(estimateWidth))
  return candidates.reduce((best, lines) => (widest(lines) < widest(best) ? lines : best))
}

/** The largest font size, at most `max`, at which every line fits in `width`. */
export const fitFontSize = (lines: readonly string[], width: number, max: number): number =>
  Math.min(max, Math.floor(width / Math.max(...lines.map(estimateWidth))))
