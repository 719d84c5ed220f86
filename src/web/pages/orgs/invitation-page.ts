import { Hono, type Context } from 'hono'
import { html } from 'hono/html'
import { isInvitee } from '../../../app/orgs/index.js'
import { requireUser } from '../../../http/auth/require.js'
import '../../../http/context.js'
import { renderPage } from '../../page.js'
import { csrfField } from './form-parts.js'

const article = (role: string) => (/^[aeiou]/.test(role) ? 'an' : 'a')

/** The page an invitation e-mail links to: who invites whom as what, and how to accept. */
async function invitationPage(c: Context, token: string) {
  const { invitation, org } = await c.var.platform.orgs.openInvitation(token)
  const actor = c.var.actor
  const here = `/invitations/${encodeURIComponent(token)}`
  const next = encodeURIComponent(here)
  const intro = html`<h1>Join ${org.name}</h1>
    <p class="lead">You are invited to join <strong>${org.name}</strong> on Emblem as ${article(invitation.role)} <strong>${invitation.role}</strong>.</p>`
  if (actor?.kind !== 'user')
    return renderPage(c, {
      title: `Join ${org.name}`,
      main: html`${intro}
        <p>The invitation is for <strong>${invitation.email}</strong>. Sign in with that address, or create an account with it, to accept.</p>
        <p class="actions"><a class="button" href="/sign-in?next=${next}">Sign in</a> <a class="button secondary" href="/sign-up?next=${next}">Create an account</a></p>`,
    })
  if (!isInvitee(invitation, actor.user))
    return renderPage(c, {
      title: `Join ${org.name}`,
      status: 403,
      main: html`${intro}
        <div class="alert warn" role="alert">
          <p>This invitation was sent to <strong>${invitation.email}</strong>, but you are signed in as <strong>${actor.user.email}</strong>.</p>
          <p>Sign out, then sign in or create an account with ${invitation.email} and open the link again.</p>
        </div>
        <form method="post" action="/sign-out">${csrfField(c)}<button type="submit" class="secondary">Sign out</button></form>`,
    })
  return renderPage(c, {
    title: `Join ${org.name}`,
    main: html`${intro}
      <form method="post" action="${here}">
        ${csrfField(c)}
        <p class="actions"><button type="submit">Accept and join ${org.name}</button> <a href="/dashboard">Not now</a></p>
      </form>`,
  })
}

/** /invitations/:token: the invitation, accepted by the signed-in account it was sent to. */
export const invitationRoutes = (): Hono =>
  new Hono()
    .get('/invitations/:token', (c) => {
      c.header('Referrer-Policy', 'no-referrer')
      return invitationPage(c, c.req.param('token'))
    })
    .post('/invitations/:token', async (c) => {
      const user = requireUser(c)
      const { org } = await c.var.platform.orgs.acceptInvitation({ token: c.req.param('token'), user })
      return c.redirect(`/orgs/${org.slug}/dashboard`, 303)
    })
