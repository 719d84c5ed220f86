import { randomFillSync, timingSafeEqual } from 'node:crypto'

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

/** Random bytes drawn 256 tokens at a time (one CSPRNG call instead of one per token, as randomUUID does). */
const TOKEN_BYTES = 24
const pool = Buffer.alloc(TOKEN_BYTES * 256)
let used = pool.length

/**
 * A fresh anonymous CSRF token: 24 random bytes, base64url (32 characters). Each is taken once from
 * a pool refilled from the CSPRNG: a first page view sets one, and a call per view cost ~5 µs.
 */
export function newCsrfToken(): string {
  if (used === pool.length) {
    randomFillSync(pool)
    used = 0
  }
  const token = pool.toString('base64url', used, used + TOKEN_BYTES)
  pool.fill(0, used, used + TOKEN_BYTES)
  used += TOKEN_BYTES
  return token
}
