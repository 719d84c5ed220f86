import { Hono, type Context } from 'hono'
import { consentGateOf, type ConsentRequest } from '../../../app/oauth/consent-gate.js'
import { isPlatformError } from '../../../core/errors.js'
import { requireUser } from '../../../http/auth/require.js'
import { getCookie } from 'hono/cookie'
import '../../../http/context.js'
import { readForm } from '../../../http/request.js'
import { render, tOf } from '../../kit/render.js'
import { ConnectionsView, ConsentGoneView, ConsentView } from './oauth-view.js'

/** The authorization cookie oidc-provider sets for the consent page's path (its value is the authorization's uid). */
const INTERACTION_COOKIE = '_interaction'

/**
 * The waiting authorization `uid`, if this browser started it (the OAuth server's cookie for this
 * path names it): a link to someone else's authorization shows nothing.
 */
async function pending(c: Context, uid: string): Promise<ConsentRequest | undefined> {
  const gate = consentGateOf(c.var.platform)
  if (!gate || !/^[A-Za-z0-9_-]{10,100}$/.test(uid)) return undefined
  if (getCookie(c, INTERACTION_COOKIE) !== uid) return undefined
  return gate.request(uid)
}

/** The page's CSP with the client's return address allowed as a form target (the answer redirects there). */
function consentCsp(redirectUri: string): string {
  let origin = ''
  try {
    const u = new URL(redirectUri)
    if (u.protocol === 'https:' || u.protocol === 'http:') origin = ` ${u.origin}`
  } catch {
    origin = ''
  }
  return `default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: https:; font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'${origin}`
}

const gone = (c: Context) => render(c, <ConsentGoneView />, { title: tOf(c).t('oauth.gone.title'), status: 410 })

/** The OB 3.0 API's consent page (/oauth/consent/:uid) and the learner's connections (/account/connections). */
export const oauthPages = (): Hono =>
  new Hono()
    .get('/oauth/consent/:uid', async (c) => {
      const user = requireUser(c)
      const request = await pending(c, c.req.param('uid'))
      if (!request) return gone(c)
      c.header('Content-Security-Policy', consentCsp(request.redirectUri))
      c.header('Cache-Control', 'no-store')
      return render(c, <ConsentView model={{ request, userName: user.name, userEmail: user.email }} />, { title: tOf(c).t('oauth.consent.title', { client: request.client.name }) })
    })
    .post('/oauth/consent/:uid', async (c) => {
      const user = requireUser(c)
      const uid = c.req.param('uid')
      const form = await readForm(c)
      const request = await pending(c, uid)
      const gate = consentGateOf(c.var.platform)
      if (!request || !gate) return gone(c)
      const next = form['decision'] === 'allow' ? await gate.allow(uid, user.id) : await gate.deny(uid)
      c.header('Content-Security-Policy', consentCsp(request.redirectUri))
      return c.redirect(next, 303)
    })
    .get('/account/connections', async (c) => {
      const user = requireUser(c)
      const grants = await c.var.platform.oauth.grants(user.id)
      return render(c, <ConnectionsView model={{ grants, revoked: c.req.query('revoked') === '1' }} />, { title: tOf(c).t('oauth.connections.title') })
    })
    .post('/account/connections/:id/revoke', async (c) => {
      const user = requireUser(c)
      await readForm(c)
      try {
        await c.var.platform.oauth.revokeGrant(user.id, c.req.param('id'))
      } catch (err) {
        if (!(isPlatformError(err) && err.code === 'ERR_NOT_FOUND')) throw err
      }
      return c.redirect('/account/connections?revoked=1', 303)
    })
