import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser'
import { describe, expect, it } from 'vitest'
import { CATALOGS } from './catalogs.js'
import { LOCALES } from './locales.js'

/** The argument names and tags a message uses, sorted: what a translation must keep. */
function placeholdersOf(message: string): string[] {
  const names = new Set<string>()
  const walk = (elements: MessageFormatElement[]) => {
    for (const el of elements) {
      if (el.type === TYPE.argument || el.type === TYPE.number || el.type === TYPE.date || el.type === TYPE.time) names.add(el.value)
      if (el.type === TYPE.plural || el.type === TYPE.select) {
        names.add(el.value)
        for (const option of Object.values(el.options)) walk(option.value)
      }
      if (el.type === TYPE.tag) {
        names.add(`<${el.value}>`)
        walk(el.children)
      }
    }
  }
  walk(parse(message))
  return [...names].sort()
}

const english = CATALOGS.en

describe('message catalogs', () => {
  for (const locale of LOCALES.filter((l) => l !== 'en')) {
    it(`${locale} has every message English has, and no other`, () => {
      const catalog = CATALOGS[locale]
      expect(Object.keys(english).filter((key) => !(key in catalog))).toEqual([])
      expect(Object.keys(catalog).filter((key) => !(key in english))).toEqual([])
    })

    it(`${locale} keeps each message's placeholders and tags`, () => {
      const differing = Object.entries(english)
        .filter(([key, message]) => {
          const translated = (CATALOGS[locale] as Record<string, string>)[key]
          return translated !== undefined && placeholdersOf(translated).join() !== placeholdersOf(message!).join()
        })
        .map(([key]) => key)
      expect(differing).toEqual([])
    })
  }

  it('every message in every language is valid ICU MessageFormat', () => {
    for (const locale of LOCALES) for (const message of Object.values(CATALOGS[locale])) expect(() => parse(message!)).not.toThrow()
  })

  it('keys start with their area and use only lower camel case segments', () => {
    for (const key of Object.keys(english)) expect(key).toMatch(/^[a-z]+(\.[a-zA-Z0-9-]+)+$/)
  })
})
