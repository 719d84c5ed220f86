import type { RoleName } from '../platform/roles.js'

/** A user account as stored. */
export interface UserRecord {
  id: string
  /** Normalized (trimmed, lower-cased). */
  email: string
  name: string
  /** argon2id PHC string. */
  passwordHash: string
  emailVerifiedAt: string | null
  createdAt: string
}

/** What one-time e-mail links are for. */
export type TokenPurpose = 'verify-email' | 'reset-password'

/** An organization the user belongs to, with their role there. */
export interface UserMembership {
  org: { id: string; slug: string; name: string }
  role: RoleName
}

/** Users, their sessions and their one-time e-mail tokens. Times are ISO 8601 UTC. */
export interface AccountsRepo {
  /** Inserts the user unless the e-mail is taken: 'exists' then, and nothing is written. */
  createUser(user: { id: string; email: string; name: string; passwordHash: string }): Promise<'created' | 'exists'>
  userByEmail(email: string): Promise<UserRecord | undefined>
  userById(id: string): Promise<UserRecord | undefined>
  setName(userId: string, name: string): Promise<void>
  setPasswordHash(userId: string, passwordHash: string): Promise<void>
  /** Stamps the e-mail as verified (keeps an earlier stamp). */
  markEmailVerified(userId: string, at: Date): Promise<void>
  /** Stores a session by the SHA-256 (hex) of its token. */
  createSession(session: { idHash: string; userId: string; csrfToken: string; expiresAt: Date }): Promise<void>
  /** Deletes one session; true when it existed. */
  deleteSession(idHash: string): Promise<boolean>
  /** Deletes every session of the user except `exceptIdHash`; returns how many went. */
  deleteSessions(userId: string, options?: { exceptIdHash?: string | undefined }): Promise<number>
  /** Stores a one-time token by its SHA-256 (hex). */
  createToken(token: { tokenHash: string; userId: string; purpose: TokenPurpose; expiresAt: Date }): Promise<void>
  /** The user id of an unused, unexpired token of this purpose, without using it. */
  peekToken(tokenHash: string, purpose: TokenPurpose, now: Date): Promise<string | undefined>
  /**
   * Marks an unused, unexpired token of this purpose used and returns its user id; undefined when
   * it is unknown, used or expired. Atomic: of two concurrent callers, one gets the user.
   */
  useToken(tokenHash: string, purpose: TokenPurpose, now: Date): Promise<string | undefined>
  /** Whether this token exists at all (used or expired included): tells "already used" from "never valid". */
  tokenOwner(tokenHash: string, purpose: TokenPurpose): Promise<string | undefined>
  /** Deletes the user's unused tokens of this purpose (older links die when one is used). */
  deleteTokens(userId: string, purpose: TokenPurpose): Promise<void>
  /** The user's organizations with their role, by organization name. */
  memberships(userId: string): Promise<UserMembership[]>
  /** Until when sign-ins of this account (hash of the normalized e-mail) are locked; undefined when they are not. */
  signInLockedUntil(accountHash: string): Promise<string | undefined>
  /**
   * Counts a failed sign-in of the account atomically (every process shares the count; the count
   * restarts when the last failure is older than `restartBefore`) and returns the failures so far.
   */
  recordSignInFailure(accountHash: string, at: string, restartBefore: string): Promise<number>
  /** Locks the account's sign-ins until `until`, unless it is already locked longer. */
  lockSignIn(accountHash: string, until: string): Promise<void>
  /** Forgets the account's failures (after a successful sign-in). */
  clearSignInFailures(accountHash: string): Promise<void>
}
