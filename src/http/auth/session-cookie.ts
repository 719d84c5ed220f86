// The session cookie and what sign-in forms and the sessions API share: set and clear it, the
// client's address for rate limits, and Retry-After on a rate limit.
import type { Context } from 'hono'
import { deleteCookie, setCookie } from 'hono/cookie'
import { RateLimitedError, type NewSession } from '../../app/accounts/index.js'
import '../context.js'
import { SESSION_COOKIE } from './tokens.js'

/**
 * The client's address for rate limits: as the socket saw it, unless the server sits behind
 * `proxyHops` reverse proxies (EMBLEM_TRUSTED_PROXY_HOPS) that each append the address they saw to
 * X-Forwarded-For; then the entry the outermost trusted proxy appended (the `proxyHops`-th from the
 * end). Entries before it are the client's own word and never trusted: anyone can send the header,
 * and a limiter keyed on it could be dodged by changing it.
 */
export function clientIp(c: Context): string {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined
  const socket = env?.incoming?.socket?.remoteAddress ?? 'unknown'
  const hops = c.get('proxyHops') ?? 0
  if (hops <= 0) return socket
  const forwarded = (c.req.header('x-forwarded-for') ?? '').split(',').map((a) => a.trim()).filter(Boolean)
  return forwarded.length >= hops ? forwarded[forwarded.length - hops]!.slice(0, 100) : socket
}

/** Sets the session cookie: HttpOnly, SameSite=Lax, Path=/, Secure when the public URL is https, for the session's life. */
export function setSessionCookie(c: Context, session: NewSession): void {
  setCookie(c, SESSION_COOKIE, session.token, {
    httpOnly: true,
    sameSite: 'Lax',
    path: '/',
    secure: c.get('platform').publicUrl.startsWith('https:'),
    expires: session.expiresAt,
    maxAge: Math.max(0, Math.floor((session.expiresAt.getTime() - c.get('platform').now().getTime()) / 1000)),
  })
}

/** Removes the session cookie from the browser. */
export const clearSessionCookie = (c: Context): void =>
  void deleteCookie(c, SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'Lax', secure: c.get('platform').publicUrl.startsWith('https:') })

/** Adds Retry-After to a RateLimitedError's answer, then lets the error handler answer it. */
export function withRetryAfter(c: Context, err: unknown): never {
  if (err instanceof RateLimitedError) c.header('Retry-After', String(err.retryAfterSeconds))
  throw err
}

/** The current session's token hash, when a user is signed in with a cookie. */
export function currentSessionHash(c: Context): string | undefined {
  const actor = c.get('actor')
  return actor?.kind === 'user' ? actor.sessionIdHash : undefined
}
