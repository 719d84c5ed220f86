import type { RoleName } from './roles.js'

/** A signed-in user as the request sees it. */
export interface SessionUser {
  id: string
  email: string
  name: string
  emailVerified: boolean
}

/** Who is making a request: a person with a session, or an organization's API key. */
export type Actor =
  | { kind: 'user'; user: SessionUser; sessionIdHash: string; csrfToken: string }
  | { kind: 'api-key'; keyId: string; orgId: string; role: Exclude<RoleName, 'owner'> }

/** An organization as access checks and pages need it. */
export interface OrgRef {
  id: string
  slug: string
  name: string
  /** Its logo, so every back-office page's frame can show it. */
  logoImageId: string | null
}

/** The reads authentication and access checks need. */
export interface AccessRepo {
  /** The live session with this token hash (expires_at in the future) and its user, or undefined. */
  sessionByHash(idHash: string, now: Date): Promise<{ user: SessionUser; csrfToken: string } | undefined>
  /** The unrevoked API key with this secret hash, or undefined; stamps last_used_at. */
  apiKeyByHash(secretHash: string, now: Date): Promise<{ keyId: string; orgId: string; role: Exclude<RoleName, 'owner'> } | undefined>
  orgBySlug(slug: string): Promise<OrgRef | undefined>
  /** The user's role in the organization, or undefined when not a member. */
  roleOf(orgId: string, userId: string): Promise<RoleName | undefined>
}
