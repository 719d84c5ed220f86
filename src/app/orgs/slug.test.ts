import { describe, expect, it } from 'vitest'
import { countryName, isCountryCode } from './countries.js'
import { slugProblem, suggestSlug } from './slug.js'

describe('suggestSlug', () => {
  it('drops accents and punctuation and joins words with single hyphens', () => {
    expect(suggestSlug('Université de Genève')).toBe('universite-de-geneve')
    expect(suggestSlug('  ACME  —  Academy (Online) ')).toBe('acme-academy-online')
  })

  it('stops at a whole word within 40 characters, and gives up on names without letters or digits', () => {
    const slug = suggestSlug('The International Institute of Advanced Studies in Basic Sciences')
    expect(slug).toBe('the-international-institute-of-advanced')
    expect(slug.length).toBeLessThanOrEqual(40)
    expect(suggestSlug('北京大学')).toBe('')
    expect(suggestSlug('X')).toBe('')
  })
})

describe('slugProblem', () => {
  it('accepts lower-case words joined by single hyphens, and refuses reserved words', () => {
    expect(slugProblem('physics-lab')).toBeUndefined()
    for (const bad of ['-lead', 'trail-', 'double--hyphen', 'Upper', 'a', 'x'.repeat(41), 'with space']) expect(slugProblem(bad), bad).toMatch(/lower-case/)
    expect(slugProblem('new')).toMatch(/reserved/)
  })
})

describe('countries', () => {
  it('knows ISO 3166-1 alpha-2 codes in upper case only, with English names', () => {
    expect(isCountryCode('FI')).toBe(true)
    expect(isCountryCode('fi')).toBe(false)
    expect(isCountryCode('EU')).toBe(false)
    expect(countryName('DE')).toBe('Germany')
  })
})
