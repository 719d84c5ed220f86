import { randomBytes } from 'node:crypto'
import type { MiddlewareHandler } from 'hono'
import { getCookie, setCookie } from 'hono/cookie'
import { PlatformError } from '../../core/errors.js'
import '../context.js'
import { hashSecret } from '../../app/platform/secret-token.js'
import { API_KEY_PATTERN, CSRF_COOKIE, SESSION_COOKIE, safeEqual } from './tokens.js'

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])
/** The largest form body the CSRF check reads (an image upload fits; CSV uploads carry the token in the URL). */
export const MAX_FORM_BYTES = 8 * 1024 * 1024

/**
 * Sets `actor` from `Authorization: Bearer <API key>` or the session cookie, and `csrfToken` for
 * forms. A bearer header that is not a live API key is ERR_UNAUTHENTICATED (never silently
 * anonymous); an unknown or expired session cookie is simply anonymous.
 */
export const authenticate = (): MiddlewareHandler => async (c, next) => {
  const { store, clock } = c.var.platform
  const now = clock.now()
  c.set('actor', undefined)
  const authorization = c.req.header('authorization')
  if (authorization !== undefined) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization)
    if (!match || !API_KEY_PATTERN.test(match[1]!)) {
      throw new PlatformError('ERR_UNAUTHENTICATED', 'Authorization must be "Bearer emb_…" with an API key of this instance')
    }
    const key = await store.repos.access.apiKeyByHash(hashSecret(match[1]!), now)
    if (!key) throw new PlatformError('ERR_UNAUTHENTICATED', 'This API key is unknown or has been revoked')
    c.set('actor', { kind: 'api-key', ...key })
    c.set('csrfToken', '')
    return next()
  }
  const token = getCookie(c, SESSION_COOKIE)
  if (token) {
    const idHash = hashSecret(token)
    const session = await store.repos.access.sessionByHash(idHash, now)
    if (session) {
      c.set('actor', { kind: 'user', user: session.user, sessionIdHash: idHash, csrfToken: session.csrfToken })
      c.set('csrfToken', session.csrfToken)
      return next()
    }
  }
  // Anonymous: forms (sign in, sign up, reset) carry a double-submit token from this cookie.
  let anonymous = getCookie(c, CSRF_COOKIE)
  if (!anonymous || !/^[A-Za-z0-9_-]{32,64}$/.test(anonymous)) {
    anonymous = randomBytes(24).toString('base64url')
    setCookie(c, CSRF_COOKIE, anonymous, { httpOnly: true, sameSite: 'Lax', path: '/', secure: new URL(c.req.url).protocol === 'https:' })
  }
  c.set('csrfToken', anonymous)
  return next()
}

/**
 * Refuses unsafe requests (POST, PUT, PATCH, DELETE) made with a cookie unless they echo the
 * request's CSRF token as the `X-CSRF-Token` header, a `_csrf` query parameter (upload forms) or the
 * form field `_csrf` (forms up to MAX_FORM_BYTES). API-key requests carry no ambient credentials
 * and pass. Runs after `authenticate`.
 */
export const csrfProtection = (): MiddlewareHandler => async (c, next) => {
  if (!UNSAFE.has(c.req.method) || c.var.actor?.kind === 'api-key') return next()
  const expected = c.var.csrfToken
  let presented = c.req.header('x-csrf-token') ?? c.req.query('_csrf')
  if (presented === undefined) {
    const type = c.req.header('content-type') ?? ''
    if (type.startsWith('application/x-www-form-urlencoded') || type.startsWith('multipart/form-data')) {
      // Reading the field means reading the body: cap it first. Large uploads (CSV files) put the
      // token in the form's action URL (`?_csrf=`) so their body streams to the route untouched.
      const length = Number(c.req.header('content-length') ?? NaN)
      if (length > MAX_FORM_BYTES) throw formTooLarge(`this one is ${(length / 1024 / 1024).toFixed(1)} MB`)
      if (Number.isNaN(length) && c.req.raw.body) c.req.raw = new Request(c.req.raw, { body: capped(c.req.raw.body, MAX_FORM_BYTES), duplex: 'half' } as RequestInit)
      const field = (await c.req.parseBody())['_csrf']
      presented = typeof field === 'string' ? field : undefined
    }
  }
  if (!expected || presented === undefined || !safeEqual(presented, expected)) {
    throw new PlatformError('ERR_CSRF', 'This form has expired or did not come from this site; reload the page and try again')
  }
  return next()
}

const formTooLarge = (why: string) => new PlatformError('ERR_INPUT_TOO_LARGE', `A form is at most ${MAX_FORM_BYTES / 1024 / 1024} MB; ${why}`)

/** `body`, failing with ERR_INPUT_TOO_LARGE once more than `max` bytes have come (a body sent without Content-Length). */
function capped(body: ReadableStream<Uint8Array>, max: number): ReadableStream<Uint8Array> {
  let seen = 0
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        seen += chunk.byteLength
        if (seen > max) controller.error(formTooLarge('this one is larger'))
        else controller.enqueue(chunk)
      },
    }),
  )
}
