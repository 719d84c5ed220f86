import { normalizeEmail } from '../../core/credential/index.js'
import { PlatformError } from '../../core/errors.js'
import type { Platform } from '../platform/ports.js'
import { dateTimeOf, type Cohort } from './cohort.js'
import type { CohortSigner } from './cohort-signer.js'
import { claimTokenHash, issueWithSlots, issuedMail, writeIssued, type PreparedIssue } from './commit-issued.js'
import { checkCsvRow, type CsvRow } from './csv-rows.js'
import type { CredentialSeed } from './draft-credential.js'
import type { IssueDetails } from './issue-input.js'
import type { RowError } from './ports.js'
import { duplicateMessage } from './scan-csv.js'
import type { SlotPlanner } from './status-slots.js'

/** One chunk of a batch: its rows, where the batch continues after them, and the lease it runs under. */
export interface BatchChunk {
  cohort: Cohort
  batchId: string
  rows: readonly CsvRow[]
  /** Recipient rows handled once this chunk commits (the batch's `next_row`). */
  nextRow: number
  owner: string
  leaseUntil: string
  planner: SlotPlanner
  signer: CohortSigner
}

/** What a chunk did: credentials issued and rows refused. */
export interface ChunkOutcome {
  issued: number
  failed: number
}

/** A chunk whose batch lease passed to another runner: it committed nothing. */
export class LeaseLost extends Error {
  override name = 'LeaseLost'
}

/**
 * Issues one chunk of a batch in one transaction: every valid row's credential (signed by the
 * cohort signer, status entries claimed, logged, e-mail queued), an error for every row that cannot
 * be issued (bad e-mail or name, an e-mail the batch already issued to), and the batch's progress
 * and renewed lease. Rows already issued (a retried chunk) are skipped: unique (batch, row) makes a
 * retry harmless. Throws LeaseLost, having written nothing, when the lease is no longer `owner`'s.
 */
export async function issueBatchChunk(
  platform: Pick<Platform, 'store' | 'clock' | 'random' | 'publicUrl' | 'smtpConfigured' | 'onLogAppended' | 'wake'>,
  chunk: BatchChunk,
): Promise<ChunkOutcome> {
  const { store, clock, random, publicUrl } = platform
  const { cohort, batchId, rows } = chunk
  const now = clock.now()
  const first = rows[0]?.row ?? 0
  const last = rows.at(-1)?.row ?? 0
  const alreadyIssued = new Set(rows.length ? await store.repos.issuance.issuedRows(batchId, first, last) : [])
  const pending = rows.filter((r) => !alreadyIssued.has(r.row))
  const errors: RowError[] = []
  const accepted: { row: number; details: IssueDetails }[] = []
  const earlier = new Map((await store.repos.issuance.issuedEmails(batchId, [...new Set(pending.map((r) => normalizeEmail(r.email)))])).map((e) => [e.email, e.row]))
  for (const row of pending) {
    const checked = checkCsvRow(row, now)
    if (!checked.ok) {
      errors.push({ row: row.row, email: row.email.slice(0, 254), message: checked.message })
      continue
    }
    const email = checked.details.recipient.email
    const firstRow = earlier.get(email)
    if (firstRow !== undefined) {
      errors.push({ row: row.row, email, message: duplicateMessage(firstRow) })
      continue
    }
    earlier.set(email, row.row)
    accepted.push({ row: row.row, details: checked.details })
  }

  const issuedAt = now.toISOString()
  const validFrom = dateTimeOf(now)
  const defaultUntil = cohort.validUntilFor(now)
  const fresh = accepted.map(({ row, details }) => ({
    row,
    details,
    id: `urn:uuid:${random.uuid()}`,
    salt: random.token(16),
    claimToken: random.token(32),
    mailId: random.uuid(),
  }))
  const mailParts = { publicUrl, orgId: cohort.org.id, orgName: cohort.org.name, achievementName: cohort.achievement.name }

  await issueWithSlots(store, {
    planner: chunk.planner,
    count: fresh.length,
    prepare: async (plan): Promise<PreparedIssue[]> => {
      const seeds: CredentialSeed[] = fresh.map((f, i) => {
        const validUntil = f.details.validUntil ?? defaultUntil
        return { ...f.details, id: f.id, salt: f.salt, validFrom, ...(validUntil ? { validUntil } : {}), revocation: plan.revocation[i]!, suspension: plan.suspension[i]! }
      })
      const signed = await chunk.signer.sign(seeds, validFrom)
      return fresh.map((f, i) => ({
        signed: signed[i]!,
        issued: {
          credentialId: f.id,
          issuerDid: cohort.did,
          stored: signed[i]!.stored,
          orgId: cohort.org.id,
          achievementId: cohort.record.id,
          achievementVersion: cohort.record.version,
          recipientEmail: f.details.recipient.email,
          recipientName: f.details.recipient.name,
          showName: true,
          revocation: seeds[i]!.revocation,
          suspension: seeds[i]!.suspension,
          batchId,
          batchRow: f.row,
          claimTokenHash: claimTokenHash(f.claimToken),
          issuedAt,
        },
        mail: issuedMail(mailParts, { credentialId: f.id, recipientEmail: f.details.recipient.email, recipientName: f.details.recipient.name, claimToken: f.claimToken }),
        mailId: f.mailId,
      }))
    },
    commit: async (tx, prepared) => {
      const isHeld = await tx.repos.issuance.recordChunk(batchId, chunk.owner, {
        nextRow: chunk.nextRow,
        addIssued: prepared.length,
        addFailed: errors.length,
        errors,
        leaseUntil: chunk.leaseUntil,
      })
      if (!isHeld) throw new LeaseLost(`Batch ${batchId} is no longer leased to ${chunk.owner}`)
      await writeIssued(tx, prepared, platform.smtpConfigured)
    },
  })
  if (fresh.length > 0) {
    platform.onLogAppended()
    platform.wake('mail')
  }
  return { issued: fresh.length, failed: errors.length }
}

/** Why a batch stopped for good, for its `error` field: a PlatformError's message, else a generic one. */
export const batchFailureOf = (err: unknown): string =>
  err instanceof PlatformError ? err.message : 'The batch stopped on an internal error; see the server log'
