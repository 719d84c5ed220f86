import { describe, expect, it } from 'vitest'
import { estimateWidth, fitFontSize, wrapTitle } from './badge-text.js'

describe('wrapTitle', () => {
  it('keeps a short title on one line', () => {
    expect(wrapTitle('Data Analytics')).toEqual(['Data Analytics'])
  })

  it('breaks a long title at the space that balances the two lines', () => {
    expect(wrapTitle('Python Programming Fundamentals')).toEqual(['Python Programming', 'Fundamentals'])
    expect(wrapTitle('TypeScript Foundations & Advanced Types')).toEqual(['TypeScript Foundations', '& Advanced Types'])
  })

  it('breaks after a hyphen, and cuts an unbreakable word in the middle', () => {
    expect(wrapTitle('Incredibly-Long-Hyphenated-Singleword')).toEqual(['Incredibly-Long-', 'Hyphenated-Singleword'])
    expect(wrapTitle('Pneumonoultramicroscopicsilicovolcano')).toEqual(['Pneumonoultramicros', 'copicsilicovolcano'])
  })
})

describe('fitFontSize', () => {
  it('shrinks the font until the widest line fits, up to a maximum', () => {
    expect(fitFontSize(['SQL'], 360, 46)).toBe(46)
    const size = fitFontSize(['Python Programming', 'Fundamentals'], 300, 46)
    expect(size * estimateWidth('Python Programming')).toBeLessThanOrEqual(300)
  })

  it('counts CJK characters as wide', () => {
    expect(estimateWidth('王王')).toBe(2)
    expect(estimateWidth('ab')).toBeLessThan(2)
  })
})
