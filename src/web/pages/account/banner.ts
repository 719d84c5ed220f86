import type { Context } from 'hono'
import { html } from 'hono/html'
import '../../../http/context.js'

/**
 * A banner asking a signed-in user with an unconfirmed address to confirm it, with a button that
 * sends a new link; '' for everyone else. Other pages (the dashboard) may show it under their h1.
 */
export function unverifiedEmailBanner(c: Context) {
  const actor = c.var.actor
  if (actor?.kind !== 'user' || actor.user.emailVerified) return ''
  return html`<div class="alert warn" role="status">
    <p>Please confirm your e-mail address: open the link we sent to <strong>${actor.user.email}</strong>.</p>
    <form method="post" action="/verify-email/resend" class="inline">
      <input type="hidden" name="_csrf" value="${actor.csrfToken}" />
      <button type="submit" class="link">Send a new link</button>
    </form>
  </div>`
}
