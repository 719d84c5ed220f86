// The session cookie and what sign-in forms and the sessions API share: set and clear it, the
// client's address for rate limits, and Retry-After on a rate limit.
import type { Context } from 'hono'
import { deleteCookie, setCookie } from 'hono/cookie'
import { RateLimitedError, type NewSession } from '../../app/accounts/index.js'
import '../context.js'
import { SESSION_COOKIE } from './tokens.js'

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
    maxAge: Math.max(0, Math.floor((session.expiresAt.getTime() - c.var.platform.now().getTime()) / 1000)),
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
