import type { Context } from 'hono'
import type { SessionUser } from '../../app/platform/access-ports.js'
import type { OrgAccess } from '../../app/platform/access.js'
import type { RoleName } from '../../app/platform/roles.js'
import { PlatformError } from '../../core/errors.js'
import '../context.js'

export type { OrgAccess }

/** The signed-in user, if a person (not an API key) is signed in. */
export function signedInUser(c: Context): SessionUser | undefined {
  const actor = c.get('actor')
  return actor?.kind === 'user' ? actor.user : undefined
}

/** The signed-in user, or ERR_UNAUTHENTICATED (API keys act for an organization, not a person). */
export function requireUser(c: Context): SessionUser {
  const actor = c.get('actor')
  if (actor?.kind !== 'user') throw new PlatformError('ERR_UNAUTHENTICATED', 'Sign in to continue')
  return actor.user
}

/**
 * The organization of `slug` with the actor's role, at least `least`: the one access check of every
 * organization route and page (platform.access.requireOrg: 401 anonymous, 404 for outsiders, 403 for
 * a role too low).
 */
export const requireOrg = (c: Context, slug: string, least: RoleName): Promise<OrgAccess> => c.get('platform').access.requireOrg(c.get('actor'), slug, least)

/** The signed-in person; API keys are refused with ERR_FORBIDDEN (`what` needs a person), anonymous with 401. */
export function requirePerson(c: Context, what: string): SessionUser {
  if (c.get('actor')?.kind === 'api-key') throw new PlatformError('ERR_FORBIDDEN', `${what} needs a person: sign in instead of using an API key`)
  return requireUser(c)
}

/** The acting member of an organization: a person's id, or null for an API key. */
export const actorOf = (c: Context, access: OrgAccess): { role: RoleName; userId: string | null } => ({
  role: access.role,
  userId: signedInUser(c)?.id ?? null,
})
