/** What layout needs from a font: pdf-lib's `PDFFont` satisfies it. */
export interface TextMeasure {
  widthOfTextAtSize(text: string, size: number): number
}

const ELLIPSIS = '…'

/** `text` cut to fit `maxWidth`, ending in an ellipsis when anything was cut. */
export function ellipsize(font: TextMeasure, text: string, size: number, maxWidth: number): string {
  if (font.widthOfTextAtSize(text, size) <= maxWidth) return text
  const chars = [...text]
  let [low, high] = [0, chars.length]
  while (low < high) {
    const mid = Math.ceil((low + high) / 2)
    if (font.widthOfTextAtSize(chars.slice(0, mid).join('').trimEnd() + ELLIPSIS, size) <= maxWidth) low = mid
    else high = mid - 1
  }
  return chars.slice(0, low).join('').trimEnd() + ELLIPSIS
}

/** One line at the largest size from `size` down to `minSize` that fits; cut with an ellipsis if even `minSize` is too wide. */
export function fitLine(
  font: TextMeasure,
  text: string,
  maxWidth: number,
  size: number,
  minSize: number,
): { text: string; size: number } {
  const natural = font.widthOfTextAtSize(text, size)
  if (natural <= maxWidth) return { text, size }
  const fitted = Math.max(minSize, Math.floor(((size * maxWidth) / natural) * 10) / 10)
  return { text: ellipsize(font, text, fitted, maxWidth), size: fitted }
}

/**
 * Wraps `text` at spaces into at most `maxLines` lines no wider than `maxWidth`; a word wider than
 * a line is broken between characters where it stands (URLs, identifiers). Text beyond the last line is cut with an ellipsis.
 */
export function wrapLines(font: TextMeasure, text: string, size: number, maxWidth: number, maxLines: number): string[] {
  const fits = (line: string) => font.widthOfTextAtSize(line, size) <= maxWidth
  const lines: string[] = []
  let line = ''
  for (const word of text.split(' ').filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word
    if (fits(candidate)) {
      line = candidate
      continue
    }
    // A word too wide for any line is broken where it stands; one that fits a line of its own moves there.
    const breaking = !fits(word)
    if (line && !breaking) lines.push(line)
    line = breaking && line ? `${line} ` : ''
    for (const char of word) {
      if (line && !fits(line + char)) {
        lines.push(line)
        line = ''
      }
      line += char
    }
  }
  if (line) lines.push(line)
  if (lines.length <= maxLines) return lines
  const kept = lines.slice(0, maxLines)
  kept[maxLines - 1] = ellipsize(font, `${kept[maxLines - 1]} ${lines.slice(maxLines).join(' ')}`, size, maxWidth)
  return kept
}
