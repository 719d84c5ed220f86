import { html } from 'hono/html'
import type { IssuedCredentialView } from '../../../app/credentials/ports.js'
import { achievementView, issuerOf } from '../../../app/credentials/achievement-view.js'
import { readableDate } from './dates.js'

/** The claim page: what the learner was awarded, the choice of showing their name, and Accept. */
export function claimPage(view: IssuedCredentialView, { token, csrfToken }: { token: string; csrfToken: string }) {
  const { credential } = view.document
  const a = achievementView(credential)
  const issuer = issuerOf(credential)
  const issuerName = typeof issuer.name === 'string' ? issuer.name : view.org.name
  const issued = readableDate(credential.validFrom)
  const revoked = view.state === 'revoked'
  return html`<h1>Your credential from ${issuerName}</h1>
    <div class="grid">
      <div>${a.imageUrl ? html`<img class="badge-image" src="${a.imageUrl}" alt="${a.name} badge" />` : ''}</div>
      <div>
        <h2>${a.name}</h2>
        <dl>
          <dt>Awarded to</dt>
          <dd>${view.recipientName}</dd>
          <dt>Issued by</dt>
          <dd>${issuerName}</dd>
          ${issued ? html`<dt>Issued on</dt><dd>${issued}</dd>` : ''}
        </dl>
      </div>
    </div>
    ${a.description ? html`<p class="lead">${a.description}</p>` : ''}
    ${revoked
      ? html`<div class="alert bad" role="alert"><p><strong>Revoked${view.stateReason ? ` — ${view.stateReason}` : ''}</strong></p><p>${issuerName} has revoked this credential, so it can no longer be accepted.</p></div>`
      : html`<form method="post" action="/claim/${token}">
          <input type="hidden" name="_csrf" value="${csrfToken}" />
          <fieldset>
            <legend>Your public credential page</legend>
            <p>Anyone with the link sees the achievement, the issuer and whether it is valid. You decide whether it also shows your name.</p>
            <label><input type="checkbox" name="show_name" value="1" ${view.showName ? 'checked' : ''} aria-describedby="show-name-hint" /> Show my name (${view.recipientName}) on the public page</label>
            <span class="hint" id="show-name-hint">You can share the page without your name; the issuer still knows it was awarded to you.</span>
          </fieldset>
          <div class="actions"><button type="submit">Accept credential</button></div>
        </form>`}
    <p><a href="/c/${view.id.replace(/^urn:uuid:/, '')}">See the public page first</a></p>`
}

/** The page for a claim link that is unknown or already used. */
export const claimInvalidPage = (message: string) => html`<h1>This claim link cannot be used</h1>
  <p role="alert">${message}</p>
  <p>Claim links work once. If you already accepted this credential, use the link to its public page from the e-mail, or ask the issuer to send it again.</p>
  <p class="muted">Error code <code>ERR_TOKEN_INVALID</code></p>`
