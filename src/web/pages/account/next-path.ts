/**
 * The local path a `next` parameter names, or undefined: only same-origin paths are followed after
 * sign-in, never another site (`https://evil.example`, `//evil.example`, `/\evil.example`).
 */
export function localPath(next: string | undefined | null): string | undefined {
  if (typeof next !== 'string' || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return undefined
  if ([...next].some((ch) => ch < ' ' || ch === '\u007f')) return undefined
  const base = 'http://emblem.invalid'
  let url: URL
  try {
    url = new URL(next, base)
  } catch {
    return undefined
  }
  if (url.origin !== base) return undefined
  return url.pathname + url.search + url.hash
}

/** Where to go after signing in: the local `next`, else the dashboard. */
export const afterSignIn = (next: string | undefined | null): string => localPath(next) ?? '/dashboard'

/** `path` with `?next=…` added when there is a local next. */
export function withNext(path: string, next: string | undefined | null): string {
  const local = localPath(next)
  if (!local) return path
  return `${path}${path.includes('?') ? '&' : '?'}next=${encodeURIComponent(local)}`
}
