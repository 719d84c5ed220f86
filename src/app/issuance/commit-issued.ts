import { credentialIssuedMessage, credentialIssuedMessages, type MailBrand } from '../mail/templates.js'
import type { MailMessage } from '../mail/ports.js'
import type { PlatformStore, PlatformTransaction } from '../platform/ports.js'
import type { IssuedRecord, NewIssued } from './ports.js'
import type { SignedCredential } from './sign-draft.js'
import { credentialEventData, queueWebhookEvents } from '../webhooks/emit.js'
import { claimSlots, type SlotPlan, type SlotPlanner } from './status-slots.js'

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
 * Writes prepared credentials inside `tx`: the signed credentials (through the one credential
 * writer) and their records, their log entries (one append, consecutive indexes), and one queued
 * (or held) e-mail each, and a `credential.issued` webhook event each for the organization's endpoints.
 */
export async function writeIssued(tx: PlatformTransaction, items: readonly PreparedIssue[], smtpConfigured: boolean, publicUrl: string): Promise<void> {
  if (items.length === 0) return
  await tx.credentials.insert(items.map((i) => ({ id: i.issued.credentialId, issuer: i.issued.issuerDid, json: i.signed.stored })))
  await tx.repos.issuedCredentials.insert(items.map((i) => i.issued))
  await tx.log.append(items.map((i) => i.signed.log))
  await tx.repos.outbox.enqueueMany(items.map((i) => ({ message: i.mail, id: i.mailId })), { smtpConfigured })
  const first = items[0]!.issued
  await queueWebhookEvents(tx.repos, first.orgId, items.map((i) => ({ type: 'credential.issued' as const, data: credentialEventData(publicUrl, i.issued, { issuedAt: i.issued.issuedAt }) })), new Date(first.issuedAt))
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

class SlotsTaken extends Error {}

/** Optimistic attempts (entries picked and credentials signed outside the transaction) before picking under the lock. */
const OPTIMISTIC_ATTEMPTS = 3

/**
 * Runs one issuing transaction around status entries. Entries are picked from a snapshot and the
 * credentials signed (`prepare`) before the transaction, so the writer's lock is held only to
 * write; inside it the entries are claimed (one read-modify-write per list, rows locked on
 * PostgreSQL) and `commit` writes. When another writer took an entry meanwhile, it rolls back and
 * tries again; after three such collisions it picks and signs under the lock, which cannot collide.
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
  }: {
    planner: SlotPlanner
    count: number
    prepare: (plan: SlotPlan) => Promise<P>
    commit: (tx: PlatformTransaction, prepared: P) => Promise<T>
    /** A first attempt already planned and prepared (a batch runner prepares the next chunk while one commits). */
    first?: { plan: SlotPlan; prepared: P }
    /** Inside the transaction, before claiming: drops what turned out not to be issued, with its entries. */
    narrow?: (tx: PlatformTransaction, prepared: P, plan: SlotPlan) => Promise<{ prepared: P; plan: SlotPlan }>
  },
): Promise<T> {
  const forUpdate = store.dialect === 'postgres'
  for (let attempt = 0; ; attempt++) {
    const isLocked = attempt >= OPTIMISTIC_ATTEMPTS
    let plan: SlotPlan | undefined
    let prepared: P | undefined
    if (attempt === 0 && first) ({ plan, prepared } = first)
    else if (!isLocked) {
      plan = await planner.plan(store.repos.statusLists, count)
      prepared = await prepare(plan)
    }
    try {
      return await store.transaction(async (tx) => {
        if (isLocked) {
          if (forUpdate) await planner.lock(tx.repos.statusLists)
          plan = await planner.plan(tx.repos.statusLists, count, { forUpdate })
          prepared = await prepare(plan)
        }
        if (narrow) ({ prepared, plan } = await narrow(tx, prepared as P, plan!))
        if (!(await claimSlots(tx.repos.statusLists, plan!, { forUpdate }))) {
          if (isLocked) throw new Error('Status list entries picked under the lock were taken: the lists changed outside a transaction')
          throw new SlotsTaken()
        }
        return commit(tx, prepared as P)
      })
    } catch (err) {
      if (err instanceof SlotsTaken) continue
      throw err
    }
  }
}
