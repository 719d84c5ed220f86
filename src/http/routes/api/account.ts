import { Hono, type Context } from 'hono'
import { deleteCookie, setCookie } from 'hono/cookie'
import { z } from 'zod'
import {
  accountLimitsFor,
  accountOverview,
  changeName,
  RateLimitedError,
  signIn,
  signOut,
  type AccountDeps,
  type AccountOverview,
  type NewSession,
  type UserRecord,
} from '../../../app/accounts/index.js'
import { requireUser } from '../../auth/require.js'
import { SESSION_COOKIE } from '../../auth/tokens.js'
import { readJson } from '../../request.js'
import '../../context.js'

/** The account use cases' dependencies for this request: the platform and its account limits. */
export const accountDeps = (c: Context): AccountDeps => ({ ...c.var.platform, limits: accountLimitsFor(c.var.platform) })

/**
 * The client's address as the socket saw it. X-Forwarded-For is not trusted: anyone can send it,
 * and a limiter keyed on it could be dodged by changing the header.
 */
export function clientIp(c: Context): string {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined
  return env?.incoming?.socket?.remoteAddress ?? 'unknown'
}

/** Sets the session cookie: HttpOnly, SameSite=Lax, Path=/, Secure when the public URL is https, for the session's life. */
export function setSessionCookie(c: Context, session: NewSession): void {
  setCookie(c, SESSION_COOKIE, session.token, {
    httpOnly: true,
    sameSite: 'Lax',
    path: '/',
    secure: c.var.platform.publicUrl.startsWith('https:'),
    expires: session.expiresAt,
    maxAge: Math.max(0, Math.floor((session.expiresAt.getTime() - c.var.platform.clock.now().getTime()) / 1000)),
  })
}

/** Removes the session cookie from the browser. */
export const clearSessionCookie = (c: Context): void =>
  void deleteCookie(c, SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'Lax', secure: c.var.platform.publicUrl.startsWith('https:') })

/** Adds Retry-After to a RateLimitedError's answer, then lets the error handler answer it. */
export function withRetryAfter(c: Context, err: unknown): never {
  if (err instanceof RateLimitedError) c.header('Retry-After', String(err.retryAfterSeconds))
  throw err
}

/** The current session's token hash, when a user is signed in with a cookie. */
export const currentSessionHash = (c: Context): string | undefined => (c.var.actor?.kind === 'user' ? c.var.actor.sessionIdHash : undefined)

/** A user as the API shows it (never the password hash). */
export const presentUser = (u: UserRecord) => ({
  id: u.id,
  email: u.email,
  name: u.name,
  emailVerified: u.emailVerifiedAt !== null,
  emailVerifiedAt: u.emailVerifiedAt,
  createdAt: u.createdAt,
})

const presentMe = ({ user, memberships }: AccountOverview) => ({
  user: presentUser(user),
  organizations: memberships.map((m) => ({ id: m.org.id, slug: m.org.slug, name: m.org.name, role: m.role })),
})

const credentialsBody = z.strictObject({ email: z.string().max(1000), password: z.string().max(1000) })
const mePatch = z.strictObject({ name: z.string().max(1000) })

/**
 * Account API: GET/PATCH /me; sessions for scripts and single-page clients: GET /sessions/csrf
 * (the anonymous CSRF token a cookie-less client echoes), POST /sessions, DELETE /sessions/current.
 */
export const accountApi = (): Hono =>
  new Hono()
    .get('/me', async (c) => c.json(presentMe(await accountOverview(c.var.platform, requireUser(c).id))))
    .patch('/me', async (c) => {
      const userId = requireUser(c).id
      const { name } = await readJson(c, mePatch)
      await changeName(c.var.platform, userId, name)
      return c.json(presentMe(await accountOverview(c.var.platform, userId)))
    })
    .get('/sessions/csrf', (c) => {
      c.header('Cache-Control', 'no-store')
      return c.json({ csrfToken: c.var.csrfToken })
    })
    .post('/sessions', async (c) => {
      const { email, password } = await readJson(c, credentialsBody, { maxBytes: 16 * 1024 })
      const { user, session } = await signIn(accountDeps(c), { email, password, ip: clientIp(c), replacing: currentSessionHash(c) }).catch((err) => withRetryAfter(c, err))
      setSessionCookie(c, session)
      c.header('Location', '/api/v1/sessions/current')
      c.header('Cache-Control', 'no-store')
      return c.json({ user: presentUser(user), csrfToken: session.csrfToken, expiresAt: session.expiresAt.toISOString() }, 201)
    })
    .delete('/sessions/current', async (c) => {
      requireUser(c)
      await signOut(c.var.platform, currentSessionHash(c)!)
      clearSessionCookie(c)
      return c.body(null, 204)
    })
