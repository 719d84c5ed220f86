import type { TalentSkillRow } from './skill-keys.js'

export type OrgKind = 'issuer' | 'employer'

/** A learner's consent to be found, with what they show of where they are. */
export interface TalentOptin {
  userId: string
  location: string
  /** ISO 3166-1 alpha-2, upper case, or null. */
  country: string | null
  optedInAt: string
}

/** What the search narrows to, after the requested skills were resolved to index keys. */
export interface TalentQuery {
  /** The searching organization (its blocks apply). */
  orgId: string
  /** One list of keys per requested skill (any key proves that skill). */
  requirements: readonly (readonly string[])[]
  /** How many requirements a learner must meet. */
  min: number
  issuer?: string | undefined
  eqfMin?: number | undefined
  /** Only credentials issued at or after this ISO time. */
  issuedSince?: string | undefined
  country?: string | undefined
  location?: string | undefined
  /** Credentials that expired before this ISO time do not count. */
  now: string
  limit: number
  offset: number
}

/** A proof of one requirement: one credential of the learner. */
export interface TalentProofRow {
  userId: string
  requirement: number
  label: string
  itemId: string
  name: string
  issuerName: string
  issuedAt: string | null
  checkedAt: string
  verified: boolean
}

export interface TalentLearnerRow {
  userId: string
  handle: string
  displayName: string
  location: string
  country: string | null
  matched: number
}

export interface SavedSearchRecord {
  id: string
  orgId: string
  name: string
  query: string
  createdBy: string | null
  createdAt: string
}

export interface TalentMessageRecord {
  id: string
  orgId: string
  orgName: string
  orgSlug: string
  userId: string
  sender: 'employer' | 'learner'
  body: string
  createdAt: string
  readAt: string | null
}

/** The talent search's storage. Every read is scoped: by the learner, or by the organization. */
export interface TalentRepo {
  orgKind(orgId: string): Promise<OrgKind | undefined>
  setOrgKind(orgId: string, kind: OrgKind): Promise<void>
  /** The employer organizations the user is a member of, by name. */
  employerOrgsOf(userId: string): Promise<{ id: string; slug: string; name: string }[]>
  optin(userId: string): Promise<TalentOptin | undefined>
  saveOptin(optin: TalentOptin): Promise<void>
  withdraw(userId: string): Promise<void>
  /** Replaces the index rows of the learner's credentials with `rows`. */
  reindexUser(userId: string, rows: readonly TalentSkillRow[]): Promise<void>
  /** Index rows of one new credential. */
  index(rows: readonly TalentSkillRow[]): Promise<void>
  /** Every skill narrower than any of `ids`, down to `depth` levels (at most `limit`), in one query. */
  narrowerClosure(ids: readonly string[], depth: number, limit: number): Promise<string[]>
  /** Learners who meet the query, best first, and how many there are in all. */
  search(query: TalentQuery): Promise<{ learners: TalentLearnerRow[]; total: number }>
  /** The proofs of the query's requirements for these learners (same filters). */
  proofs(query: TalentQuery, userIds: readonly string[]): Promise<TalentProofRow[]>
  /** The opted-in learner with a public profile of this handle, unless they blocked the organization. */
  findable(orgId: string, handle: string): Promise<{ userId: string; displayName: string; handle: string } | undefined>
  saveSearch(s: SavedSearchRecord): Promise<void>
  savedSearches(orgId: string): Promise<SavedSearchRecord[]>
  savedSearch(orgId: string, id: string): Promise<SavedSearchRecord | undefined>
  deleteSearch(orgId: string, id: string): Promise<boolean>
  recordView(userId: string, orgId: string, at: string): Promise<void>
  /** Who viewed the learner (newest first). */
  views(userId: string, limit: number): Promise<{ orgName: string; orgSlug: string; viewedAt: string }[]>
  addMessage(m: Omit<TalentMessageRecord, 'orgName' | 'orgSlug' | 'readAt'> & { senderUserId: string | null }): Promise<void>
  /** The learner's messages (every organization), newest first. */
  messagesOf(userId: string, limit: number): Promise<TalentMessageRecord[]>
  /** The organization's conversation with one learner, oldest first. */
  thread(orgId: string, userId: string): Promise<TalentMessageRecord[]>
  markRead(userId: string, at: string): Promise<void>
  block(userId: string, orgId: string, at: string): Promise<void>
  unblock(userId: string, orgId: string): Promise<void>
  blocked(userId: string): Promise<{ orgId: string; orgName: string; orgSlug: string }[]>
  isBlocked(userId: string, orgId: string): Promise<boolean>
  /** Has the organization written to the learner before (a reply needs a conversation)? */
  orgBySlug(slug: string): Promise<{ id: string; slug: string; name: string; kind: OrgKind } | undefined>
}
