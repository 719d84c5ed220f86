// The learner's wallet: kept credentials (claimed here or imported), their standing, collections,
// claims by link or by confirmed address, the account's addresses, expiry reminders.
import { matchesIdentity } from '../../core/credential/identity.js'
import type { IdentityObject } from '../../core/credential/types.js'
import { PlatformError } from '../../core/errors.js'
import type { VerificationReport } from '../../core/verification/index.js'
import { parseEmail } from '../accounts/account-input.js'
import { ACCOUNT_MAIL_FROM_NAME } from '../accounts/deps.js'
import { VERIFY_EMAIL_TTL_MS, verifyEmailUrl } from '../accounts/email-verification.js'
import { RateLimitedError, waitPhrase } from '../accounts/errors.js'
import type { SharedRateLimiter } from '../platform/rate-limits.js'
import { isClaimTokenShaped } from '../credentials/claim-link.js'
import type { DocumentAccess, IssuedCredentialView } from '../credentials/ports.js'
import { signedDocumentOf, signedText } from '../credentials/signed-document.js'
import { replaceCheck, verifyLocal } from '../credentials/verify-local.js'
import { verifyEmailMessage } from '../mail/templates.js'
import { InputError } from '../platform/input-error.js'
import type { PlatformPorts } from '../platform/ports.js'
import { hashSecret, newSecret } from '../platform/secret-token.js'
import { displayOf, type CredentialDisplay } from './display.js'
import { itemViewOf, newItemOf, parseReport, reportText, statusOf } from './items.js'
import type { AccountEmailRecord, WalletCollectionRecord, WalletItemPatch, WalletItemRecord, WalletItemView, WalletStatus } from './ports.js'
import { queueWebhookEvents } from '../webhooks/emit.js'
import { claimedEvent } from '../credentials/claim-credential.js'

export type WalletDeps = Pick<PlatformPorts, 'store' | 'clock' | 'random' | 'publicUrl' | 'smtpConfigured' | 'wake'>

/** How the list is ordered. */
export type WalletSort = 'newest' | 'oldest' | 'name' | 'issuer' | 'expiry'
export const WALLET_SORTS: readonly WalletSort[] = ['newest', 'oldest', 'name', 'issuer', 'expiry']
export const WALLET_STATUSES: readonly WalletStatus[] = ['valid', 'expired', 'revoked', 'suspended', 'unverified']
/** Expiry filter: expires within 30 or 90 days, or never. */
export type ExpiryFilter = '30' | '90' | 'none'
export const EXPIRY_FILTERS: readonly ExpiryFilter[] = ['30', '90', 'none']

/** What the wallet list is narrowed and ordered by. */
export interface WalletQuery {
  issuer?: string | undefined
  skill?: string | undefined
  status?: WalletStatus | undefined
  expiresWithin?: ExpiryFilter | undefined
  sort?: WalletSort | undefined
  collection?: string | undefined
  /** Hidden items too (the list shows them apart; default: only visible ones). */
  includeHidden?: boolean | undefined
}

/** The wallet list: the items that match, and what the filters can choose from. */
export interface WalletList {
  items: WalletItemView[]
  /** How many items the wallet holds in all (visible and hidden). */
  total: number
  hiddenCount: number
  issuers: string[]
  skills: string[]
  collections: WalletCollectionRecord[]
}

const DAY_MS = 86_400_000

const notFound = (id: string) => new PlatformError('ERR_NOT_FOUND', `No credential ${id.slice(0, 100)} in your wallet`)

/** Narrows and orders the items. */
export function filterItems(items: readonly WalletItemView[], query: WalletQuery, now: Date, collection?: WalletCollectionRecord): WalletItemView[] {
  let out = items.filter((i) => query.includeHidden || !i.hidden)
  if (query.issuer) out = out.filter((i) => i.display.issuer.name === query.issuer || i.display.issuer.id === query.issuer)
  if (query.skill) {
    const s = query.skill.toLowerCase()
    out = out.filter((i) => i.display.skills.some((k) => k.label.toLowerCase() === s || k.uri === query.skill))
  }
  if (query.status) out = out.filter((i) => i.status === query.status)
  if (query.expiresWithin === 'none') out = out.filter((i) => !i.display.expiresAt)
  else if (query.expiresWithin) {
    const until = now.getTime() + Number(query.expiresWithin) * DAY_MS
    out = out.filter((i) => i.display.expiresAt && Date.parse(i.display.expiresAt) > now.getTime() && Date.parse(i.display.expiresAt) <= until)
  }
  if (collection) {
    const order = new Map(collection.itemIds.map((id, n) => [id, n]))
    out = out.filter((i) => order.has(i.id))
    if (!query.sort) return out.sort((a, b) => order.get(a.id)! - order.get(b.id)!)
  }
  const byText = (f: (i: WalletItemView) => string) => (a: WalletItemView, b: WalletItemView) => f(a).localeCompare(f(b), 'en', { sensitivity: 'base' }) || b.addedAt.localeCompare(a.addedAt)
  switch (query.sort ?? 'newest') {
    case 'oldest':
      return out.sort((a, b) => a.addedAt.localeCompare(b.addedAt) || a.id.localeCompare(b.id))
    case 'name':
      return out.sort(byText((i) => i.display.name))
    case 'issuer':
      return out.sort(byText((i) => i.display.issuer.name))
    case 'expiry':
      // Soonest expiry first; credentials that never expire last.
      return out.sort((a, b) => (a.display.expiresAt ? Date.parse(a.display.expiresAt) : Infinity) - (b.display.expiresAt ? Date.parse(b.display.expiresAt) : Infinity) || b.addedAt.localeCompare(a.addedAt))
    default:
      return out.sort((a, b) => b.addedAt.localeCompare(a.addedAt) || b.id.localeCompare(a.id))
  }
}

/** The learner's wallet, filtered and sorted. ERR_NOT_FOUND for a collection that is not theirs. */
export async function listWallet({ store, clock }: Pick<WalletDeps, 'store' | 'clock'>, userId: string, query: WalletQuery = {}): Promise<WalletList> {
  const now = clock.now()
  const [records, collections] = await Promise.all([store.repos.walletItems.list(userId), store.repos.walletCollections.list(userId)])
  const all = records.map((r) => itemViewOf(r, now))
  let collection: WalletCollectionRecord | undefined
  if (query.collection) {
    collection = collections.find((c) => c.id === query.collection)
    if (!collection) throw new PlatformError('ERR_NOT_FOUND', `No collection ${query.collection.slice(0, 100)} in your wallet`)
  }
  const visible = all.filter((i) => !i.hidden)
  const issuers = [...new Set(visible.map((i) => i.display.issuer.name))].sort((a, b) => a.localeCompare(b))
  const skills = [...new Set(visible.flatMap((i) => i.display.skills.map((s) => s.label)))].sort((a, b) => a.localeCompare(b))
  return { items: filterItems(all, query, now, collection), total: all.length, hiddenCount: all.length - visible.length, issuers, skills, collections }
}

/** One kept credential of the learner, as stored. */
export async function getItem({ store, clock }: Pick<WalletDeps, 'store' | 'clock'>, userId: string, id: string): Promise<WalletItemView> {
  const record = await store.repos.walletItems.get(userId, id)
  if (!record) throw notFound(id)
  return itemViewOf(record, clock.now())
}

/** A kept credential as its wallet page shows it: everything the document says, and its report re-checked now. */
export interface WalletItemDetail {
  item: WalletItemView
  display: CredentialDisplay
  report: Pick<VerificationReport, 'verified' | 'checks'>
  /** Whether the report was just re-checked (false: the stored one; Open Badges 2.0 assertions are checked on import only). */
  rechecked: boolean
  /** The collections holding it. */
  collections: WalletCollectionRecord[]
  /** The public page of a credential claimed from this instance. */
  publicUrl?: string
}

/** The credential of a stored document (the JSON, or a VC-JWT's payload credential); undefined when it cannot be read. */
export function credentialOfDocument(record: Pick<WalletItemRecord, 'format' | 'document'>): Record<string, unknown> | undefined {
  try {
    if (record.format === 'vc-jwt') return signedDocumentOf(record.document.trim()).credential
    const parsed: unknown = JSON.parse(record.document)
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined
  } catch {
    return undefined
  }
}

/** Verifies a kept document on this instance: this instance's credentials in-process (with the issuer's recorded suspension), others' through the guarded fetcher. */
export async function verifyDocument(deps: Pick<WalletDeps, 'store' | 'clock' | 'publicUrl'> & { documents: DocumentAccess }, document: string): Promise<VerificationReport> {
  let report = await verifyLocal(deps, document)
  const id = report.credential?.id
  if (typeof id === 'string' && id.length <= 2000) {
    const ours = await deps.store.repos.credentialViews.byId(id)
    const status = report.checks.find((c) => c.id === 'status')
    if (ours?.state === 'suspended' && status?.outcome !== 'failed')
      report = replaceCheck(report, { id: 'status', outcome: 'failed', code: 'CREDENTIAL_SUSPENDED', message: `The issuer has suspended this credential${ours.stateReason ? `: ${ours.stateReason}` : ''}` })
  }
  return report
}

/** Opens a kept credential: re-verifies it (but Open Badges 2.0 assertions), stores the new report, and answers what its page shows. */
export async function openItem(deps: WalletDeps & { documents: DocumentAccess }, userId: string, id: string): Promise<WalletItemDetail> {
  const record = await deps.store.repos.walletItems.get(userId, id)
  if (!record) throw notFound(id)
  let current = record
  let rechecked = false
  if (record.format !== 'ob2') {
    const report = await verifyDocument(deps, record.document)
    const checkedAt = deps.clock.now().toISOString()
    const text = reportText(report)
    await deps.store.repos.walletItems.setReport(userId, id, { verified: report.verified, report: text, checkedAt })
    current = { ...record, verified: report.verified, report: text, checkedAt }
    rechecked = true
  }
  const credential = credentialOfDocument(record)
  const stored = itemViewOf(current, deps.clock.now())
  const collections = (await deps.store.repos.walletCollections.list(userId)).filter((c) => c.itemIds.includes(id))
  return {
    item: stored,
    // The document's image may be another host's (which the pages cannot show): the kept copy, when there is one.
    display: credential && record.format !== 'ob2' ? { ...displayOf(credential), ...(stored.display.imageUrl ? { imageUrl: stored.display.imageUrl } : {}) } : stored.display,
    report: parseReport(current.report),
    rechecked,
    collections,
    ...(record.issuedCredentialId ? { publicUrl: `${deps.publicUrl}/c/${record.issuedCredentialId.replace(/^urn:uuid:/, '')}` } : {}),
  }
}

/** Hides or shows an item, makes it public or not, shows the learner's name or not (a claimed credential's public page follows). */
export async function updateItem({ store, clock }: Pick<WalletDeps, 'store' | 'clock'>, userId: string, id: string, patch: WalletItemPatch): Promise<WalletItemView> {
  const record = await store.transaction(async (tx) => {
    if (!(await tx.repos.walletItems.update(userId, id, patch))) return undefined
    const updated = await tx.repos.walletItems.get(userId, id)
    if (updated?.issuedCredentialId && patch.showName !== undefined) await tx.repos.walletItems.setIssuedShowName(updated.issuedCredentialId, patch.showName)
    return updated
  })
  if (!record) throw notFound(id)
  return itemViewOf(record, clock.now())
}

/** Removes the item from the wallet (only the wallet's copy: an issued credential stays as it is). */
export async function deleteItem({ store }: Pick<WalletDeps, 'store'>, userId: string, id: string): Promise<void> {
  if (!(await store.repos.walletItems.delete(userId, id))) throw notFound(id)
}

/** The e-mail identities of a credential's subject. */
function emailIdentities(credential: Record<string, unknown>): IdentityObject[] {
  const subject = Array.isArray(credential.credentialSubject) ? credential.credentialSubject[0] : credential.credentialSubject
  const ids = (subject as { identifier?: unknown } | undefined)?.identifier
  const list = Array.isArray(ids) ? ids : ids === undefined ? [] : [ids]
  return list.filter((x): x is IdentityObject => typeof x === 'object' && x !== null && typeof (x as IdentityObject).identityHash === 'string' && (x as IdentityObject).identityType === 'emailAddress')
}

/** Whether the issued credential was sent to one of `confirmed`: its recipient address on record, or its subject's e-mail identity. */
function sentToOneOf(view: IssuedCredentialView, recipientEmail: string | undefined, confirmed: readonly string[]): boolean {
  if (recipientEmail !== undefined && confirmed.includes(recipientEmail)) return true
  const identities = emailIdentities(view.document.credential)
  return identities.some((identity) => confirmed.some((email) => matchesIdentity(identity, email)))
}

/** Whether the credential was issued to the account's holder DID (its subject's `id`): it binds to the account's key, whatever the address. */
async function issuedToHolderDid({ store }: Pick<WalletDeps, 'store'>, userId: string, view: IssuedCredentialView): Promise<boolean> {
  const did = (await store.repos.holder.keyOf(userId))?.did
  if (did === undefined) return false
  const subjects = Array.isArray(view.document.credential.credentialSubject) ? view.document.credential.credentialSubject : [view.document.credential.credentialSubject]
  return subjects.some((s) => typeof s === 'object' && s !== null && (s as { id?: unknown }).id === did)
}

/** Why a claim into the wallet was refused. */
export class ClaimRefusedError extends PlatformError {
  override name = 'ClaimRefusedError'
  readonly reason: 'other-address' | 'no-confirmed-address'
  constructor(reason: 'other-address' | 'no-confirmed-address') {
    super(
      'ERR_FORBIDDEN',
      reason === 'no-confirmed-address'
        ? 'Your account has no confirmed e-mail address yet. Confirm your address first, then add the credential to your wallet.'
        : 'This credential was sent to another e-mail address. Add that address to your account and confirm it first, then add the credential to your wallet.',
    )
    this.reason = reason
  }
}

/** Puts an issued credential into the learner's wallet and marks it claimed, in one transaction (false when someone claimed or declined it first). */
async function keepIssued(deps: WalletDeps & { documents: DocumentAccess }, userId: string, view: IssuedCredentialView, showName: boolean): Promise<WalletItemRecord | undefined> {
  const document = signedText(view.document)
  const report = await verifyDocument(deps, document)
  const row = newItemOf(deps, userId, {
    source: 'claim',
    format: view.document.format === 'jwt' ? 'vc-jwt' : 'vc-json',
    document,
    credentialId: view.id,
    issuedCredentialId: view.id,
    verified: report.verified,
    report,
    display: displayOf(view.document.credential),
    showName,
  })
  return deps.store.transaction(async (tx) => {
    if (!(await tx.repos.walletItems.markClaimed(view.id, { showName, at: row.addedAt }))) return undefined
    await tx.repos.walletItems.insert(row)
    await queueWebhookEvents(tx.repos, view.org.id, [claimedEvent(deps.publicUrl, view, row.addedAt)], deps.clock.now())
    return tx.repos.walletItems.byDigest(userId, row.digest)
  })
}

/**
 * The signed-in learner adds the credential of an unused claim link to their wallet: only when it was
 * issued to the account's holder DID, or sent to one of the account's confirmed addresses (its
 * recipient address, or its subject's hashed e-mail identity), else ClaimRefusedError (ERR_FORBIDDEN). ERR_TOKEN_INVALID for an unknown, used
 * or declined link; ERR_STATE_INVALID for a revoked credential.
 */
export async function claimToWallet(deps: WalletDeps & { documents: DocumentAccess }, userId: string, { token, showName }: { token: string; showName: boolean }): Promise<WalletItemView> {
  const invalid = () => new PlatformError('ERR_TOKEN_INVALID', 'This claim link is not valid or has already been used. If you accepted the credential before, it is already yours.')
  const view = isClaimTokenShaped(token) ? await deps.store.repos.credentialViews.byClaimTokenHash(hashSecret(token)) : undefined
  if (!view || view.claimedAt !== null || view.declinedAt) throw invalid()
  if (view.state === 'revoked') throw new PlatformError('ERR_STATE_INVALID', `${view.org.name} has revoked this credential, so it can no longer be accepted`)
  if (!(await issuedToHolderDid(deps, userId, view))) {
    const confirmed = await deps.store.repos.accountEmails.confirmed(userId)
    if (confirmed.length === 0) throw new ClaimRefusedError('no-confirmed-address')
    const sentTo = (await deps.store.repos.walletItems.claimable(confirmed)).find((c) => c.credentialId === view.id)?.recipientEmail
    if (!sentToOneOf(view, sentTo, confirmed)) throw new ClaimRefusedError('other-address')
  }
  const kept = await keepIssued(deps, userId, view, showName)
  if (!kept) throw invalid()
  return itemViewOf(kept, deps.clock.now())
}

/** Claims every unclaimed, undeclined, unrevoked credential sent to the learner's confirmed addresses; answers the items added. */
export async function claimAll(deps: WalletDeps & { documents: DocumentAccess }, userId: string): Promise<WalletItemView[]> {
  const confirmed = await deps.store.repos.accountEmails.confirmed(userId)
  if (confirmed.length === 0) return []
  const added: WalletItemView[] = []
  for (const c of await deps.store.repos.walletItems.claimable(confirmed)) {
    if (c.state === 'revoked') continue
    const view = await deps.store.repos.credentialViews.byId(c.credentialId)
    if (!view) continue
    const kept = await keepIssued(deps, userId, view, c.showName)
    if (kept) added.push(itemViewOf(kept, deps.clock.now()))
  }
  return added
}

/** How many unclaimed credentials wait for the learner's confirmed addresses. */
export async function claimableCount({ store }: Pick<WalletDeps, 'store'>, userId: string): Promise<number> {
  const confirmed = await store.repos.accountEmails.confirmed(userId)
  return (await store.repos.walletItems.claimable(confirmed)).filter((c) => c.state !== 'revoked').length
}

/** The learner declines the credential of an unused claim link: the issuer sees it declined and the link stops working. */
export async function declineClaim({ store, clock }: Pick<WalletDeps, 'store' | 'clock'>, token: string): Promise<IssuedCredentialView> {
  const view = isClaimTokenShaped(token) ? await store.repos.credentialViews.byClaimTokenHash(hashSecret(token)) : undefined
  if (!view || !(await store.repos.walletItems.declineByClaimTokenHash(hashSecret(token), clock.now().toISOString())))
    throw new PlatformError('ERR_TOKEN_INVALID', 'This claim link is not valid, has already been used or the credential was declined.')
  return { ...view, declinedAt: clock.now().toISOString() }
}

// ── Collections ──────────────────────────────────────────────────────────────────────────────

const NAME_MAX = 100
const DESCRIPTION_MAX = 500

function collectionFields(input: { name?: string | undefined; description?: string | undefined }, required: boolean): { name?: string; description?: string } {
  const out: { name?: string; description?: string } = {}
  if (input.name !== undefined || required) {
    const name = (input.name ?? '').trim()
    if (name === '') throw new InputError([{ path: 'name', code: 'required', message: 'Give the collection a name' }])
    if (name.length > NAME_MAX) throw new InputError([{ path: 'name', code: 'too_long', message: `At most ${NAME_MAX} characters` }])
    out.name = name
  }
  if (input.description !== undefined) {
    const description = input.description.trim()
    if (description.length > DESCRIPTION_MAX) throw new InputError([{ path: 'description', code: 'too_long', message: `At most ${DESCRIPTION_MAX} characters` }])
    out.description = description
  }
  return out
}

const collectionNotFound = (id: string) => new PlatformError('ERR_NOT_FOUND', `No collection ${id.slice(0, 100)} in your wallet`)

export async function createCollection({ store, clock, random }: Pick<WalletDeps, 'store' | 'clock' | 'random'>, userId: string, input: { name: string; description?: string | undefined }): Promise<WalletCollectionRecord> {
  const fields = collectionFields(input, true)
  if ((await store.repos.walletCollections.list(userId)).length >= 200) throw new PlatformError('ERR_CONFLICT', 'A wallet holds at most 200 collections')
  const id = `col_${random.token(12)}`
  await store.repos.walletCollections.create({ id, userId, name: fields.name!, description: fields.description ?? '', createdAt: clock.now().toISOString() })
  return (await store.repos.walletCollections.get(userId, id))!
}

export async function getCollection({ store }: Pick<WalletDeps, 'store'>, userId: string, id: string): Promise<WalletCollectionRecord> {
  const c = await store.repos.walletCollections.get(userId, id)
  if (!c) throw collectionNotFound(id)
  return c
}

/** Renames, re-describes, and with `itemIds` re-orders (or sets) the collection's items. */
export async function updateCollection(
  { store }: Pick<WalletDeps, 'store'>,
  userId: string,
  id: string,
  patch: { name?: string | undefined; description?: string | undefined; itemIds?: readonly string[] | undefined },
): Promise<WalletCollectionRecord> {
  const fields = collectionFields(patch, false)
  return store.transaction(async (tx) => {
    const c = await tx.repos.walletCollections.get(userId, id)
    if (!c) throw collectionNotFound(id)
    await tx.repos.walletCollections.update(userId, id, fields)
    if (patch.itemIds) {
      const wanted = [...new Set(patch.itemIds)]
      for (const itemId of c.itemIds) if (!wanted.includes(itemId)) await tx.repos.walletCollections.removeItem(userId, id, itemId)
      for (const itemId of wanted) {
        if ((await tx.repos.walletCollections.addItem(userId, id, itemId)) === 'missing')
          throw new InputError([{ path: 'itemIds', code: 'invalid', message: `No credential ${itemId.slice(0, 100)} in your wallet` }])
      }
      await tx.repos.walletCollections.reorder(userId, id, wanted)
    }
    return (await tx.repos.walletCollections.get(userId, id))!
  })
}

export async function deleteCollection({ store }: Pick<WalletDeps, 'store'>, userId: string, id: string): Promise<void> {
  if (!(await store.repos.walletCollections.delete(userId, id))) throw collectionNotFound(id)
}

export async function addToCollection({ store }: Pick<WalletDeps, 'store'>, userId: string, id: string, itemId: string): Promise<void> {
  if ((await store.repos.walletCollections.addItem(userId, id, itemId)) === 'missing') throw collectionNotFound(id)
}

export async function removeFromCollection({ store }: Pick<WalletDeps, 'store'>, userId: string, id: string, itemId: string): Promise<void> {
  if (!(await store.repos.walletCollections.removeItem(userId, id, itemId)) && !(await store.repos.walletCollections.get(userId, id))) throw collectionNotFound(id)
}

export async function moveInCollection({ store }: Pick<WalletDeps, 'store'>, userId: string, id: string, itemId: string, direction: 'up' | 'down'): Promise<void> {
  if (!(await store.repos.walletCollections.get(userId, id))) throw collectionNotFound(id)
  await store.repos.walletCollections.moveItem(userId, id, itemId, direction)
}

export async function moveCollection({ store }: Pick<WalletDeps, 'store'>, userId: string, id: string, direction: 'up' | 'down'): Promise<void> {
  if (!(await store.repos.walletCollections.get(userId, id))) throw collectionNotFound(id)
  await store.repos.walletCollections.moveCollection(userId, id, direction)
}

// ── Addresses ────────────────────────────────────────────────────────────────────────────────

/** The account's addresses and its settings. */
export interface AccountEmails {
  emails: AccountEmailRecord[]
  expiryReminders: boolean
}

export async function listEmails({ store }: Pick<WalletDeps, 'store'>, userId: string): Promise<AccountEmails> {
  const [emails, expiryReminders, user] = await Promise.all([store.repos.accountEmails.list(userId), store.repos.accountEmails.expiryReminders(userId), store.repos.accounts.userById(userId)])
  // The sign-in address first, then the others as they were added.
  const primary = emails.filter((e) => e.email === user?.email)
  return { emails: [...primary, ...emails.filter((e) => e.email !== user?.email)], expiryReminders }
}

/** Queues a confirmation link for one of the account's addresses (inside the caller's transaction). */
async function queueAddressConfirmation(tx: Parameters<Parameters<WalletDeps['store']['transaction']>[0]>[0], deps: WalletDeps, user: { id: string; name: string }, email: string): Promise<void> {
  const { token, hash } = newSecret(deps.random)
  await tx.repos.accountEmails.createVerifyToken({ tokenHash: hash, userId: user.id, email, expiresAt: new Date(deps.clock.now().getTime() + VERIFY_EMAIL_TTL_MS) })
  const content = verifyEmailMessage({ name: user.name, verifyUrl: verifyEmailUrl(deps.publicUrl, token) })
  await tx.repos.outbox.enqueue({ to: email, fromName: ACCOUNT_MAIL_FROM_NAME, ...content }, { smtpConfigured: deps.smtpConfigured, id: deps.random.uuid() })
}

/**
 * Adds an address to the account and mails it a confirmation link (the verify-email link, for this
 * address). ERR_CONFLICT (code `taken`) when an account has it; at most 5 mails an hour per address.
 */
export async function addEmail(deps: WalletDeps & { mailLimit: SharedRateLimiter }, userId: string, raw: string): Promise<AccountEmailRecord> {
  const parsed = parseEmail(raw)
  if ('problem' in parsed) throw new InputError([{ path: 'email', code: parsed.code, message: parsed.problem }])
  const user = await deps.store.repos.accounts.userById(userId)
  if (!user) throw new PlatformError('ERR_NOT_FOUND', 'This account no longer exists')
  const existing = await deps.store.repos.accountEmails.byEmail(parsed.email)
  if (existing && existing.userId === userId) {
    if (existing.verifiedAt === null) await resendEmailConfirmation(deps, userId, parsed.email)
    return existing
  }
  if ((await deps.store.repos.accountEmails.list(userId)).length >= 10) throw new InputError([{ path: 'email', code: 'too_many', message: 'An account holds at most 10 addresses' }])
  const decision = await deps.mailLimit.check(parsed.email)
  if (!decision.allowed) throw new RateLimitedError(`We sent several links to this address in the last hour; try again ${waitPhrase(decision.retryAfterSeconds)}`, decision.retryAfterSeconds)
  const added = await deps.store.transaction(async (tx) => {
    if ((await tx.repos.accountEmails.add(userId, parsed.email, deps.clock.now().toISOString())) === 'taken') return false
    await queueAddressConfirmation(tx, deps, user, parsed.email)
    return true
  })
  if (!added) throw new InputError([{ path: 'email', code: 'taken', message: 'Another account uses this address' }], { code: 'ERR_CONFLICT' })
  await deps.mailLimit.hit(parsed.email)
  deps.wake('mail')
  return (await deps.store.repos.accountEmails.byEmail(parsed.email))!
}

/** Mails a new confirmation link to an unconfirmed address of the account. */
export async function resendEmailConfirmation(deps: WalletDeps & { mailLimit: SharedRateLimiter }, userId: string, email: string): Promise<void> {
  const record = await deps.store.repos.accountEmails.byEmail(email)
  if (!record || record.userId !== userId) throw new PlatformError('ERR_NOT_FOUND', 'This address is not one of your account')
  if (record.verifiedAt !== null) return
  const user = await deps.store.repos.accounts.userById(userId)
  if (!user) throw new PlatformError('ERR_NOT_FOUND', 'This account no longer exists')
  const decision = await deps.mailLimit.check(email)
  if (!decision.allowed) throw new RateLimitedError(`We sent several links to this address in the last hour; try again ${waitPhrase(decision.retryAfterSeconds)}`, decision.retryAfterSeconds)
  await deps.store.transaction((tx) => queueAddressConfirmation(tx, deps, user, email))
  await deps.mailLimit.hit(email)
  deps.wake('mail')
}

/** Removes an address of the account; never the sign-up address, nor the last confirmed one (ERR_CONFLICT). */
export async function removeEmail({ store }: Pick<WalletDeps, 'store'>, userId: string, email: string): Promise<void> {
  const user = await store.repos.accounts.userById(userId)
  const emails = await store.repos.accountEmails.list(userId)
  const target = emails.find((e) => e.email === email.trim().toLowerCase())
  if (!user || !target) throw new PlatformError('ERR_NOT_FOUND', 'This address is not one of your account')
  if (target.email === user.email) throw new PlatformError('ERR_CONFLICT', 'This is the address you sign in with; it cannot be removed')
  if (target.verifiedAt !== null && emails.filter((e) => e.verifiedAt !== null).length <= 1) throw new PlatformError('ERR_CONFLICT', 'This is your last confirmed address; confirm another one before removing it')
  await store.repos.accountEmails.remove(userId, target.email)
}

export async function setExpiryReminders({ store }: Pick<WalletDeps, 'store'>, userId: string, on: boolean): Promise<void> {
  await store.repos.accountEmails.setExpiryReminders(userId, on)
}

/** The statuses a wallet item may have, for parsers. */
export const isWalletStatus = (value: string): value is WalletStatus => (WALLET_STATUSES as readonly string[]).includes(value)
export { statusOf }
