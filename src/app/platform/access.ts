// Who is asking, and may they act in an organization: the one access check every route and page
// uses (through http/auth), built on the access repository.
import { PlatformError } from '../../core/errors.js'
import type { Actor, OrgRef } from './access-ports.js'
import type { PlatformPorts } from './ports.js'
import { hasRole, type RoleName } from './roles.js'
import { hashSecret } from './secret-token.js'

/** An organization the actor may act in, with the actor's role there. */
export interface OrgAccess {
  org: OrgRef
  role: RoleName
}

type Deps = Pick<PlatformPorts, 'store' | 'clock'>

/** The signed-in user of a session cookie's token (a live session), or undefined. */
export async function sessionActor({ store, clock }: Deps, token: string): Promise<Extract<Actor, { kind: 'user' }> | undefined> {
  const idHash = hashSecret(token)
  const session = await store.repos.access.sessionByHash(idHash, clock.now())
  return session && { kind: 'user', user: session.user, sessionIdHash: idHash, csrfToken: session.csrfToken }
}

/** The organization an unrevoked API key acts for, with its role (stamping its last use), or undefined. */
export async function apiKeyActor({ store, clock }: Deps, secret: string): Promise<Extract<Actor, { kind: 'api-key' }> | undefined> {
  const key = await store.repos.access.apiKeyByHash(hashSecret(secret), clock.now())
  return key && { kind: 'api-key', ...key }
}

/**
 * Resolves `slug` to an organization the actor belongs to with at least `least` role: anonymous →
 * ERR_UNAUTHENTICATED; an organization that does not exist or that the actor is not in →
 * ERR_NOT_FOUND (its existence is not revealed); a member whose role is too low → ERR_FORBIDDEN.
 */
export async function requireOrgAccess({ store }: Pick<PlatformPorts, 'store'>, actor: Actor | undefined, slug: string, least: RoleName): Promise<OrgAccess> {
  if (!actor) throw new PlatformError('ERR_UNAUTHENTICATED', 'Sign in or send an API key to continue')
  const { access } = store.repos
  const org = await access.orgBySlug(slug)
  const role = !org ? undefined : actor.kind === 'api-key' ? (actor.orgId === org.id ? actor.role : undefined) : await access.roleOf(org.id, actor.user.id)
  if (!org || !role) throw new PlatformError('ERR_NOT_FOUND', `No organization "${slug}" that you belong to`)
  if (!hasRole(role, least)) throw new PlatformError('ERR_FORBIDDEN', `This needs the ${least} role or higher in ${org.name}; you are ${role}`)
  return { org, role }
}
