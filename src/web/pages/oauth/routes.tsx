import { Hono, type Context } from 'hono'
import { consentGateOf, type ConsentRequest } from '../../../app/oauth/consent-gate.js'
import { isPlatformError } from '../../../core/errors.js'
import { requireUser } from '../../../http/auth/require.js'
import { getCookie } from 'hono/cookie'
import '../../../http/context.js'
import { readForm } from '../../../http/request.js'
import { render, tOf } from '../../kit/render.js'
import { ConnectionsView, ConsentGoneView, ConsentView } from './oauth-view.js'
import { HostAuthorizeView, type HostsModel } from './hosts-view.js'
import { PushGoneView, PushView, type PushPageViewModel } from './push-view.js'
import { PushFailed } from '../../../app/ob3client/issuer-push.js'
import { OB3_CALLBACK_PATH } from '../../../app/ob3client/ob3client-use-cases.js'
import { InputError } from '../../../app/platform/input-error.js'
import { statusOf } from '../../../http/error-response.js'
import type { ContentfulStatusCode } from 'hono/utils/http-status'

/** The authorization cookie oidc-provider sets for the consent page's path (its value is the authorization's uid). */
const INTERACTION_COOKIE = '_interaction'

/**
 * The waiting authorization `uid`, if this browser started it (the OAuth server's cookie for this
 * path names it): a link to someone else's authorization shows nothing.
 */
async function pending(c: Context, uid: string): Promise<ConsentRequest | undefined> {
  const gate = consentGateOf(c.get('platform'))
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

/** The connections page: connected apps, and the other hosts with `extra` (a form's state, an outcome). */
async function connectionsPage(c: Context, userId: string, extra: Omit<HostsModel, 'hosts' | 'credentials'>, flags: { revoked?: boolean } = {}, status: ContentfulStatusCode = 200) {
  const platform = c.get('platform')
  const [grants, hosts, wallet] = await Promise.all([platform.oauth.grants(userId), platform.ob3client.hosts(userId), platform.wallet.list(userId)])
  const credentials = wallet.items.filter((i) => i.format !== 'ob2').map((i) => [i.id, i.display.name] as const)
  c.header('Cache-Control', 'no-store')
  return render(c, <ConnectionsView model={{ grants, revoked: flags.revoked === true, hosts: { hosts, credentials, ...extra } }} />, { title: tOf(c).t('oauth.connections.title'), status })
}

/** The learner's page of a push link (`extra`: what they typed, why the last step failed). */
async function pushPage(c: Context, token: string, extra: Omit<PushPageViewModel, 'token' | 'page'> = {}, status: ContentfulStatusCode = 200) {
  const page = await c.get('platform').issuerPush.page(token)
  // The form's answer redirects to the learner's host, which is not known until they type it: any
  // https origin may be a form target here (and http ones on an instance served over http, as in tests).
  const http = c.get('platform').publicUrl.startsWith('http:') ? ' http:' : ''
  c.header('Content-Security-Policy', consentCsp('').replace("form-action 'self'", `form-action 'self' https:${http}`))
  c.header('Cache-Control', 'no-store')
  c.header('Referrer-Policy', 'no-referrer')
  return render(c, <PushView model={{ token, page, ...extra }} />, { title: tOf(c).t('oauth.issuerPush.pageTitle', { achievement: page.achievementName }), status })
}

/** An issuer's push coming back from the learner's host: delivered (to the learner's page), or why not. */
async function pushCallback(c: Context) {
  try {
    const outcome = await c.get('platform').issuerPush.callback(c.req.query())
    return c.redirect(outcome.pageUrl.replace(c.get('platform').publicUrl, ''), 303)
  } catch (err) {
    if (err instanceof PushFailed) {
      const token = new URL(err.pageUrl).pathname.split('/').pop() ?? ''
      return pushPage(c, token, { problem: err.message }, statusOf(err.code))
    }
    if (isPlatformError(err) && statusOf(err.code) < 500) {
      c.header('Cache-Control', 'no-store')
      return render(c, <PushGoneView message={err.message} />, { title: tOf(c).t('oauth.issuerPush.goneTitle'), status: statusOf(err.code) })
    }
    throw err
  }
}

const gone = (c: Context) => render(c, <ConsentGoneView />, { title: tOf(c).t('oauth.gone.title'), status: 410 })

/**
 * The OB 3.0 API's consent page (/oauth/consent/:uid), the learner's connections (/account/connections),
 * and the learner's page of an issuer's push link (/push/:token), whose authorization comes back to the
 * same callback (/oauth/callback/ob3).
 */
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
      const gate = consentGateOf(c.get('platform'))
      if (!request || !gate) return gone(c)
      const next = form['decision'] === 'allow' ? await gate.allow(uid, user.id) : await gate.deny(uid)
      c.header('Content-Security-Policy', consentCsp(request.redirectUri))
      return c.redirect(next, 303)
    })
    .get('/account/connections', async (c) => {
      const user = requireUser(c)
      const connectedId = c.req.query('connected')
      const hosts = await c.get('platform').ob3client.hosts(user.id)
      const connected = connectedId ? hosts.find((h) => h.id === connectedId && h.state === 'connected')?.name : undefined
      return connectionsPage(c, user.id, { connected, removed: c.req.query('removed') === '1' }, { revoked: c.req.query('revoked') === '1' })
    })
    .post('/account/connections/hosts', async (c) => {
      const user = requireUser(c)
      const form = await readForm(c)
      const baseUrl = typeof form['baseUrl'] === 'string' ? form['baseUrl'] : ''
      try {
        const started = await c.get('platform').ob3client.connect(user.id, { baseUrl })
        c.header('Cache-Control', 'no-store')
        return render(c, <HostAuthorizeView model={started} />, { title: tOf(c).t('oauth.hosts.authorizeTitle', { host: started.host.name }) })
      } catch (err) {
        if (err instanceof InputError) return connectionsPage(c, user.id, { baseUrl, errors: { ...err.fields } }, {}, 400)
        if (isPlatformError(err) && statusOf(err.code) < 500) return connectionsPage(c, user.id, { baseUrl, problem: err.message }, {}, statusOf(err.code))
        throw err
      }
    })
    .get(OB3_CALLBACK_PATH, async (c) => {
      // An issuer's push (its state says so): the learner needs no account here.
      if (c.get('platform').issuerPush.isPushState(c.req.query('state'))) return pushCallback(c)
      const user = requireUser(c)
      try {
        const host = await c.get('platform').ob3client.callback(user.id, c.req.query())
        return c.redirect(`/account/connections?connected=${host.id}`, 303)
      } catch (err) {
        if (isPlatformError(err) && statusOf(err.code) < 500) return connectionsPage(c, user.id, { problem: err.message }, {}, statusOf(err.code))
        throw err
      }
    })
    .get('/push/:token', (c) => pushPage(c, c.req.param('token')))
    .post('/push/:token', async (c) => {
      const token = c.req.param('token')
      const form = await readForm(c)
      const hostUrl = typeof form['hostUrl'] === 'string' ? form['hostUrl'] : ''
      try {
        const { authorizationUrl } = await c.get('platform').issuerPush.start(token, { hostUrl })
        c.header('Cache-Control', 'no-store')
        return c.redirect(authorizationUrl, 303)
      } catch (err) {
        if (err instanceof InputError) return pushPage(c, token, { hostUrl, errors: { ...err.fields } }, 400)
        if (isPlatformError(err) && err.code !== 'ERR_NOT_FOUND' && statusOf(err.code) < 500) return pushPage(c, token, { hostUrl, problem: err.message }, statusOf(err.code))
        throw err
      }
    })
    .post('/account/connections/hosts/:id/import', async (c) => {
      const user = requireUser(c)
      await readForm(c)
      try {
        const id = c.req.param('id')
        const result = await c.get('platform').ob3client.importAll(user.id, id, { fetchLocal: c.get('fetchLocal') })
        const host = await c.get('platform').ob3client.host(user.id, id)
        return connectionsPage(c, user.id, { imported: { host: host.name, result } })
      } catch (err) {
        if (isPlatformError(err) && err.code !== 'ERR_NOT_FOUND') return connectionsPage(c, user.id, { problem: err.message }, {}, statusOf(err.code))
        throw err
      }
    })
    .post('/account/connections/hosts/:id/push', async (c) => {
      const user = requireUser(c)
      const form = await readForm(c)
      try {
        const sent = await c.get('platform').ob3client.push(user.id, c.req.param('id'), { credentialId: typeof form['credentialId'] === 'string' ? form['credentialId'] : '' })
        return connectionsPage(c, user.id, { pushed: { host: sent.host, status: sent.status } })
      } catch (err) {
        if (isPlatformError(err) && !(err.code === 'ERR_NOT_FOUND' && !(err instanceof InputError))) return connectionsPage(c, user.id, { problem: err.message }, {}, statusOf(err.code))
        throw err
      }
    })
    .post('/account/connections/hosts/:id/remove', async (c) => {
      const user = requireUser(c)
      await readForm(c)
      await c.get('platform').ob3client.remove(user.id, c.req.param('id'))
      return c.redirect('/account/connections?removed=1', 303)
    })
    .post('/account/connections/:id/revoke', async (c) => {
      const user = requireUser(c)
      await readForm(c)
      try {
        await c.get('platform').oauth.revokeGrant(user.id, c.req.param('id'))
      } catch (err) {
        if (!(isPlatformError(err) && err.code === 'ERR_NOT_FOUND')) throw err
      }
      return c.redirect('/account/connections?revoked=1', 303)
    })
