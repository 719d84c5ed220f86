import { ORG_SLUG } from './did.js'

/**
 * Slugs an organization may not take: they are path segments of this instance (`/orgs/new`) or
 * names people would mistake for the instance itself.
 */
export const RESERVED_SLUGS: ReadonlySet<string> = new Set([
  'new', 'api', 'admin', 'administrator', 'root', 'system', 'emblem', 'settings', 'dashboard', 'account',
  'accounts', 'invitations', 'orgs', 'org', 'images', 'assets', 'static', 'log', 'credentials', 'c',
  'status', 'verify', 'sign-in', 'sign-up', 'sign-out', 'login', 'logout', 'register', 'help', 'support',
  'about', 'docs', 'www', 'mail', 'well-known', 'did', 'ims', 'health', 'null', 'undefined',
])

/**
 * A slug suggested from a name: ASCII letters and digits (accents dropped), words joined by single
 * hyphens, cut to 40 characters; '' when nothing usable is left.
 * @example suggestSlug('Université de Genève') // 'universite-de-geneve'
 */
export function suggestSlug(name: string): string {
  const words = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
  let slug = ''
  for (const word of words) {
    const next = slug ? `${slug}-${word}` : word
    if (next.length > 40) break
    slug = next
  }
  if (slug === '' && words[0]) slug = words[0].slice(0, 40)
  return slug.length >= 2 ? slug : ''
}

/** Why `slug` cannot name an organization, or undefined when it can (whether it is free is the store's answer). */
export function slugProblem(slug: string): string | undefined {
  if (!ORG_SLUG.test(slug)) return 'use 2 to 40 lower-case letters, digits and single hyphens, not at either end'
  if (RESERVED_SLUGS.has(slug)) return `"${slug}" is reserved; choose another`
  return undefined
}
