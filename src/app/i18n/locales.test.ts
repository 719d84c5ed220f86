import { describe, expect, it } from 'vitest'
import { negotiateLocale } from './locales.js'
import { translator } from './translator.js'

describe('negotiateLocale', () => {
  it('picks the best supported language by q-value, falling back from a region to its language', () => {
    expect(negotiateLocale('de-AT,de;q=0.9,en;q=0.8')).toBe('de')
    expect(negotiateLocale('ja, fr-CA;q=0.7, en;q=0.5')).toBe('fr')
    expect(negotiateLocale('en;q=0.2, nl;q=0.9')).toBe('nl')
  })

  it('ignores excluded and unknown languages, and reads * as the default', () => {
    expect(negotiateLocale('es;q=0, ja')).toBeUndefined()
    expect(negotiateLocale('ja, *;q=0.1')).toBe('en')
    expect(negotiateLocale('')).toBeUndefined()
    expect(negotiateLocale(undefined)).toBeUndefined()
    expect(negotiateLocale('q=;;,,;')).toBeUndefined()
  })
})

describe('translator', () => {
  it('formats plurals, numbers and dates in the language', () => {
    expect(translator('en').t('common.form.problemTitle', { count: 3 })).toBe('There are 3 problems')
    expect(translator('de').t('common.form.problemTitle', { count: 1 })).toBe('Es gibt ein Problem')
    expect(translator('de').number(12345)).toBe('12.345')
    expect(translator('fr').date('2026-12-04T10:00:00Z')).toBe('4 décembre 2026')
    expect(translator('en').date('2026-12-04T10:00:00Z')).toBe('4 December 2026')
    expect(translator('nl').date('2026-12-04T10:00:00Z', 'medium')).toBe('4 dec 2026')
  })

  it('tells message keys apart from other strings', () => {
    expect(translator('en').has('common.nav.signIn')).toBe(true)
    expect(translator('en').has('common.nav.nope')).toBe(false)
  })
})
