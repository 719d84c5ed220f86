// What sharing keeps: a learner's public profile and their share links (store/platform/sharing.ts).

/** A learner's profile; `/u/<handle>` shows it only while `public`. */
export interface LearnerProfile {
  userId: string
  handle: string
  displayName: string
  headline: string
  bio: string
  public: boolean
  openToEmployers: boolean
  createdAt: string
  updatedAt: string
}

/** The profile fields a learner sets. */
export type LearnerProfileInput = Omit<LearnerProfile, 'createdAt' | 'updatedAt'>

export interface LearnerProfilesRepo {
  get(userId: string): Promise<LearnerProfile | undefined>
  byHandle(handle: string): Promise<LearnerProfile | undefined>
  /** Creates or replaces the user's profile; `taken` when another user holds the handle. */
  save(profile: LearnerProfileInput, at: Date): Promise<'saved' | 'taken'>
  /** The ids of the user's collections shown on the profile (wallet_collections.public). */
  publicCollections(userId: string): Promise<string[]>
  /** Makes exactly these of the user's collections public. */
  setPublicCollections(userId: string, ids: readonly string[]): Promise<void>
}

/** A share link as the store keeps it: the SHA-256 of its token (its id), never the token. */
export interface ShareLinkRecord {
  tokenHash: string
  userId: string
  itemId: string | null
  collectionId: string | null
  expiresAt: string | null
  revokedAt: string | null
  views: number
  createdAt: string
}

export interface ShareLinksRepo {
  create(link: Omit<ShareLinkRecord, 'views' | 'revokedAt'>): Promise<void>
  /** The user's links, newest first. */
  listOf(userId: string): Promise<ShareLinkRecord[]>
  get(tokenHash: string): Promise<ShareLinkRecord | undefined>
  /** Stamps the user's link revoked (once); false when it is not theirs or already revoked. */
  revoke(userId: string, tokenHash: string, at: Date): Promise<boolean>
  /** Adds one view. */
  countView(tokenHash: string): Promise<void>
}
