import { PlatformError } from '../../core/errors.js'
import type { PlatformPorts } from '../platform/ports.js'
import { dateTimeOf, type Cohort } from './cohort.js'
import type { CohortSigner, CredentialJob } from './cohort-signer.js'
import { hashSecret } from '../platform/secret-token.js'
import { appendToLog, issueWithSlots, writeRecords, type PreparedIssue } from './commit-issued.js'
import { checkCsvRow, type CsvRow } from './csv-rows.js'
import type { CredentialSeed } from './draft-credential.js'
import type { IssueDetails } from './issue-input.js'
import type { BatchPart, RowError, Slot } from './ports.js'
import { duplicateMessage } from './scan-csv.js'
import type { SlotPlan, SlotPlanner } from './status-slots.js'

/** One chunk of a batch: its rows, and where the batch continues after them. */
export interface BatchChunk {
  cohort: Cohort
  batchId: string
  /** The part of the batch the chunk belongs to (its lease is what the commit checks). */
  part: Pick<BatchPart, 'batchId' | 'firstRow'>
  rows: readonly CsvRow[]
  /** The part's `next_row` before this chunk: its first row. */
  fromRow: number
  /** The part's `next_row` once this chunk commits: the row after its last. */
  nextRow: number
  planner: SlotPlanner
  signer: CohortSigner
}

/** A chunk built and signed, ready to commit. */
export interface PreparedChunk {
  chunk: BatchChunk
  /** Rows refused before signing (bad e-mail or name, a repeated e-mail within the chunk). */
  errors: RowError[]
  rows: { row: number; details: IssueDetails; id: string; salt: string; claimToken: string; mailId: string }[]
  plan: SlotPlan
  items: PreparedIssue[]
  /** The `issued_at` of the chunk's credentials. */
  issuedAt: Date
}

/** What a chunk did: credentials issued and rows refused. */
export interface ChunkOutcome {
  issued: number
  failed: number
}

/** A chunk that met an e-mail a chunk of another part issued to while it wrote: it rolls back and commits again without that row. */
class EmailRaced extends Error {
  override name = 'EmailRaced'
}

/** A chunk whose batch lease passed to another runner: it committed nothing. */
export class LeaseLost extends Error {
  override name = 'LeaseLost'
}

type ChunkDeps = Pick<PlatformPorts, 'store' | 'clock' | 'random' | 'publicUrl' | 'smtpConfigured' | 'onLogAppended' | 'wake'> & Partial<Pick<PlatformPorts, 'credentialReached'>>

/**
 * Checks a chunk's rows, picks their status entries (from the planner's bitmaps, no read) and
 * builds and signs their credentials. Reads nothing from the store unless the status lists run out,
 * so a runner prepares the next chunk while the previous one commits. Rows whose e-mail an earlier
 * chunk issued are found when committing.
 */
export async function prepareBatchChunk(platform: ChunkDeps, chunk: BatchChunk): Promise<PreparedChunk> {
  const { clock, random } = platform
  const now = clock.now()
  const errors: RowError[] = []
  const seen = new Map<string, number>()
  const rows: PreparedChunk['rows'] = []
  for (const row of chunk.rows) {
    const checked = checkCsvRow(row, now)
    if (!checked.ok) {
      errors.push({ row: row.row, email: row.email.slice(0, 254), message: checked.message })
      continue
    }
    const email = checked.details.recipient.email
    const firstRow = seen.get(email)
    if (firstRow !== undefined) {
      errors.push({ row: row.row, email, message: duplicateMessage(firstRow) })
      continue
    }
    seen.set(email, row.row)
    rows.push({ row: row.row, details: checked.details, id: `urn:uuid:${random.uuid()}`, salt: random.token(16), claimToken: random.token(32), mailId: random.uuid() })
  }
  const plan = await chunk.planner.plan(platform.store.repos.statusLists, rows.length, { fresh: false })
  const prepared: PreparedChunk = { chunk, errors, rows, plan, items: [], issuedAt: now }
  prepared.items = await signChunk(prepared, plan)
  return prepared
}

/** Builds and signs the prepared rows with the status entries of `plan`, and writes their e-mails. */
async function signChunk({ chunk, rows, issuedAt }: PreparedChunk, plan: SlotPlan): Promise<PreparedIssue[]> {
  const { cohort, batchId } = chunk
  const validFrom = dateTimeOf(issuedAt)
  const defaultUntil = cohort.validUntilFor(issuedAt)
  const jobs: CredentialJob[] = rows.map((r, i) => {
    const validUntil = r.details.validUntil ?? defaultUntil
    const seed: CredentialSeed = { ...r.details, id: r.id, salt: r.salt, validFrom, ...(validUntil ? { validUntil } : {}), revocation: plan.revocation[i]!, suspension: plan.suspension[i]! }
    return { seed, claimToken: r.claimToken }
  })
  const made = await chunk.signer.sign(jobs, validFrom)
  const at = issuedAt.toISOString()
  return rows.map((r, i) => ({
    signed: made[i]!.signed,
    issued: {
      credentialId: r.id,
      issuerDid: cohort.did,
      stored: made[i]!.signed.stored,
      orgId: cohort.org.id,
      achievementId: cohort.record.id,
      achievementVersion: cohort.record.version,
      recipientEmail: r.details.recipient.email,
      recipientName: r.details.recipient.name,
      showName: true,
      revocation: plan.revocation[i]!,
      suspension: plan.suspension[i]!,
      batchId,
      batchRow: r.row,
      claimTokenHash: hashSecret(r.claimToken),
      issuedAt: at,
    },
    mail: made[i]!.mail,
    mailId: r.mailId,
  }))
}

/**
 * Commits a prepared chunk in one transaction: its status entries claimed, every credential stored
 * and logged with its e-mail queued, an error for each refused row and for each row whose e-mail the
 * batch already issued to (by any of its parts), the part's progress and renewed lease and the
 * batch's counts. Rows already issued (a retried chunk) are skipped, and unique (batch, row) would
 * refuse them anyway. When another writer took one of the entries, the chunk is planned and signed
 * again; when a chunk of another part, writing at the same time, issued to one of its e-mails first,
 * it commits again without that row. Throws LeaseLost, having written nothing, when the part's
 * lease is no longer `owner`'s.
 */
export async function commitBatchChunk(platform: ChunkDeps, prepared: PreparedChunk, { owner, leaseUntil }: { owner: string; leaseUntil: string }): Promise<ChunkOutcome> {
  const { chunk } = prepared
  const { batchId } = chunk
  let errors: RowError[] = prepared.errors
  const attempt = () => issueWithSlots(platform.store, {
    planner: chunk.planner,
    count: prepared.rows.length,
    first: { plan: prepared.plan, prepared: prepared.items },
    prepare: (plan) => signChunk(prepared, plan),
    // Entries another writer (another runner of the same batch, say) took first: only those credentials are signed again.
    repair: async (items, plan, positions) => {
      const subset = (slots: Slot[]) => positions.map((i) => slots[i]!)
      const redone = await signChunk({ ...prepared, rows: positions.map((i) => prepared.rows[i]!) }, { revocation: subset(plan.revocation), suspension: subset(plan.suspension) })
      const out = items.slice()
      positions.forEach((position, k) => (out[position] = redone[k]!))
      return out
    },
    // Rows an earlier attempt issued are skipped; rows whose e-mail the batch already issued to
    // become errors. Neither claims its status entries.
    // First the part's lease (its row).
    hold: async (tx) => {
      if (!(await tx.repos.batches.holdChunk(chunk.part, owner, chunk.fromRow))) throw new LeaseLost(`Batch ${batchId} part ${chunk.part.firstRow} is no longer leased to ${owner}`)
    },
    narrow: async (tx, items, plan) => {
      const repo = tx.repos.issuedCredentials
      const numbers = chunk.rows.map((r) => r.row)
      const done = new Set(numbers.length ? await repo.rowsOfBatch(batchId, numbers[0]!, numbers.at(-1)!) : [])
      const earlier = new Map((await repo.emailsOfBatch(batchId, items.map((i) => i.issued.recipientEmail))).map((e) => [e.email, e.row]))
      errors = prepared.errors.filter((e) => !done.has(e.row))
      const keep: number[] = []
      items.forEach((item, i) => {
        const row = item.issued.batchRow!
        if (done.has(row)) return
        const firstRow = earlier.get(item.issued.recipientEmail)
        if (firstRow === undefined) keep.push(i)
        else errors.push({ row, email: item.issued.recipientEmail, message: duplicateMessage(firstRow) })
      })
      errors.sort((a, b) => a.row - b.row)
      if (keep.length === items.length) return { prepared: items, plan }
      return {
        prepared: keep.map((i) => items[i]!),
        plan: { revocation: keep.map((i) => plan.revocation[i]!), suspension: keep.map((i) => plan.suspension[i]!) },
      }
    },
    // The rows first, while other parts' chunks write theirs; then the batch's row, which chunks of
    // the batch pass one at a time; then the log.
    commit: async (tx, items) => {
      await writeRecords(tx, items, platform.smtpConfigured, platform.publicUrl)
      const progress = { fromRow: chunk.fromRow, nextRow: chunk.nextRow, addIssued: items.length, addFailed: errors.length, errors, leaseUntil }
      if (!(await tx.repos.batches.recordChunk(chunk.part, owner, progress))) throw new LeaseLost(`Batch ${batchId} part ${chunk.part.firstRow} is no longer leased to ${owner}`)
      // On PostgreSQL `narrow` read the e-mails issued before this transaction began writing; a chunk
      // of another part that committed since may have issued to one of this chunk's, and is visible
      // now. SQLite runs one write transaction at a time, so what `narrow` read is still all there is.
      if (platform.store.dialect === 'postgres') {
        const mine = new Map(items.map((i) => [i.issued.recipientEmail, i.issued.batchRow]))
        const issued = await tx.repos.issuedCredentials.emailsOfBatch(batchId, [...mine.keys()])
        if (issued.some((e) => e.row !== mine.get(e.email))) throw new EmailRaced()
      }
      await appendToLog(tx, items)
      return { issued: items.length, failed: errors.length }
    },
  })
  // After EmailRaced (rolled back), the next attempt's `narrow` reads the other chunk and refuses the repeated e-mail.
  let outcome: ChunkOutcome | undefined
  while (outcome === undefined) outcome = await attempt().catch((err: unknown) => (err instanceof EmailRaced ? undefined : Promise.reject(err)))
  if (outcome.issued > 0) {
    platform.onLogAppended(outcome.issued)
    platform.wake('mail')
    // Pathways: each learner of the chunk with an account may now hold every part of one (never fails
    // the batch). One query finds the learners who have accounts; most in a cohort have none.
    if (platform.credentialReached) {
      const emails = [...new Set(prepared.items.map((i) => i.issued.recipientEmail.trim().toLowerCase()))]
      const owners = await platform.store.repos.accountEmails.verifiedOwners(emails).catch(() => new Map<string, string>())
      for (const userId of new Set(owners.values())) await platform.credentialReached({ userId }).catch(() => undefined)
    }
  }
  return outcome
}

/** Why a batch stopped for good, for its `error` field: a PlatformError's message, else a generic one. */
export const batchFailureOf = (err: unknown): string =>
  err instanceof PlatformError ? err.message : 'The batch stopped on an internal error; see the server log'
