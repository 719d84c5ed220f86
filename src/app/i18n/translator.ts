import { IntlMessageFormat } from 'intl-messageformat'
import { CATALOGS, type MessageKey } from './catalogs.js'
import { DEFAULT_LOCALE, FORMAT_LOCALE, type Locale } from './locales.js'

/** A value an ICU message takes: `{name}`, `{count, plural, …}`, `{when, date, long}`. */
export type MessageValue = string | number | Date

/** A rich message's values: plain values, or functions wrapping the text between `<tag>…</tag>`. */
export type RichValues<T> = Record<string, MessageValue | T | ((chunks: Array<string | T>) => T)>

/** Everything text-shaped in one language: messages, dates and numbers. */
export interface Translator {
  readonly locale: Locale
  /** The message `key` with its ICU placeholders filled in. */
  t(key: MessageKey, values?: Record<string, MessageValue>): string
  /** A message with tags (`Go back to <link>your dashboard</link>`): strings and what the tag functions return, in order. */
  rich<T>(key: MessageKey, values: RichValues<T>): Array<string | T>
  /** Whether `key` is a message (for keys built at run time, such as error codes). */
  has(key: string): key is MessageKey
  /** A date in this language: `long` "4 December 2026", `medium` "4 Dec 2026", `short` "04/12/2026". */
  date(value: Date | string, style?: 'long' | 'medium' | 'short'): string
  /** A date and time to the minute, in UTC ("4 December 2026, 12:32 UTC"). */
  dateTime(value: Date | string): string
  /** A number with this language's separators. */
  number(value: number, options?: Intl.NumberFormatOptions): string
}

const formats = new Map<string, IntlMessageFormat>()

/** The compiled message (compiled once per language and key). */
function compiled(locale: Locale, key: MessageKey): IntlMessageFormat {
  const id = `${locale}\u0000${key}`
  let format = formats.get(id)
  if (!format) {
    const source = CATALOGS[locale][key] ?? CATALOGS[DEFAULT_LOCALE][key] ?? key
    format = new IntlMessageFormat(source, FORMAT_LOCALE[locale])
    formats.set(id, format)
  }
  return format
}

const asDate = (value: Date | string): Date => (typeof value === 'string' ? new Date(value) : value)

function createTranslator(locale: Locale): Translator {
  const intl = FORMAT_LOCALE[locale]
  const dateFormats = {
    long: new Intl.DateTimeFormat(intl, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }),
    medium: new Intl.DateTimeFormat(intl, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }),
    short: new Intl.DateTimeFormat(intl, { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' }),
  }
  const dateTime = new Intl.DateTimeFormat(intl, { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC', timeZoneName: 'short' })
  const number = new Intl.NumberFormat(intl)
  return {
    locale,
    t: (key, values) => {
      const out = compiled(locale, key).format(values)
      return typeof out === 'string' ? out : String(out)
    },
    rich: <T,>(key: MessageKey, values: RichValues<T>) => {
      const out = compiled(locale, key).format<T>(values as Record<string, MessageValue | T | ((chunks: Array<string | T>) => T)>)
      return (Array.isArray(out) ? out : [out]) as Array<string | T>
    },
    has: (key): key is MessageKey => Object.hasOwn(CATALOGS[DEFAULT_LOCALE], key),
    date: (value, style = 'long') => {
      const d = asDate(value)
      return Number.isNaN(d.getTime()) ? String(value) : dateFormats[style].format(d)
    },
    dateTime: (value) => {
      const d = asDate(value)
      return Number.isNaN(d.getTime()) ? String(value) : dateTime.format(d)
    },
    number: (value, options) => (options ? new Intl.NumberFormat(intl, options).format(value) : number.format(value)),
  }
}

const translators = new Map<Locale, Translator>()

/** The translator of `locale` (one per language, made on first use). */
export function translator(locale: Locale): Translator {
  let found = translators.get(locale)
  if (!found) {
    found = createTranslator(locale)
    translators.set(locale, found)
  }
  return found
}
