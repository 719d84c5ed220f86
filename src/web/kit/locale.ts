// The request's language: the language switcher's cookie, then Accept-Language, then English.
// Worked out once per request, when first asked (`localeOf`).
import type { Context } from 'hono'
import { getCookie, setCookie } from 'hono/cookie'
import { DEFAULT_LOCALE, isLocale, negotiateLocale, type Locale } from '../../app/i18n/locales.js'
import '../../http/context.js'

/** The cookie the language switcher sets (a year; not a secret). */
export const LOCALE_COOKIE = 'emblem_locale'

/**
 * The locale of a request: the language switcher's cookie, then Accept-Language, then English;
 * worked out the first time a page or message asks (a JSON route never does) and kept on the
 * context (the language route sets it when the choice changes).
 */
export function localeOf(c: Context): Locale {
  const chosen = c.get('locale')
  if (chosen !== undefined) return chosen
  const cookie = getCookie(c, LOCALE_COOKIE)
  const locale = isLocale(cookie) ? cookie : (negotiateLocale(c.req.header('accept-language')) ?? DEFAULT_LOCALE)
  c.set('locale', locale)
  return locale
}

/** Remembers a language choice in the browser. */
export function rememberLocale(c: Context, locale: Locale): void {
  setCookie(c, LOCALE_COOKIE, locale, { path: '/', maxAge: 60 * 60 * 24 * 365, sameSite: 'Lax', httpOnly: true, secure: new URL(c.req.url).protocol === 'https:' })
}
