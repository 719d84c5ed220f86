import type { MiddlewareHandler } from 'hono'
import { generateCookie, getCookie } from 'hono/cookie'
import { PlatformError } from '../../core/errors.js'
import '../context.js'
import { formKind, readFormParams, readMultipart } from '../request.js'
import { API_KEY_PATTERN, CSRF_COOKIE, SESSION_COOKIE, newCsrfToken, safeEqual } from './tokens.js'

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

/**
 * Sets `actor` from `Authorization: Bearer <API key>` or the session cookie, and `csrfToken` for
 * forms. A bearer header that is not a live API key is ERR_UNAUTHENTICATED (never silently
 * anonymous); an unknown or expired session cookie is simply anonymous.
 */
export const authenticate = (): MiddlewareHandler => async (c, next) => {
  const { access } = c.get('platform')
  c.set('actor', undefined)
  const authorization = c.req.header('authorization')
  if (authorization !== undefined) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization)
    if (!match || !API_KEY_PATTERN.test(match[1]!)) {
      throw new PlatformError('ERR_UNAUTHENTICATED', 'Authorization must be "Bearer emb_…" with an API key of this instance')
    }
    const key = await access.apiKey(match[1]!)
    if (!key) throw new PlatformError('ERR_UNAUTHENTICATED', 'This API key is unknown or has been revoked')
    c.set('actor', key)
    c.set('csrfToken', '')
    return next()
  }
  const token = getCookie(c, SESSION_COOKIE)
  if (token) {
    const session = await access.session(token)
    if (session) {
      c.set('actor', session)
      c.set('csrfToken', session.csrfToken)
      return next()
    }
  }
  // Anonymous: forms (sign in, sign up, reset) carry a double-submit token from this cookie.
  let anonymous = getCookie(c, CSRF_COOKIE)
  if (!anonymous || !/^[A-Za-z0-9_-]{32,64}$/.test(anonymous)) {
    anonymous = newCsrfToken()
    // Secure when the public URL is https: behind a TLS-terminating proxy the request itself arrives as http.
    const secure = c.get('platform').publicUrl.startsWith('https:') || new URL(c.req.url).protocol === 'https:'
    const cookie = generateCookie(CSRF_COOKIE, anonymous, { httpOnly: true, sameSite: 'Lax', path: '/', secure })
    c.header('Set-Cookie', cookie, { append: true })
    c.set('newCsrfCookie', cookie)
  }
  c.set('csrfToken', anonymous)
  return next()
}

/**
 * Refuses unsafe requests (POST, PUT, PATCH, DELETE) made with a cookie unless they echo the
 * request's CSRF token as the `X-CSRF-Token` header or the form field `_csrf`: of a url-encoded
 * form (read under its cap, kept for the route), or of a multipart form, read with busboy up to its
 * first file so the token is checked before any file byte is read (forms put `_csrf` first). The
 * token never travels in a URL. API-key requests carry no ambient credentials and pass. Runs
 * after `authenticate`.
 */
export const csrfProtection = (): MiddlewareHandler => async (c, next) => {
  if (!UNSAFE.has(c.req.method) || c.get('actor')?.kind === 'api-key') return next()
  const expected = c.get('csrfToken')
  let presented = c.req.header('x-csrf-token')
  if (presented === undefined) {
    const kind = formKind(c)
    if (kind === 'urlencoded') presented = (await readFormParams(c)).get('_csrf') ?? undefined
    if (kind === 'multipart') {
      const form = await readMultipart(c)
      presented = form.fields['_csrf']
      if (!expected || presented === undefined || !safeEqual(presented, expected)) form.discard()
    }
  }
  if (!expected || presented === undefined || !safeEqual(presented, expected)) {
    throw new PlatformError('ERR_CSRF', 'This form has expired or did not come from this site; reload the page and try again')
  }
  return next()
}
