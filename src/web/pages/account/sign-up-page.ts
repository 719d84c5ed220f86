import type { Context } from 'hono'
import { html } from 'hono/html'
import { PASSWORD_MAX, PASSWORD_MIN } from '../../../app/accounts/index.js'
import { renderPage } from '../../page.js'
import { csrfField, errorSummary, field, type FieldErrors } from './form.js'
import { withNext } from './next-path.js'

const LABELS = { name: 'Full name', email: 'E-mail address', password: 'Password' }

/** The sign-up form, blank or with the user's input and the problems found in it (422). */
export function signUpPage(c: Context, { values = {}, errors, next }: { values?: Record<string, string>; errors?: FieldErrors; next?: string | undefined } = {}) {
  return renderPage(c, {
    title: 'Create an account',
    status: errors ? 422 : 200,
    main: html`<div class="narrow">
      <h1>Create an account</h1>
      <p class="lead">Issue and manage micro-credentials for your organization.</p>
      ${errorSummary(errors, LABELS)}
      <form method="post" action="${withNext('/sign-up', next)}" novalidate>
        ${csrfField(c)}
        ${field({ name: 'name', label: LABELS.name, value: values['name'], autocomplete: 'name', errors, maxlength: 100 })}
        ${field({ name: 'email', label: LABELS.email, type: 'email', value: values['email'], autocomplete: 'email', errors, hint: 'We send a link to confirm it.', maxlength: 254 })}
        ${field({
          name: 'password',
          label: LABELS.password,
          type: 'password',
          autocomplete: 'new-password',
          errors,
          hint: `${PASSWORD_MIN} to ${PASSWORD_MAX} characters. A few unrelated words make a strong one.`,
          minlength: PASSWORD_MIN,
          maxlength: PASSWORD_MAX,
        })}
        <div class="actions"><button type="submit">Create account</button></div>
      </form>
      <p>Already have an account? <a href="${withNext('/sign-in', next)}">Sign in</a></p>
    </div>`,
  })
}

/** After sign-up, whether or not the address already had an account: the same words either way. */
export function checkEmailPage(c: Context, next: string | undefined) {
  return renderPage(c, {
    title: 'Check your e-mail',
    main: html`<div class="narrow">
      <h1>Check your e-mail</h1>
      <div class="alert ok" role="status">
        <p>We sent a message to the address you gave. Open the link in it to confirm your address; it works for 24 hours.</p>
      </div>
      <p>Nothing arrived after a few minutes? Check your spam folder. You can sign in now and ask for a new link from your account page.</p>
      <p><a class="button" href="${withNext('/sign-in', next)}">Sign in</a></p>
    </div>`,
  })
}
