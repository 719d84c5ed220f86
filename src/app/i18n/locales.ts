/** The languages Emblem's interface, e-mails and certificates are written in; English is complete by definition. */
export const LOCALES = ['en', 'de', 'fr', 'es', 'nl'] as const
export type Locale = (typeof LOCALES)[number]

/** The language everything falls back to. */
export const DEFAULT_LOCALE: Locale = 'en'

/** Each language's own name for itself (what a language switcher shows). */
export const LOCALE_NAMES: Readonly<Record<Locale, string>> = { en: 'English', de: 'Deutsch', fr: 'Français', es: 'Español', nl: 'Nederlands' }

/**
 * The Intl locale dates and numbers are formatted in: English uses the day-month-year order of
 * the EU audience ("4 December 2026") rather than the US one.
 */
export const FORMAT_LOCALE: Readonly<Record<Locale, string>> = { en: 'en-GB', de: 'de-DE', fr: 'fr-FR', es: 'es-ES', nl: 'nl-NL' }

export const isLocale = (value: unknown): value is Locale => typeof value === 'string' && (LOCALES as readonly string[]).includes(value)

/**
 * The best supported language for an `Accept-Language` header (RFC 9110 §12.5.4): ranges by
 * descending q, a region falling back to its language (`de-AT` → `de`), `q=0` excluded, `*` meaning
 * the default. Undefined when nothing matches (the caller picks the default).
 */
export function negotiateLocale(header: string | undefined): Locale | undefined {
  if (!header) return undefined
  const ranges = header
    .slice(0, 1000)
    .split(',')
    .map((part, order) => {
      const [tag = '', ...params] = part.trim().split(';')
      const q = params.map((p) => /^\s*q\s*=\s*([0-9.]+)\s*$/i.exec(p)?.[1]).find((v) => v !== undefined)
      return { tag: tag.trim().toLowerCase(), q: q === undefined ? 1 : Number(q), order }
    })
    .filter((r) => r.tag !== '' && Number.isFinite(r.q) && r.q > 0)
    .sort((a, b) => b.q - a.q || a.order - b.order)
  for (const { tag } of ranges) {
    if (tag === '*') return DEFAULT_LOCALE
    const language = tag.split('-')[0]
    if (isLocale(language)) return language
  }
  return undefined
}
