/** Letters that do not decompose into an ASCII base letter, and punctuation that has a plain twin. */
const SUBSTITUTES: Readonly<Record<string, string>> = {
  'ł': 'l', 'Ł': 'L', 'đ': 'd', 'Đ': 'D', 'ħ': 'h', 'Ħ': 'H', 'ı': 'i', 'ŋ': 'n', 'Ŋ': 'N', 'ə': 'e', 'Ə': 'E',
  'ĸ': 'k', 'ſ': 's', 'ŧ': 't', 'Ŧ': 'T', 'ȷ': 'j',
  '‐': '-', '‑': '-', '‒': '-', '−': '-', '′': "'", '″': '"', '‹': '<', '›': '>', '≤': '<=', '≥': '>=',
  '→': '->', '←': '<-', '✓': 'v', '✔': 'v', '⁄': '/',
}

/**
 * Rewrites `text` into characters a font can encode: encodable characters stay; line breaks and
 * unusual spaces become spaces, other control characters go; letters with diacritics or
 * compatibility forms fall back to their base letters (ă → a, ﬁ → fi); a few letters and marks have
 * plain substitutes (ł → l, ≥ → >=); anything else becomes `?`. Never throws.
 * @example
 * toEncodable('Zoë Ñúñez 王 Łódź', (c) => c < 0x100) // 'Zoë Ñúñez ? Lódz'
 */
export function toEncodable(text: string, canEncode: (codePoint: number) => boolean): string {
  let out = ''
  for (const char of text) {
    const codePoint = char.codePointAt(0)!
    if (/[\p{Zs}\p{Zl}\p{Zp}\t\n\r\f\v]/u.test(char)) out += ' '
    else if (/[\p{Cc}\p{Cf}]/u.test(char)) continue
    else if (canEncode(codePoint)) out += char
    else out += fallback(char, canEncode)
  }
  return out
}

function fallback(char: string, canEncode: (codePoint: number) => boolean): string {
  const encodable = (s: string) => s !== '' && [...s].every((c) => canEncode(c.codePointAt(0)!))
  const substitute = SUBSTITUTES[char]
  if (substitute !== undefined && encodable(substitute)) return substitute
  const base = char.normalize('NFKD').replace(/\p{M}/gu, '')
  return encodable(base) ? base : '?'
}
