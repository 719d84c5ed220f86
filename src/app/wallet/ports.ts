// The wallet's records and repositories (migration 0009): a learner's kept credentials, their
// collections, and the account's e-mail addresses.
import type { CredentialDisplay, DisplaySkill } from './display.js'

/** How a kept credential came: claimed from this instance, or imported. */
export type WalletSource = 'claim' | 'import'
/** The document's format: a JSON credential with an embedded proof, a compact VC-JWT, an Open Badges 2.0 assertion. */
export type WalletFormat = 'vc-json' | 'vc-jwt' | 'ob2'

/** A wallet item as stored. Times are ISO 8601. */
export interface WalletItemRecord {
  id: string
  userId: string
  /** SHA-256 hex of `document`. */
  digest: string
  credentialId: string | null
  issuedCredentialId: string | null
  source: WalletSource
  format: WalletFormat
  document: string
  verified: boolean
  /** JSON text of the latest VerificationReport. */
  report: string
  checkedAt: string
  name: string
  description: string
  imageUrl: string | null
  issuerId: string | null
  issuerName: string
  issuedAt: string | null
  expiresAt: string | null
  skills: DisplaySkill[]
  hidden: boolean
  public: boolean
  showName: boolean
  addedAt: string
}

/** What a new wallet item is written with (hidden/public off, show name on). */
export type NewWalletItem = Omit<WalletItemRecord, 'hidden' | 'public' | 'showName'> & Partial<Pick<WalletItemRecord, 'hidden' | 'public' | 'showName'>>

/** What the learner can change of an item. */
export interface WalletItemPatch {
  hidden?: boolean
  public?: boolean
  showName?: boolean
}

/** One of the account's unclaimed issued credentials sent to `email`. */
export interface ClaimableCredential {
  credentialId: string
  recipientEmail: string
  /** The stored signed credential text (JSON object text, or a JSON string holding a compact VC-JWT). */
  stored: string
  state: 'active' | 'revoked' | 'suspended'
  showName: boolean
}

/** An item whose expiry reminder is due, with whom to tell. */
export interface DueReminder {
  itemId: string
  userId: string
  email: string
  userName: string
  name: string
  issuerName: string
  expiresAt: string
}

/** A learner's kept credentials. Every read and write is scoped to the owning user. */
export interface WalletItemsRepo {
  /** Inserts unless the user already keeps this digest: 'duplicate' then, and nothing is written. */
  insert(item: NewWalletItem): Promise<'inserted' | 'duplicate'>
  get(userId: string, id: string): Promise<WalletItemRecord | undefined>
  byDigest(userId: string, digest: string): Promise<WalletItemRecord | undefined>
  byIssuedCredential(userId: string, issuedCredentialId: string): Promise<WalletItemRecord | undefined>
  /** Every item of the user, newest first (at most `limit`, default 2,000). */
  list(userId: string, options?: { limit?: number }): Promise<WalletItemRecord[]>
  /** The user's items marked public and not hidden, newest first. */
  listPublic(userId: string): Promise<WalletItemRecord[]>
  /** Applies the patch; false when the user has no such item. */
  update(userId: string, id: string, patch: WalletItemPatch): Promise<boolean>
  /** Stores a new verification outcome. */
  setReport(userId: string, id: string, result: { verified: boolean; report: string; checkedAt: string }): Promise<void>
  /** Removes the item (and its collection entries); false when there was none. */
  delete(userId: string, id: string): Promise<boolean>
  /** Unclaimed, undeclined issued credentials of this instance whose recipient address is one of `emails`. */
  claimable(emails: readonly string[]): Promise<ClaimableCredential[]>
  /** Marks an issued credential claimed (once: false when it was claimed or declined before). */
  markClaimed(credentialId: string, choice: { showName: boolean; at: string }): Promise<boolean>
  /** Marks an unclaimed issued credential declined, by its claim token hash (once); false otherwise. */
  declineByClaimTokenHash(tokenHash: string, at: string): Promise<boolean>
  /** Sets the public page's name choice of an issued credential. */
  setIssuedShowName(credentialId: string, showName: boolean): Promise<void>
  /**
   * Items expiring in (now, now + days] whose owner wants reminders and who got no reminder of this
   * threshold for them yet (at most `limit`).
   */
  dueReminders(thresholdDays: number, now: Date, limit: number): Promise<DueReminder[]>
  /** Records the reminder; false when it was recorded before (so it is sent once). */
  markReminded(itemId: string, thresholdDays: number, at: string): Promise<boolean>
}

/** A collection with its item ids in order. */
export interface WalletCollectionRecord {
  id: string
  userId: string
  name: string
  description: string
  position: number
  createdAt: string
  itemIds: string[]
}

/** A learner's collections. Every read and write is scoped to the owning user. */
export interface WalletCollectionsRepo {
  /** Creates the collection last in the user's order. */
  create(c: { id: string; userId: string; name: string; description: string; createdAt: string }): Promise<void>
  list(userId: string): Promise<WalletCollectionRecord[]>
  get(userId: string, id: string): Promise<WalletCollectionRecord | undefined>
  update(userId: string, id: string, patch: { name?: string; description?: string }): Promise<boolean>
  delete(userId: string, id: string): Promise<boolean>
  /** Appends the user's item to the user's collection ('exists' when it is in already; 'missing' when either is not the user's). */
  addItem(userId: string, collectionId: string, itemId: string): Promise<'added' | 'exists' | 'missing'>
  removeItem(userId: string, collectionId: string, itemId: string): Promise<boolean>
  /** Swaps the item with its neighbour; false when it cannot move that way. */
  moveItem(userId: string, collectionId: string, itemId: string, direction: 'up' | 'down'): Promise<boolean>
  /** Puts the items in this order (must be exactly the collection's items); false otherwise. */
  reorder(userId: string, collectionId: string, itemIds: readonly string[]): Promise<boolean>
  /** Swaps the collection with its neighbour in the user's order. */
  moveCollection(userId: string, id: string, direction: 'up' | 'down'): Promise<boolean>
}

/** One address of an account. */
export interface AccountEmailRecord {
  userId: string
  email: string
  verifiedAt: string | null
  createdAt: string
}

/** An account's addresses (normalized; each belongs to one account) and its wallet settings. */
export interface AccountEmailsRepo {
  /** Adds the address unless any account has it: 'taken' then. */
  add(userId: string, email: string, at: string): Promise<'added' | 'taken'>
  /** The user's addresses, oldest first. */
  list(userId: string): Promise<AccountEmailRecord[]>
  byEmail(email: string): Promise<AccountEmailRecord | undefined>
  /** The accounts that confirmed these addresses, by address (addresses no account confirmed are absent). */
  verifiedOwners(emails: readonly string[]): Promise<Map<string, string>>
  /** The user's confirmed addresses. */
  confirmed(userId: string): Promise<string[]>
  /** Stamps the user's address confirmed (keeps an earlier stamp); false when the user has no such address. */
  markVerified(userId: string, email: string, at: string): Promise<boolean>
  /** Removes the address; false when the user has no such address. */
  remove(userId: string, email: string): Promise<boolean>
  /** Stores a verify-email token for one address (SHA-256 of the token). */
  createVerifyToken(token: { tokenHash: string; userId: string; email: string; expiresAt: Date }): Promise<void>
  /** The address a verify-email token was made for (null: the sign-up address); undefined for no such token. */
  tokenEmail(tokenHash: string): Promise<string | null | undefined>
  expiryReminders(userId: string): Promise<boolean>
  setExpiryReminders(userId: string, on: boolean): Promise<void>
}

/** A wallet item as the learner's pages and API see it. */
export interface WalletItemView {
  id: string
  source: WalletSource
  format: WalletFormat
  credentialId: string | null
  issuedCredentialId: string | null
  verified: boolean
  status: WalletStatus
  checkedAt: string
  display: CredentialDisplay
  hidden: boolean
  public: boolean
  showName: boolean
  addedAt: string
}

/** A kept credential's standing, from its latest report and its expiry. */
export type WalletStatus = 'valid' | 'expired' | 'revoked' | 'suspended' | 'unverified'
