import type { RoleName } from '../platform/roles.js'

/** How an organization's credentials are signed. */
export const SIGNING_SUITES = ['eddsa-rdfc-2022', 'eddsa-jcs-2022', 'vc-jwt'] as const
export type SigningSuite = (typeof SIGNING_SUITES)[number]

/** Which status entries its credentials carry: revocation only (the OB 3.0 schema's one entry), or revocation and suspension (VC 2.0 allows several). */
export const STATUS_ENTRIES = ['revocation', 'revocation-and-suspension'] as const
export type StatusEntries = (typeof STATUS_ENTRIES)[number]

/** An organization as stored. */
export interface OrgRecord {
  id: string
  slug: string
  name: string
  description: string
  url: string | null
  email: string | null
  country: string | null
  logoImageId: string | null
  /** The accent of its pages and e-mails, `#rrggbb` (lower case), or null for Emblem's own. */
  brandColor: string | null
  /** How its credentials are signed. */
  suite: SigningSuite
  /** Which status entries its credentials carry; with revocation only, suspension is enforced by this instance alone. */
  statusEntries: StatusEntries
  createdAt: string
}

/** The profile fields members with the manage role may change (the slug never changes: it is in the DID). */
export type OrgProfile = Pick<OrgRecord, 'name' | 'description' | 'url' | 'email' | 'country' | 'suite' | 'brandColor' | 'statusEntries'>

/** A member of an organization, with their account's name and e-mail. */
export interface MemberRecord {
  userId: string
  email: string
  name: string
  role: RoleName
  createdAt: string
}

/** An invitation by e-mail; the token itself is only in the e-mail, the store keeps its SHA-256. */
export interface InvitationRecord {
  id: string
  orgId: string
  /** Normalized (trimmed, lower-cased). */
  email: string
  role: RoleName
  invitedBy: string | null
  createdAt: string
  expiresAt: string
  acceptedAt: string | null
}

/** An API key as lists show it: never the secret, which exists only in the creator's hands. */
export interface ApiKeyRecord {
  id: string
  orgId: string
  name: string
  role: Exclude<RoleName, 'owner'>
  /** The 8 characters after `emb_` that identify the key. */
  prefix: string
  createdBy: string | null
  createdAt: string
  lastUsedAt: string | null
  revokedAt: string | null
}

/** Organizations themselves: profile, slug, lifecycle. */
export interface OrgsRepo {
  /** The organization with this id, or undefined. */
  get(id: string): Promise<OrgRecord | undefined>
  /** The organization with this slug, or undefined. */
  bySlug(slug: string): Promise<OrgRecord | undefined>
  /** Inserts the organization with `ownerId` as its owner; 'slug-taken' (nothing written) when the slug exists. */
  create(org: Omit<OrgRecord, 'createdAt' | 'logoImageId' | 'brandColor' | 'statusEntries'> & Partial<Pick<OrgRecord, 'statusEntries'>>, ownerId: string): Promise<'created' | 'slug-taken'>
  /** Deletes the organization and everything that cascades from it. */
  delete(id: string): Promise<void>
  /** Changes profile fields (and the logo); the updated record, or undefined when it is gone. */
  update(id: string, changes: Partial<OrgProfile> & { logoImageId?: string | null }): Promise<OrgRecord | undefined>
  /**
   * Takes the organization's row lock until the transaction ends, so membership checks that read
   * then write (the last owner rule) cannot interleave. Call inside a transaction.
   */
  lock(id: string): Promise<void>
  /** The user's organizations with their role, by name (then slug). */
  ofUser(userId: string): Promise<Array<{ org: OrgRecord; role: RoleName }>>
}

/** Who belongs to an organization, and with which role. */
export interface MembersRepo {
  /** The organization's members: owners first, then admins, issuers, viewers; by name within a role. */
  list(orgId: string): Promise<MemberRecord[]>
  /** One member, or undefined when the user is not one. */
  get(orgId: string, userId: string): Promise<MemberRecord | undefined>
  /** Adds a member; 'exists' (nothing written) when the user already is one. */
  add(orgId: string, userId: string, role: RoleName): Promise<'added' | 'exists'>
  /** Changes a member's role; false when they are not a member. */
  setRole(orgId: string, userId: string, role: RoleName): Promise<boolean>
  /** Removes a member; false when they were not one. */
  remove(orgId: string, userId: string): Promise<boolean>
  /** How many owners the organization has. */
  countOwners(orgId: string): Promise<number>
}

/** Invitations by e-mail to join an organization. */
export interface InvitationsRepo {
  /** Stores an invitation by the SHA-256 (hex) of its token. */
  create(invitation: Omit<InvitationRecord, 'acceptedAt'> & { tokenHash: string }): Promise<void>
  /** Invitations not accepted yet (expired ones too), newest first. */
  pending(orgId: string): Promise<InvitationRecord[]>
  /** The invitation with this id in this organization, or undefined (never another organization's). */
  get(orgId: string, id: string): Promise<InvitationRecord | undefined>
  /** The invitation whose token hashes to `tokenHash`, accepted or expired ones included. */
  byTokenHash(tokenHash: string): Promise<InvitationRecord | undefined>
  /** Marks an unaccepted, unexpired invitation accepted; false when it was not (of two callers, one wins). */
  markAccepted(id: string, at: Date): Promise<boolean>
  /** Deletes an invitation not accepted yet; false when there was none. */
  delete(orgId: string, id: string): Promise<boolean>
  /** Deletes the unaccepted invitations of `email` to the organization (a new one replaces them). */
  deletePendingFor(orgId: string, email: string): Promise<void>
}

/** An organization's API keys, stored by the SHA-256 of their secret. */
export interface ApiKeysRepo {
  /** Stores an API key by the SHA-256 (hex) of its secret. */
  create(key: Omit<ApiKeyRecord, 'lastUsedAt' | 'revokedAt'> & { secretHash: string }): Promise<void>
  /** The organization's API keys, revoked ones included, newest first. */
  list(orgId: string): Promise<ApiKeyRecord[]>
  /** One of the organization's keys, or undefined (never another organization's). */
  get(orgId: string, id: string): Promise<ApiKeyRecord | undefined>
  /** Stamps `revokedAt` on a live key; false when it is unknown or already revoked. */
  revoke(orgId: string, id: string, at: Date): Promise<boolean>
}
