import { describe, expect, it } from 'vitest'
import { ellipsize, fitLine, wrapLines, type TextMeasure } from './pdf-layout.js'

/** Every character is 0.5 em wide. */
const mono: TextMeasure = { widthOfTextAtSize: (text, size) => [...text].length * size * 0.5 }

describe('fitLine', () => {
  it('keeps the size when the text fits, and shrinks it when not', () => {
    expect(fitLine(mono, 'abcd', 100, 20, 8)).toEqual({ text: 'abcd', size: 20 })
    expect(fitLine(mono, 'abcdefghij', 50, 20, 8)).toEqual({ text: 'abcdefghij', size: 10 })
  })

  it('cuts with an ellipsis below the minimum size', () => {
    expect(fitLine(mono, 'abcdefghijklmnopqrst', 50, 20, 8)).toEqual({ text: 'abcdefghijk…', size: 8 })
  })
})

describe('ellipsize', () => {
  it('cuts to the widest prefix that fits with the ellipsis', () => {
    expect(ellipsize(mono, 'hello world', 10, 30)).toBe('hello…')
    expect(ellipsize(mono, 'short', 10, 30)).toBe('short')
  })
})

describe('wrapLines', () => {
  it('wraps at spaces', () => {
    expect(wrapLines(mono, 'the quick brown fox jumps', 10, 50, 5)).toEqual(['the quick', 'brown fox', 'jumps'])
  })

  it('breaks a word wider than the line between characters', () => {
    expect(wrapLines(mono, 'https://emblem.example/v/123', 10, 50, 5)).toEqual(['https://em', 'blem.examp', 'le/v/123'])
    expect(wrapLines(mono, 'ID: urn:uuid:1234567890', 10, 50, 5)).toEqual(['ID: urn:uu', 'id:1234567', '890'])
    expect(wrapLines(mono, 'a fine days', 10, 50, 5)).toEqual(['a fine', 'days'])
  })

  it('ends the last line with an ellipsis when there is more text than lines', () => {
    expect(wrapLines(mono, 'one two three four five six', 10, 50, 2)).toEqual(['one two', 'three fou…'])
  })
})
