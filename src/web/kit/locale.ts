// The request's language: the signed-in user's setting, then the language switcher's cookie, then
// Accept-Language, then English. Set on the context once by `localeMiddleware`.
import type { Context, MiddlewareHandler } from 'hono'
import { getCookie, setCookie } from 'hono/cookie'
import { DEFAULT_LOCALE, isLocale, negotiateLocale, type Locale } from '../../app/i18n/locales.js'
import '../../http/context.js'

/** The cookie the language switcher sets (a year; not a secret). */
export const LOCALE_COOKIE = 'emblem_locale'

/** The locale of a request (the middleware's choice, or the default before it ran). */
export const localeOf = (c: Context): Locale => c.get('locale') ?? DEFAULT_LOCALE

/** Picks the request's language. `userLocale` reads the signed-in user's saved choice, if any. */
export const localeMiddleware =
  (userLocale: (c: Context) => string | undefined = () => undefined): MiddlewareHandler =>
  async (c, next) => {
    const saved = userLocale(c)
    const cookie = getCookie(c, LOCALE_COOKIE)
    const locale = isLocale(saved) ? saved : isLocale(cookie) ? cookie : (negotiateLocale(c.req.header('accept-language')) ?? DEFAULT_LOCALE)
    c.set('locale', locale)
    await next()
  }

/** Remembers a language choice in the browser. */
export function rememberLocale(c: Context, locale: Locale): void {
  setCookie(c, LOCALE_COOKIE, locale, { path: '/', maxAge: 60 * 60 * 24 * 365, sameSite: 'Lax', httpOnly: true, secure: new URL(c.req.url).protocol === 'https:' })
}
