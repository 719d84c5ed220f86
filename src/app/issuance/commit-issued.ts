import { credentialIssuedMessage, credentialIssuedMessages, type MailBrand } from '../mail/templates.js'
import type { MailMessage } from '../mail/ports.js'
import type { PlatformStore, PlatformTransaction } from '../platform/ports.js'
import type { IssuedRecord, NewIssued } from './ports.js'
import type { SignedCredential } from './sign-draft.js'
import { credentialEventData, queueWebhookEvents } from '../webhooks/emit.js'
import { claimPlan, listsOf, slotKey, type SlotPlan, type SlotPlanner } from './status-slots.js'

/** One credential ready to commit: signed, its platform record, and the learner's e-mail. */
export interface PreparedIssue {
  signed: SignedCredential
  issued: NewIssued
  mail: MailMessage
  mailId: string
}

/** SHA-256 hex of a claim token: what the store keeps (the token itself is only in the e-mail). */

/** The UUID of a `urn:uuid:` id, as public URLs use it. */
export const uuidOf = (credentialId: string): string => credentialId.replace(/^urn:uuid:/i, '')

/** What a cohort's e-mails say besides the learner's part. */
export interface MailParts {
  publicUrl: string
  orgId: string
  orgName: string
  achievementName: string
  /** The organization's logo and colour for the HTML e-mail (plain data: it crosses to signing threads). */
  brand?: MailBrand | undefined
}

/** The learner's e-mail: the claim link and the public page of the credential. */
export function issuedMail(
  { publicUrl, orgId, orgName, achievementName, brand }: MailParts,
  { credentialId, recipientEmail, recipientName, claimToken }: { credentialId: string; recipientEmail: string; recipientName: string; claimToken: string },
): MailMessage {
  const content = credentialIssuedMessage({
    orgName,
    recipientName,
    achievementName,
    claimUrl: `${publicUrl}/claim/${claimToken}`,
    credentialUrl: `${publicUrl}/c/${uuidOf(credentialId)}`,
  }, { brand })
  return { ...content, to: recipientEmail, fromName: orgName, orgId }
}

/** issuedMail for the many learners of one cohort: the message rendered once, each learner's part put in (mail/templates.ts credentialIssuedMessages). */
export function issuedMailer({ publicUrl, orgId, orgName, achievementName, brand }: MailParts): (learner: { credentialId: string; recipientEmail: string; recipientName: string; claimToken: string }) => MailMessage {
  const render = credentialIssuedMessages({ orgName, achievementName }, { brand })
  return ({ credentialId, recipientEmail, recipientName, claimToken }) => ({
    ...render({ recipientName, claimUrl: `${publicUrl}/claim/${claimToken}`, credentialUrl: `${publicUrl}/c/${uuidOf(credentialId)}` }),
    to: recipientEmail,
    fromName: orgName,
    orgId,
  })
}

/**
 * Writes prepared credentials inside `tx`: their records (writeRecords), then their log entries
 * (one append, consecutive indexes), last, so the log's single-writer lock is held only for the
 * append and the commit.
 */
export async function writeIssued(tx: PlatformTransaction, items: readonly PreparedIssue[], smtpConfigured: boolean, publicUrl: string): Promise<void> {
  await writeRecords(tx, items, smtpConfigured, publicUrl)
  await appendToLog(tx, items)
}

/**
 * Writes prepared credentials' records inside `tx`: the signed credentials (through the one
 * credential writer) and their platform records, one queued (or held) e-mail each, and a
 * `credential.issued` webhook event each for the organization's endpoints. Takes no lock that
 * another writer of other credentials waits for.
 */
export async function writeRecords(tx: PlatformTransaction, items: readonly PreparedIssue[], smtpConfigured: boolean, publicUrl: string): Promise<void> {
  if (items.length === 0) return
  await tx.credentials.insert(items.map((i) => ({ id: i.issued.credentialId, issuer: i.issued.issuerDid, json: i.signed.stored })))
  await tx.repos.issuedCredentials.insert(items.map((i) => i.issued))
  await tx.repos.outbox.enqueueMany(items.map((i) => ({ message: i.mail, id: i.mailId })), { smtpConfigured })
  const first = items[0]!.issued
  await queueWebhookEvents(tx.repos, first.orgId, items.map((i) => ({ type: 'credential.issued' as const, data: credentialEventData(publicUrl, i.issued, { issuedAt: i.issued.issuedAt }) })), new Date(first.issuedAt))
}

/** Appends prepared credentials' entries to the log inside `tx` (taking its single-writer lock until the transaction ends). */
export async function appendToLog(tx: PlatformTransaction, items: readonly PreparedIssue[]): Promise<void> {
  if (items.length > 0) await tx.log.append(items.map((i) => i.signed.log))
}

/** The record of a credential just written, as reads would return it. */
export const issuedRecordOf = (issued: NewIssued, achievementName: string): IssuedRecord => ({
  credentialId: issued.credentialId,
  orgId: issued.orgId,
  achievementId: issued.achievementId,
  achievementVersion: issued.achievementVersion,
  achievementName,
  recipientEmail: issued.recipientEmail,
  recipientName: issued.recipientName,
  showName: issued.showName,
  state: 'active',
  stateReason: null,
  stateChangedAt: null,
  revocation: issued.revocation,
  suspension: issued.suspension,
  batchId: issued.batchId,
  batchRow: issued.batchRow,
  claimedAt: null,
  issuedAt: issued.issuedAt,
  stored: issued.stored,
})

/** A collision: entries of the plan another writer claimed first (by slotKey), or undefined when a list is gone. */
class SlotsTaken extends Error {
  constructor(readonly taken: ReadonlySet<string> | undefined) {
    super('status list entries taken')
  }
}

/** Optimistic attempts (entries picked and credentials signed outside the transaction) before picking under the lock. */
const OPTIMISTIC_ATTEMPTS = 3

/**
 * Runs one issuing transaction around status entries. Entries are picked from a snapshot and the
 * credentials signed (`prepare`) before the transaction, so the writer's lock is held only to
 * write; inside it the entries are claimed (one read-modify-write per list, rows locked on
 * PostgreSQL) and `commit` writes. When another writer took an entry meanwhile, it rolls back and
 * tries again: with `repair`, only the credentials whose entries were taken get new ones (two
 * runners sharing a batch collide on a few entries of most chunks), else all are planned and
 * prepared again; after three such collisions it picks and signs under the lock, which cannot collide.
 */
export async function issueWithSlots<P, T>(
  store: Pick<PlatformStore, 'dialect' | 'repos' | 'transaction'>,
  {
    planner,
    count,
    prepare,
    commit,
    first,
    narrow,
    hold,
    repair,
  }: {
    planner: SlotPlanner
    count: number
    prepare: (plan: SlotPlan) => Promise<P>
    commit: (tx: PlatformTransaction, prepared: P) => Promise<T>
    /** A first attempt already planned and prepared (a batch runner prepares the next chunk while one commits). */
    first?: { plan: SlotPlan; prepared: P }
    /** Inside the transaction, before claiming: drops what turned out not to be issued, with its entries. */
    narrow?: (tx: PlatformTransaction, prepared: P, plan: SlotPlan) => Promise<{ prepared: P; plan: SlotPlan }>
    /**
     * Inside the transaction, before anything else (the status lists' locks included): what the
     * attempt must hold first, e.g. a batch chunk's part row. Every writer takes its locks in one
     * order (a batch part's row, the status lists, a batch's row, the log), so two never wait for
     * each other in a circle.
     */
    hold?: (tx: PlatformTransaction) => Promise<void>
    /**
     * After a collision: `prepared` again for a plan whose entries at `positions` (credential
     * indexes) were picked anew, the others unchanged, e.g. only those credentials signed again.
     * Without it, every credential is prepared again.
     */
    repair?: (prepared: P, plan: SlotPlan, positions: readonly number[]) => Promise<P>
  },
): Promise<T> {
  const forUpdate = store.dialect === 'postgres'
  // What the next optimistic attempt starts from: the caller's first attempt, or one repaired after a collision.
  let carried = first
  for (let attempt = 0; ; attempt++) {
    const isLocked = attempt >= OPTIMISTIC_ATTEMPTS
    let plan: SlotPlan | undefined
    let prepared: P | undefined
    if (isLocked) {
      // Planned and prepared inside the transaction, under the lock.
    } else if (carried) ({ plan, prepared } = carried)
    else {
      plan = await planner.plan(store.repos.statusLists, count)
      prepared = await prepare(plan)
    }
    carried = undefined
    // The attempt's plan and preparation before `narrow` (undefined when planned under the lock).
    const before = plan && { plan, prepared: prepared as P }
    try {
      return await store.transaction(async (tx) => {
        if (hold) await hold(tx)
        if (isLocked) {
          if (forUpdate) await planner.lock(tx.repos.statusLists)
          plan = await planner.plan(tx.repos.statusLists, count, { forUpdate })
          prepared = await prepare(plan)
        }
        if (narrow) ({ prepared, plan } = await narrow(tx, prepared as P, plan!))
        if (planner.reserved) {
          // A reservation's entries are claimed already: its lists are only locked, as a claim would lock them.
          if (forUpdate) await tx.repos.statusLists.shareLock(listsOf(plan!))
          return commit(tx, prepared as P)
        }
        const claim = await claimPlan(tx.repos.statusLists, plan!, { forUpdate })
        if (!claim.claimed) {
          if (isLocked) throw new Error('Status list entries picked under the lock were taken: the lists changed outside a transaction')
          throw new SlotsTaken(claim.taken)
        }
        return commit(tx, prepared as P)
      })
    } catch (err) {
      if (!(err instanceof SlotsTaken)) throw err
      if (repair && before && err.taken) carried = await repaired(before, err.taken)
    }
  }

  /** The attempt with the credentials whose entries were taken given new ones (see `repair`); undefined when all were (prepare all again). */
  async function repaired(before: { plan: SlotPlan; prepared: P }, taken: ReadonlySet<string>): Promise<{ plan: SlotPlan; prepared: P } | undefined> {
    const positions: number[] = []
    for (let i = 0; i < before.plan.revocation.length; i++) {
      if (taken.has(slotKey(before.plan.revocation[i]!)) || taken.has(slotKey(before.plan.suspension[i]!))) positions.push(i)
    }
    if (positions.length === 0 || positions.length === before.plan.revocation.length) return undefined
    const fresh = await planner.plan(store.repos.statusLists, positions.length)
    const plan: SlotPlan = { revocation: before.plan.revocation.slice(), suspension: before.plan.suspension.slice() }
    positions.forEach((position, k) => {
      plan.revocation[position] = fresh.revocation[k]!
      plan.suspension[position] = fresh.suspension[k]!
    })
    return { plan, prepared: await repair!(before.prepared, plan, positions) }
  }
}
