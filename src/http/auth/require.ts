import type { Context } from 'hono'
import type { OrgRef, SessionUser } from '../../app/platform/access-ports.js'
import { hasRole, type RoleName } from '../../app/platform/roles.js'
import { PlatformError } from '../../core/errors.js'
import '../context.js'

/** The signed-in user, or ERR_UNAUTHENTICATED (API keys act for an organization, not a person). */
export function requireUser(c: Context): SessionUser {
  const actor = c.var.actor
  if (actor?.kind !== 'user') throw new PlatformError('ERR_UNAUTHENTICATED', 'Sign in to continue')
  return actor.user
}

/** An organization the actor may act in, with the actor's role there. */
export interface OrgAccess {
  org: OrgRef
  role: RoleName
}

/**
 * Resolves `slug` to an organization the actor belongs to with at least `least` role. The one
 * access check of every organization route: anonymous → ERR_UNAUTHENTICATED; an organization that
 * does not exist or that the actor is not in → ERR_NOT_FOUND (its existence is not revealed);
 * a member whose role is too low → ERR_FORBIDDEN.
 */
export async function requireOrg(c: Context, slug: string, least: RoleName): Promise<OrgAccess> {
  const actor = c.var.actor
  if (!actor) throw new PlatformError('ERR_UNAUTHENTICATED', 'Sign in or send an API key to continue')
  const { access } = c.var.platform.store.repos
  const org = await access.orgBySlug(slug)
  const role = !org ? undefined : actor.kind === 'api-key' ? (actor.orgId === org.id ? actor.role : undefined) : await access.roleOf(org.id, actor.user.id)
  if (!org || !role) throw new PlatformError('ERR_NOT_FOUND', `No organization "${slug}" that you belong to`)
  if (!hasRole(role, least)) throw new PlatformError('ERR_FORBIDDEN', `This needs the ${least} role or higher in ${org.name}; you are ${role}`)
  return { org, role }
}
