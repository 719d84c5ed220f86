// The security headers every response carries, prepared once as a plain object. Hono's
// secureHeaders middleware computes the same headers but sets them one by one on each response's
// materialised `Headers` (a few percent of a small JSON answer); here a hot route can build its
// response with them already in (`preparedResponse`), and the middleware adds them only to the
// responses that lack them. `security-headers.test.ts` holds the values equal to Hono's.
import type { Context, MiddlewareHandler } from 'hono'
import './context.js'

/** What varies between instances: HSTS (only over https) and the Content-Security-Policy. */
export interface SecurityHeaderOptions {
  /** The Strict-Transport-Security value, or false for none. */
  strictTransportSecurity: string | false
  /** Directives in camelCase (`defaultSrc`), each with its sources, in the order they are written. */
  contentSecurityPolicy: Readonly<Record<string, readonly string[]>>
}

/** The Content-Security-Policy value of `directives`, written as Hono writes it (`default-src 'self'; …`). */
const cspOf = (directives: SecurityHeaderOptions['contentSecurityPolicy']): string =>
  Object.entries(directives)
    .map(([name, sources]) => [name.replace(/[A-Z]+(?![a-z])|[A-Z]/g, (m, offset: number) => (offset ? '-' : '') + m.toLowerCase()), ...sources].join(' '))
    .join('; ')

/** The headers Hono's secureHeaders sets by default (its order), with HSTS and the CSP of `options`. */
export function securityHeaders(options: SecurityHeaderOptions): Readonly<Record<string, string>> {
  return Object.freeze({
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Origin-Agent-Cluster': '?1',
    'Referrer-Policy': 'no-referrer',
    ...(options.strictTransportSecurity === false ? {} : { 'Strict-Transport-Security': options.strictTransportSecurity }),
    'X-Content-Type-Options': 'nosniff',
    'X-DNS-Prefetch-Control': 'off',
    'X-Download-Options': 'noopen',
    'X-Frame-Options': 'SAMEORIGIN',
    'X-Permitted-Cross-Domain-Policies': 'none',
    'X-XSS-Protection': '0',
    'Content-Security-Policy': cspOf(options.contentSecurityPolicy),
  })
}

/** Responses built with every security header in (their own headers over them): the middleware leaves them as they are. */
const complete = new WeakSet<Response>()

/** The merged headers of a frozen `own` (a route's constant headers), made once per instance's security headers. */
const merged = new WeakMap<object, { base: object; headers: Readonly<Record<string, string>> }>()

/**
 * The security headers `base` with `own` over them. A frozen `own` (a module constant) is merged
 * once: the response's headers are read, never changed, by the server adapter.
 */
function headersOf(base: Readonly<Record<string, string>>, own: Readonly<Record<string, string>>): Readonly<Record<string, string>> {
  if (!Object.isFrozen(own)) return { ...base, ...own }
  const kept = merged.get(own)
  if (kept?.base === base) return kept.headers
  const headers = Object.freeze({ ...base, ...own })
  merged.set(own, { base, headers })
  return headers
}

/**
 * A response whose headers are the request's security headers with `own` over them (a route's own
 * header wins, as with the middleware), built as a plain object: nothing is set on it afterwards.
 * Pass a frozen `own` for headers that never change (merged once).
 */
export function preparedResponse(c: Context, body: string | Uint8Array | null, status: number, own: Readonly<Record<string, string>>): Response {
  const response = new Response(body, { status, headers: headersOf(c.get('securityHeaders'), own) })
  complete.add(response)
  return response
}

/**
 * Sets `headers` on every response that lacks them (a route's own header wins), and removes
 * X-Powered-By, as Hono's secureHeaders({ overwrite: false }) does; a `preparedResponse` already
 * has them. The headers are on the context (`c.get('securityHeaders')`) for routes that build their own.
 */
export function securityHeadersMiddleware(headers: Readonly<Record<string, string>>): MiddlewareHandler {
  const entries = Object.entries(headers)
  return async (c, next) => {
    c.set('securityHeaders', headers)
    await next()
    if (complete.has(c.res)) return
    const set = c.res.headers
    for (const [name, value] of entries) if (!set.has(name)) set.set(name, value)
    set.delete('X-Powered-By')
  }
}
