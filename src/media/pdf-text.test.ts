import { StandardFonts, PDFDocument } from 'pdf-lib'
import { describe, expect, it } from 'vitest'
import { toEncodable } from './pdf-text.js'

const latin1 = (codePoint: number) => (codePoint >= 0x20 && codePoint < 0x7f) || (codePoint >= 0xa0 && codePoint <= 0xff)

describe('toEncodable', () => {
  it('keeps characters the font has and replaces the rest', () => {
    expect(toEncodable('Zoë Ñúñez 王', latin1)).toBe('Zoë Ñúñez ?')
  })

  it('falls back to base letters, compatibility forms and plain substitutes', () => {
    expect(toEncodable('Łódź Ștefan Dvořák ﬁne Ａ ≥ 3', latin1)).toBe('Lódz Stefan Dvorák fine A >= 3')
  })

  it('turns line breaks and odd spaces into spaces and drops control and format characters', () => {
    expect(toEncodable('a\nb\u2009c\u0007d\u200be', latin1)).toBe('a b cde')
  })

  it('produces text that pdf-lib can encode with a standard font', async () => {
    const font = await (await PDFDocument.create()).embedFont(StandardFonts.Helvetica)
    const charset = new Set(font.getCharacterSet())
    const text = toEncodable('Zoë Ñúñez 王 — “Ωmega” € Привет 🎓 Łukasz', (c) => charset.has(c))
    expect(() => font.encodeText(text)).not.toThrow()
    expect(text).toBe('Zoë Ñúñez ? — “?mega” € ?????? ? Lukasz')
  })
})
