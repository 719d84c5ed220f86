import { Hono, type Context } from 'hono'
import { RateLimitedError } from '../../../app/accounts/errors.js'
import { LastOwnerError } from '../../../app/holder/account-erasure.js'
import type { Translator } from '../../../app/i18n/translator.js'
import { InputError, type InputIssue } from '../../../app/platform/input-error.js'
import { isPlatformError } from '../../../core/errors.js'
import { requireUser } from '../../../http/auth/require.js'
import { clearSessionCookie } from '../../../http/auth/session-cookie.js'
import '../../../http/context.js'
import { readForm, readFormAll } from '../../../http/request.js'
import type { FieldErrors } from '../../components/form.js'
import { render, tOf } from '../../kit/render.js'
import { PresentView, type PresentModel } from './present-view.js'
import { AccountDeletedView, DeleteAccountView, NotificationsView } from './privacy-view.js'

/** Each field's first problem in the page's language (the English message when there is no translation). */
function fieldErrorsOf(t: Translator, issues: readonly InputIssue[]): FieldErrors {
  const errors: Record<string, string> = {}
  for (const { path, code, message } of issues) {
    const field = path.split('.')[0] ?? path
    if (errors[field]) continue
    if (field === 'credentials') errors[field] = t.t('holder.error.credentials')
    else if (field === 'challenge' && (code === 'required' || code === 'too_short' || code === 'invalid_type')) errors[field] = t.t('holder.error.challenge')
    else if (code === 'too_long') errors[field] = t.t('holder.error.tooLong', { max: 500 })
    else if (field === 'password' && code === 'mismatch') errors[field] = t.t('holder.delete.wrongPassword')
    else errors[field] = message || t.t('holder.error.invalid')
  }
  return errors
}

async function presentPage(c: Context, userId: string, failed: Omit<PresentModel, 'did' | 'credentials'> = {}, status: 200 | 422 = 200) {
  const { holder } = c.get('platform')
  const [{ did }, credentials] = await Promise.all([holder.did(userId), holder.presentable(userId)])
  return render(c, <PresentView model={{ did, credentials, ...failed }} />, { title: tOf(c).t('holder.present.title'), status })
}

async function deletePage(c: Context, userId: string, email: string, failed: { errors?: FieldErrors; alert?: string } = {}, status: 200 | 409 | 422 | 429 = 200) {
  const soleOwner = await c.get('platform').holder.soleOwnerships(userId)
  return render(c, <DeleteAccountView model={{ email, soleOwner, ...failed }} />, { title: tOf(c).t('holder.delete.title'), status })
}

const list = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v])
const one = (v: string | string[] | undefined): string => (Array.isArray(v) ? (v[0] ?? '') : (v ?? ''))

/**
 * The holder's pages: /wallet/present (a signed presentation to download), /account/notifications,
 * /account/delete and /account/deleted.
 */
export const holderPages = (): Hono =>
  new Hono()
    .get('/wallet/present', (c) => presentPage(c, requireUser(c).id))
    .post('/wallet/present', async (c) => {
      const user = requireUser(c)
      const form = await readFormAll(c)
      const chosen = list(form['credentials'])
      const challenge = one(form['challenge'])
      const domain = one(form['domain']).trim()
      const input = { credentials: chosen, challenge, ...(domain ? { domain } : {}) }
      const values = { challenge, domain }
      try {
        const vp = await c.get('platform').holder.createPresentation(user.id, input)
        const stamp = c.get('platform').now().toISOString().slice(0, 10)
        c.header('Content-Disposition', `attachment; filename="presentation-${stamp}.json"`)
        c.header('Cache-Control', 'no-store')
        return c.body(`${JSON.stringify(vp, null, 2)}\n`, 200, { 'Content-Type': 'application/json; charset=utf-8' })
      } catch (err) {
        const t = tOf(c)
        if (err instanceof InputError && err.issues.length > 0 && err.code === 'ERR_INPUT_INVALID' && err.issues.some((i) => i.path !== ''))
          return presentPage(c, user.id, { chosen, values, errors: fieldErrorsOf(t, err.issues) }, 422)
        if (isPlatformError(err) && ['ERR_NOT_FOUND', 'ERR_INPUT_INVALID', 'ERR_CONTEXT_UNKNOWN', 'ERR_JSONLD'].includes(err.code))
          return presentPage(c, user.id, { chosen, values, alert: t.t('holder.present.failed', { reason: err.message }) }, 422)
        throw err
      }
    })
    .get('/account/notifications', async (c) => {
      const user = requireUser(c)
      const choices = await c.get('platform').holder.notifications(user.id)
      return render(c, <NotificationsView model={{ choices, saved: c.req.query('saved') === '1' }} />, { title: tOf(c).t('holder.notifications.title') })
    })
    .post('/account/notifications', async (c) => {
      const user = requireUser(c)
      const form = await readForm(c)
      await c.get('platform').holder.setNotifications(user.id, { expiryReminders: form['expiryReminders'] === '1', productNews: form['productNews'] === '1' })
      return c.redirect('/account/notifications?saved=1', 303)
    })
    .get('/account/delete', (c) => {
      const user = requireUser(c)
      return deletePage(c, user.id, user.email)
    })
    .post('/account/delete', async (c) => {
      const user = requireUser(c)
      const form = await readForm(c)
      const t = tOf(c)
      try {
        await c.get('platform').holder.deleteAccount(user.id, { password: form['password'] ?? '' })
      } catch (err) {
        if (err instanceof LastOwnerError) return deletePage(c, user.id, user.email, {}, 409)
        if (err instanceof RateLimitedError) {
          c.header('Retry-After', String(err.retryAfterSeconds))
          return deletePage(c, user.id, user.email, { alert: t.t('holder.delete.rateLimited', { minutes: Math.max(1, Math.ceil(err.retryAfterSeconds / 60)) }) }, 429)
        }
        if (err instanceof InputError) return deletePage(c, user.id, user.email, { errors: fieldErrorsOf(t, err.issues) }, 422)
        throw err
      }
      clearSessionCookie(c)
      return c.redirect('/account/deleted', 303)
    })
    .get('/account/deleted', (c) => render(c, <AccountDeletedView />, { title: tOf(c).t('holder.deleted.title') }))
