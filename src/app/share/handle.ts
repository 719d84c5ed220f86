// The rules of a public profile's handle: `/u/<handle>`.

/** Words that name Emblem's own pages or could pass for the instance speaking. */
export const RESERVED_HANDLES: ReadonlySet<string> = new Set([
  'admin', 'administrator', 'api', 'app', 'assets', 'auth', 'c', 'claim', 'credentials', 'dashboard', 'docs', 'emblem',
  'help', 'home', 'images', 'log', 'login', 'logout', 'me', 'new', 'null', 'orgs', 'profile', 'root', 's', 'security',
  'settings', 'share', 'sign-in', 'sign-out', 'sign-up', 'signin', 'signup', 'staff', 'status', 'support', 'system', 'u',
  'undefined', 'verify', 'wallet', 'www',
])

/** A handle as typed, normalized: trimmed and lower-cased. */
export const normalizeHandle = (value: string): string => value.trim().toLowerCase()

/** Why a normalized handle cannot be used, or undefined when it can (taken handles are the store's to say). */
export function handleProblem(handle: string): { code: 'too_short' | 'too_long' | 'invalid_characters' | 'taken'; message: string } | undefined {
  if (handle.length < 3) return { code: 'too_short', message: 'use at least 3 characters' }
  if (handle.length > 30) return { code: 'too_long', message: 'use at most 30 characters' }
  if (!/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/.test(handle)) return { code: 'invalid_characters', message: 'use only a–z, 0–9 and hyphens, starting and ending with a letter or digit' }
  if (RESERVED_HANDLES.has(handle)) return { code: 'taken', message: 'this handle is reserved' }
  return undefined
}

/** A handle to suggest from a name (`Ada Lovelace` → `ada-lovelace`), padded or cut to the rules. */
export function suggestHandle(name: string, fallback: string): string {
  const base = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 30)
    .replace(/-+$/, '')
  const handle = base.length >= 3 ? base : `${base}${base ? '-' : ''}${fallback}`.slice(0, 30)
  return handleProblem(handle) ? `${handle}-${fallback}`.slice(0, 30) : handle
}
