import type { Context } from 'hono'
import { html } from 'hono/html'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { PASSWORD_MAX, PASSWORD_MIN, type AccountOverview } from '../../../app/accounts/index.js'
import { renderPage } from '../../page.js'
import { csrfField, errorSummary, field, formAlert, type FieldErrors } from './form.js'

/** Confirmations the account page shows after a redirect (a fixed set: nothing from the URL is shown). */
const NOTICES = {
  'name-changed': 'Your name is changed.',
  'password-changed': 'Your password is changed. Every other device was signed out.',
  'password-reset': 'Your password is changed and you are signed in. Every other device was signed out.',
  'verification-sent': 'We sent a new confirmation link. It works for 24 hours.',
  'already-verified': 'Your e-mail address is already confirmed.',
} as const

export type AccountNotice = keyof typeof NOTICES

/** A notice code from the query, when it is one of ours. */
export const accountNotice = (code: string | undefined): AccountNotice | undefined => (code && code in NOTICES ? (code as AccountNotice) : undefined)

/** Which form failed, so its errors show next to its fields. */
export interface AccountFormState {
  form: 'name' | 'password'
  errors?: FieldErrors
  alert?: string
  values?: Record<string, string>
}

const PASSWORD_LABELS = { currentPassword: 'Current password', newPassword: 'New password' }

/** The signed-in user's account: details, organizations, name and password forms, sign out everywhere. */
export function accountPage(c: Context, { user, memberships }: AccountOverview, { notice, failed, status = 200 }: { notice?: AccountNotice | undefined; failed?: AccountFormState; status?: ContentfulStatusCode } = {}) {
  const nameErrors = failed?.form === 'name' ? failed.errors : undefined
  const passwordErrors = failed?.form === 'password' ? failed.errors : undefined
  const verified = user.emailVerifiedAt !== null
  return renderPage(c, {
    title: 'Your account',
    status,
    main: html`<h1>Your account</h1>
      ${notice ? html`<div class="alert ok" role="status"><p>${NOTICES[notice]}</p></div>` : ''}
      <dl>
        <dt>Name</dt>
        <dd>${user.name}</dd>
        <dt>E-mail address</dt>
        <dd>
          ${user.email}
          ${verified ? html`<span class="pill ok">Confirmed</span>` : html`<span class="pill warn">Not confirmed</span>`}
        </dd>
        <dt>Member since</dt>
        <dd><time datetime="${user.createdAt}">${user.createdAt.slice(0, 10)}</time></dd>
      </dl>
      ${verified
        ? ''
        : html`<div class="alert warn">
            <p>Confirm your e-mail address with the link we sent you. Credentials and invitations go to confirmed addresses.</p>
            <form method="post" action="/verify-email/resend">
              ${csrfField(c)}
              <button type="submit" class="secondary">Send a new confirmation link</button>
            </form>
          </div>`}

      <h2>Organizations</h2>
      ${memberships.length === 0
        ? html`<p>You are not a member of any organization yet.</p>`
        : html`<div class="table-wrap">
            <table>
              <caption class="sr-only">Your organizations and your role in each</caption>
              <thead><tr><th scope="col">Organization</th><th scope="col">Your role</th></tr></thead>
              <tbody>
                ${memberships.map((m) => html`<tr><th scope="row"><a href="/orgs/${m.org.slug}/dashboard">${m.org.name}</a></th><td>${m.role}</td></tr>`)}
              </tbody>
            </table>
          </div>`}

      <h2 id="name-heading">Change your name</h2>
      ${errorSummary(nameErrors, { name: 'Full name' })}
      <form method="post" action="/account/name" aria-labelledby="name-heading" novalidate>
        ${csrfField(c)}
        ${field({ name: 'name', label: 'Full name', value: failed?.form === 'name' ? failed.values?.['name'] : user.name, autocomplete: 'name', errors: nameErrors, maxlength: 100 })}
        <div class="actions"><button type="submit">Save name</button></div>
      </form>

      <h2 id="password-heading">Change your password</h2>
      <p>Changing it signs you out on every other device.</p>
      ${errorSummary(passwordErrors, PASSWORD_LABELS)} ${failed?.form === 'password' ? formAlert(failed.alert) : ''}
      <form method="post" action="/account/password" aria-labelledby="password-heading" novalidate>
        ${csrfField(c)}
        <input type="text" name="username" value="${user.email}" autocomplete="username" hidden />
        ${field({ name: 'currentPassword', label: PASSWORD_LABELS.currentPassword, type: 'password', autocomplete: 'current-password', errors: passwordErrors, maxlength: 1000 })}
        ${field({
          name: 'newPassword',
          label: PASSWORD_LABELS.newPassword,
          type: 'password',
          autocomplete: 'new-password',
          errors: passwordErrors,
          hint: `${PASSWORD_MIN} to ${PASSWORD_MAX} characters.`,
          minlength: PASSWORD_MIN,
          maxlength: PASSWORD_MAX,
        })}
        <div class="actions"><button type="submit">Change password</button></div>
      </form>

      <h2 id="sessions-heading">Sign out everywhere</h2>
      <p>Lost a device, or signed in on a shared computer? This ends every session of your account, this one included.</p>
      <form method="post" action="/account/sign-out-everywhere" aria-labelledby="sessions-heading">
        ${csrfField(c)}
        <button type="submit" class="danger">Sign out everywhere</button>
      </form>`,
  })
}
