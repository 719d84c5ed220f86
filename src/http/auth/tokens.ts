import { timingSafeEqual } from 'node:crypto'

/** Constant-time string equality (false for different lengths). */
export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8')
  const y = Buffer.from(b, 'utf8')
  return x.length === y.length && timingSafeEqual(x, y)
}

/** The cookie holding the session token. `__Host-` would need HTTPS, which local instances lack. */
export const SESSION_COOKIE = 'emblem_session'
/** The cookie holding the anonymous CSRF token (double-submit) for forms shown before sign-in. */
export const CSRF_COOKIE = 'emblem_csrf'
/** API keys look like `emb_<prefix>_<secret>`; the prefix identifies the key in lists. */
export const API_KEY_PATTERN = /^emb_([A-Za-z0-9]{8})_([A-Za-z0-9_-]{32,64})$/
