import { PlatformError } from '../../core/errors.js'
import { MIN_ROLE, hasRole, type RoleName } from '../platform/roles.js'

/** Who acts in an organization: their role there, and their user id when a person (null for an API key). */
export interface OrgActor {
  role: RoleName
  userId: string | null
}

/**
 * Refuses (ERR_FORBIDDEN) what `actor` may not do to a member or invitation whose role is
 * `current` (undefined for a new invitation) by giving it `next` (undefined: removing it).
 * Admins manage admins, issuers and viewers; only owners make, change or remove owners.
 */
export function assertMayManage(actor: OrgActor, current: RoleName | undefined, next: RoleName | undefined): void {
  if (!hasRole(actor.role, MIN_ROLE.manage)) throw new PlatformError('ERR_FORBIDDEN', `Managing members needs the admin role or higher; you are ${actor.role}`)
  if ((current === 'owner' || next === 'owner') && !hasRole(actor.role, MIN_ROLE.own))
    throw new PlatformError('ERR_FORBIDDEN', 'Only owners can make someone an owner or change or remove an owner')
}

/** The last owner rule: an organization always keeps at least one owner (ERR_STATE_INVALID). */
export function assertNotLastOwner(owners: number, what: 'remove' | 'demote'): void {
  if (owners <= 1)
    throw new PlatformError(
      'ERR_STATE_INVALID',
      what === 'remove' ? 'This is the last owner: make someone else an owner before removing them' : 'This is the last owner: make someone else an owner before changing their role',
    )
}
