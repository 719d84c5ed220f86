import type { Actor } from '../app/platform/access-ports.js'
import type { FetchLocal } from '../app/credentials/ports.js'
import type { Locale } from '../app/i18n/locales.js'
import type { Platform } from '../app/platform/platform.js'

// What middleware puts on every request's context, typed once for all routes and pages.
declare module 'hono' {
  interface ContextVariableMap {
    /** The platform's use cases and read queries; set on every request when the server has a store. */
    platform: Platform
    /** Who is asking; undefined for anonymous requests. */
    actor: Actor | undefined
    /** The CSRF token forms on this page must echo as `_csrf` (the session's, or the anonymous cookie's). */
    csrfToken: string
    /** The Set-Cookie value of an anonymous CSRF cookie made for this request (also set with c.header), for responses built whole (`preparedResponse`). */
    newCsrfCookie: string | undefined
    /** How verification reaches this instance's own documents: its own handlers, in-process. */
    fetchLocal: FetchLocal
    /** The language pages, e-mails and certificates are rendered in for this request. */
    locale: Locale
    /** How many reverse proxies in front of the server append to X-Forwarded-For (EMBLEM_TRUSTED_PROXY_HOPS; 0: trust none). */
    proxyHops: number
    /** The security headers every response carries (security-headers.ts), for routes that build their response with them in. */
    securityHeaders: Readonly<Record<string, string>>
  }
}

export type { Actor, Platform }
