import type { Context } from 'hono'
import { html } from 'hono/html'
import { PASSWORD_MAX, PASSWORD_MIN } from '../../../app/accounts/index.js'
import { renderPage } from '../../page.js'
import { csrfField, errorSummary, field, type FieldErrors } from './form.js'

/** The "forgot your password" form. */
export function forgotPasswordPage(c: Context, { email, errors }: { email?: string; errors?: FieldErrors } = {}) {
  return renderPage(c, {
    title: 'Reset your password',
    status: errors ? 422 : 200,
    main: html`<div class="narrow">
      <h1>Reset your password</h1>
      <p>Enter the e-mail address of your account. We will send you a link to choose a new password.</p>
      ${errorSummary(errors, { email: 'E-mail address' })}
      <form method="post" action="/forgot-password" novalidate>
        ${csrfField(c)}
        ${field({ name: 'email', label: 'E-mail address', type: 'email', value: email, autocomplete: 'email', errors, maxlength: 254 })}
        <div class="actions"><button type="submit">Send the link</button> <a href="/sign-in">Back to sign in</a></div>
      </form>
    </div>`,
  })
}

/** After asking for a reset: the same words whether or not the address has an account. */
export function resetLinkSentPage(c: Context) {
  return renderPage(c, {
    title: 'Check your e-mail',
    main: html`<div class="narrow">
      <h1>Check your e-mail</h1>
      <div class="alert ok" role="status">
        <p>If an account exists for that address, we sent it a link to choose a new password. The link works once, for 1 hour.</p>
      </div>
      <p>Nothing arrived after a few minutes? Check your spam folder, or <a href="/forgot-password">ask again</a>.</p>
    </div>`,
  })
}

/** The new-password form of a valid reset link; the token rides along in a hidden field. */
export function resetPasswordPage(c: Context, { token, errors }: { token: string; errors?: FieldErrors }) {
  return renderPage(c, {
    title: 'Choose a new password',
    status: errors ? 422 : 200,
    main: html`<div class="narrow">
      <h1>Choose a new password</h1>
      <p>This signs you out on every device and signs you in here with the new password.</p>
      ${errorSummary(errors, { password: 'New password' })}
      <form method="post" action="/reset-password" novalidate>
        ${csrfField(c)}
        <input type="hidden" name="token" value="${token}" />
        ${field({
          name: 'password',
          label: 'New password',
          type: 'password',
          autocomplete: 'new-password',
          errors,
          hint: `${PASSWORD_MIN} to ${PASSWORD_MAX} characters. A few unrelated words make a strong one.`,
          minlength: PASSWORD_MIN,
          maxlength: PASSWORD_MAX,
        })}
        <div class="actions"><button type="submit">Set new password</button></div>
      </form>
    </div>`,
  })
}

/** A reset link that cannot be used (400): what happened and how to get a new one. */
export function resetLinkInvalidPage(c: Context, message: string) {
  return renderPage(c, {
    title: 'Link expired',
    status: 400,
    main: html`<div class="narrow">
      <h1>This link cannot be used</h1>
      <div class="alert bad" role="alert"><p>${message}</p></div>
      <p><a class="button" href="/forgot-password">Get a new link</a></p>
    </div>`,
  })
}
