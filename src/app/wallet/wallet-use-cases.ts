import type { VerificationReport } from '../../core/verification/index.js'
import { sharedRateLimiter } from '../platform/rate-limits.js'
import type { DocumentAccess, FetchLocal, IssuedCredentialView } from '../credentials/ports.js'
import { jsonDocuments } from '../platform/fetcher.js'
import type { PlatformPorts } from '../platform/ports.js'
import { addImported, type ImportedCredential } from './items.js'
import type { AccountEmailRecord, WalletCollectionRecord, WalletItemPatch, WalletItemView } from './ports.js'
import { sendExpiryReminders } from './reminders.js'
import {
  addEmail,
  addToCollection,
  claimAll,
  claimableCount,
  claimToWallet,
  createCollection,
  declineClaim,
  deleteCollection,
  deleteItem,
  getCollection,
  getItem,
  listEmails,
  listWallet,
  moveCollection,
  moveInCollection,
  openItem,
  removeEmail,
  removeFromCollection,
  resendEmailConfirmation,
  setExpiryReminders,
  updateCollection,
  updateItem,
  verifyDocument,
  type AccountEmails,
  type WalletItemDetail,
  type WalletList,
  type WalletQuery,
} from './wallet.js'

/** The learner's wallet: kept credentials, collections, claims, addresses. Every call is scoped to `userId`, the signed-in learner. */
export interface WalletUseCases {
  /** Keeps an imported credential (insert, or detect the duplicate by the digest of its text). */
  addImported(userId: string, x: ImportedCredential): Promise<{ item: WalletItemView; duplicate: boolean }>
  /** Verifies a document as the wallet does (this instance's credentials in-process, others' through the guarded fetcher). */
  verify(document: string, fetchLocal: FetchLocal): Promise<VerificationReport>
  list(userId: string, query?: WalletQuery): Promise<WalletList>
  get(userId: string, id: string): Promise<WalletItemView>
  /** The item with everything its document says and its report re-checked now (the stored report updated). */
  open(userId: string, id: string, fetchLocal: FetchLocal): Promise<WalletItemDetail>
  update(userId: string, id: string, patch: WalletItemPatch): Promise<WalletItemView>
  delete(userId: string, id: string): Promise<void>
  /** Adds the credential of a claim link to the wallet (ClaimRefusedError unless it was sent to a confirmed address). */
  claim(userId: string, request: { token: string; showName: boolean }, fetchLocal: FetchLocal): Promise<WalletItemView>
  /** Claims everything sent to the account's confirmed addresses; the items added. */
  claimAll(userId: string, fetchLocal: FetchLocal): Promise<WalletItemView[]>
  claimableCount(userId: string): Promise<number>
  /** Declines the credential of a claim link (no account needed: the link is the key). */
  decline(token: string): Promise<IssuedCredentialView>
  collections(userId: string): Promise<WalletCollectionRecord[]>
  collection(userId: string, id: string): Promise<WalletCollectionRecord>
  createCollection(userId: string, input: { name: string; description?: string | undefined }): Promise<WalletCollectionRecord>
  updateCollection(userId: string, id: string, patch: { name?: string | undefined; description?: string | undefined; itemIds?: readonly string[] | undefined }): Promise<WalletCollectionRecord>
  deleteCollection(userId: string, id: string): Promise<void>
  addToCollection(userId: string, id: string, itemId: string): Promise<void>
  removeFromCollection(userId: string, id: string, itemId: string): Promise<void>
  moveInCollection(userId: string, id: string, itemId: string, direction: 'up' | 'down'): Promise<void>
  moveCollection(userId: string, id: string, direction: 'up' | 'down'): Promise<void>
  emails(userId: string): Promise<AccountEmails>
  /** Adds an address and mails it a confirmation link. */
  addEmail(userId: string, email: string): Promise<AccountEmailRecord>
  resendEmailConfirmation(userId: string, email: string): Promise<void>
  removeEmail(userId: string, email: string): Promise<void>
  setExpiryReminders(userId: string, on: boolean): Promise<void>
  /** Queues the expiry reminders that are due (the reminder job calls it); how many. */
  sendExpiryReminders(): Promise<number>
}

export function walletUseCases(ports: PlatformPorts): WalletUseCases {
  const fetchRemote = ports.fetcher ? jsonDocuments(ports.fetcher) : undefined
  const deps = (fetchLocal: FetchLocal) => {
    const documents: DocumentAccess = fetchRemote ? { fetchLocal, fetchRemote } : { fetchLocal }
    return { ...ports, documents }
  }
  // Counted across processes (the database, or Redis when configured).
  const mailLimit = sharedRateLimiter(ports, 'account-email-link', { limit: 5, windowMs: 60 * 60_000 })
  // A credential kept in the wallet may complete a pathway (its target is then issued); never fails the keeping.
  const reached = async <T>(userId: string, result: T): Promise<T> => {
    await ports.credentialReached?.({ userId }).catch(() => undefined)
    return result
  }
  return {
    addImported: async (userId, x) => reached(userId, await addImported(ports, userId, x)),
    verify: (document, fetchLocal) => verifyDocument(deps(fetchLocal), document),
    list: (userId, query) => listWallet(ports, userId, query),
    get: (userId, id) => getItem(ports, userId, id),
    open: (userId, id, fetchLocal) => openItem(deps(fetchLocal), userId, id),
    update: (userId, id, patch) => updateItem(ports, userId, id, patch),
    delete: (userId, id) => deleteItem(ports, userId, id),
    claim: async (userId, request, fetchLocal) => reached(userId, await claimToWallet(deps(fetchLocal), userId, request)),
    claimAll: async (userId, fetchLocal) => reached(userId, await claimAll(deps(fetchLocal), userId)),
    claimableCount: (userId) => claimableCount(ports, userId),
    decline: (token) => declineClaim(ports, token),
    collections: (userId) => ports.store.repos.walletCollections.list(userId),
    collection: (userId, id) => getCollection(ports, userId, id),
    createCollection: (userId, input) => createCollection(ports, userId, input),
    updateCollection: (userId, id, patch) => updateCollection(ports, userId, id, patch),
    deleteCollection: (userId, id) => deleteCollection(ports, userId, id),
    addToCollection: (userId, id, itemId) => addToCollection(ports, userId, id, itemId),
    removeFromCollection: (userId, id, itemId) => removeFromCollection(ports, userId, id, itemId),
    moveInCollection: (userId, id, itemId, direction) => moveInCollection(ports, userId, id, itemId, direction),
    moveCollection: (userId, id, direction) => moveCollection(ports, userId, id, direction),
    emails: (userId) => listEmails(ports, userId),
    addEmail: (userId, email) => addEmail({ ...ports, mailLimit }, userId, email),
    resendEmailConfirmation: (userId, email) => resendEmailConfirmation({ ...ports, mailLimit }, userId, email),
    removeEmail: (userId, email) => removeEmail(ports, userId, email),
    setExpiryReminders: (userId, on) => setExpiryReminders(ports, userId, on),
    sendExpiryReminders: () => sendExpiryReminders(ports),
  }
}
