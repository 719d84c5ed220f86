import type { Context } from 'hono'
import { html } from 'hono/html'
import { renderPage } from '../../page.js'
import '../../../http/context.js'

/** The outcome of opening a verification link. */
export function verifyEmailResultPage(c: Context, outcome: 'verified' | 'already-verified') {
  const signedIn = c.var.actor?.kind === 'user'
  return renderPage(c, {
    title: 'E-mail address confirmed',
    main: html`<div class="narrow">
      <h1>E-mail address confirmed</h1>
      <div class="alert ok" role="status">
        <p>${outcome === 'verified' ? 'Thank you: your e-mail address is confirmed.' : 'Your e-mail address was already confirmed.'}</p>
      </div>
      <p>${signedIn ? html`<a class="button" href="/dashboard">Continue to your dashboard</a>` : html`<a class="button" href="/sign-in?notice=verified">Sign in</a>`}</p>
    </div>`,
  })
}

/** A verification link that cannot be used (400), and how to get a new one. */
export function verifyEmailInvalidPage(c: Context, message: string) {
  const signedIn = c.var.actor?.kind === 'user'
  return renderPage(c, {
    title: 'Link expired',
    status: 400,
    main: html`<div class="narrow">
      <h1>This link cannot be used</h1>
      <div class="alert bad" role="alert"><p>${message}</p></div>
      <p>${signedIn ? html`<a class="button" href="/account">Send a new link from your account page</a>` : html`<a class="button" href="/sign-in?next=%2Faccount">Sign in to get a new link</a>`}</p>
    </div>`,
  })
}
