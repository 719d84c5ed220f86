import { describe, expect, it } from 'vitest'
import { caseInsensitiveSource, flaglessPattern, fixPatterns } from './regex-pattern.js'

describe('flaglessPattern', () => {
  it('folds the i flag into the source so it matches what the flagged regex matches', () => {
    const flagged = /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}$/i
    const pattern = new RegExp(flaglessPattern(`${flagged.source}/i`))
    for (const value of ['urn:uuid:0123abcd-ef01', 'URN:UUID:0123ABCD-EF01', 'Urn:Uuid:0123aBcD-Ef01', 'urn:uuid:0123abcg-ef01', 'urn:uuid:0123abcd-ef0'])
      expect(pattern.test(value), value).toBe(flagged.test(value))
  })

  it('keeps escapes (\\s, \\x21, \\uffff) and character classes intact', () => {
    expect(caseInsensitiveSource('^https?:\\/\\/[^\\s/?#]+[^\\s]*$')).toBe('^[hH][tT][tT][pP][sS]?:\\/\\/[^\\s/?#]+[^\\s]*$')
    expect(caseInsensitiveSource('^[\\x21-\\x7e\\uffff]$')).toBe('^[\\x21-\\x7e\\uffff]$')
    expect(caseInsensitiveSource('^[a-z0-9+.-]$')).toBe('^[a-zA-Z0-9+.-]$')
  })

  it('leaves patterns without flags alone and rewrites every pattern of a document', () => {
    expect(flaglessPattern('^[0-9a-f]{64}$')).toBe('^[0-9a-f]{64}$')
    const doc = { a: { pattern: '^x$/i' }, b: [{ pattern: '^y$/u' }], c: { description: 'pattern ^z$/i' } }
    fixPatterns(doc)
    expect(doc).toEqual({ a: { pattern: '^[xX]$' }, b: [{ pattern: '^y$' }], c: { description: 'pattern ^z$/i' } })
  })
})
