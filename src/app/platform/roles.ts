/** Organization roles, most powerful first. */
export const ROLES = ['owner', 'admin', 'issuer', 'viewer'] as const
export type RoleName = (typeof ROLES)[number]

/** What each role may do, as the least role that may. */
export const MIN_ROLE = {
  /** See the organization, its achievements, credentials, batches. */
  read: 'viewer',
  /** Issue, run batches, revoke and suspend. */
  issue: 'issuer',
  /** Define achievements, manage members below owner, API keys, keys, read the outbox. */
  manage: 'admin',
  /** Delete the organization, make or remove owners. */
  own: 'owner',
} as const satisfies Record<string, RoleName>

/** True when `role` is at least as powerful as `least`. */
export const hasRole = (role: RoleName, least: RoleName): boolean => ROLES.indexOf(role) <= ROLES.indexOf(least)
