import type { Context } from 'hono'
import { html } from 'hono/html'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { renderPage } from '../../page.js'
import { csrfField, errorSummary, field, formAlert, type FieldErrors } from './form.js'
import { withNext } from './next-path.js'

const LABELS = { email: 'E-mail address', password: 'Password' }

/** Notices other pages send people to the sign-in page with (a fixed set: nothing from the URL is shown). */
const NOTICES = {
  'signed-out': 'You are signed out.',
  'signed-out-everywhere': 'You are signed out on every device. Sign in again to continue.',
  verified: 'Your e-mail address is confirmed. Sign in to continue.',
} as const

/** Shows a notice code from the query only when it is one of ours. */
export const signInNotice = (code: string | undefined): string | undefined => (code && code in NOTICES ? NOTICES[code as keyof typeof NOTICES] : undefined)

/** The sign-in form; after a failure, the e-mail kept and the reason shown (401, 422 or 429). */
export function signInPage(
  c: Context,
  { email, errors, alert, notice, next, status = 200 }: { email?: string; errors?: FieldErrors; alert?: string; notice?: string | undefined; next?: string | undefined; status?: ContentfulStatusCode } = {},
) {
  return renderPage(c, {
    title: 'Sign in',
    status,
    main: html`<div class="narrow">
      <h1>Sign in</h1>
      ${notice ? html`<div class="alert ok" role="status"><p>${notice}</p></div>` : ''}
      ${errorSummary(errors, LABELS)} ${formAlert(alert)}
      <form method="post" action="${withNext('/sign-in', next)}" novalidate>
        ${csrfField(c)}
        ${field({ name: 'email', label: LABELS.email, type: 'email', value: email, autocomplete: 'username', errors, maxlength: 254 })}
        ${field({ name: 'password', label: LABELS.password, type: 'password', autocomplete: 'current-password', errors, maxlength: 1000 })}
        <div class="actions">
          <button type="submit">Sign in</button>
          <a href="/forgot-password">Forgot your password?</a>
        </div>
      </form>
      <p>New to Emblem? <a href="${withNext('/sign-up', next)}">Create an account</a></p>
    </div>`,
  })
}
