import { Hono } from 'hono'
import { isLocale } from '../../../app/i18n/locales.js'
import '../../../http/context.js'
import { readForm } from '../../../http/request.js'
import { rememberLocale } from '../../kit/locale.js'
import { localPath } from '../account/next-path.js'

/** Hook that saves a signed-in user's language (set by the composition root once accounts store it). */
export type SaveUserLocale = (userId: string, locale: string) => Promise<void>

/** POST /language: the language switcher. Remembers the choice and goes back to the page it came from. */
export const languageRoutes = (saveUserLocale?: SaveUserLocale): Hono =>
  new Hono().post('/language', async (c) => {
    const form = await readForm(c)
    const locale = form['locale']
    const next = localPath(form['next']) ?? '/'
    if (!isLocale(locale)) return c.redirect(next, 303)
    rememberLocale(c, locale)
    c.set('locale', locale)
    const actor = c.get('actor')
    if (actor?.kind === 'user' && saveUserLocale) await saveUserLocale(actor.user.id, locale)
    return c.redirect(next, 303)
  })
