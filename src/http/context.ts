import type { Platform } from '../app/platform/ports.js'
import type { Actor } from '../app/platform/access-ports.js'
import type { DocumentAccess } from '../app/credentials/ports.js'

// What middleware puts on every request's context, typed once for all routes and pages.
declare module 'hono' {
  interface ContextVariableMap {
    /** The platform's ports (store, keys, clock…); set on every request when the server has a store. */
    platform: Platform
    /** Who is asking; undefined for anonymous requests. */
    actor: Actor | undefined
    /** The CSRF token forms on this page must echo as `_csrf` (the session's, or the anonymous cookie's). */
    csrfToken: string
    /** How verification reaches documents: this instance's own URLs in-process, other hosts' through the guarded fetcher. */
    documents: DocumentAccess
  }
}

export type { Actor, Platform }
