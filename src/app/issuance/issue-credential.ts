import { InputError } from '../platform/input-error.js'
import type { Platform } from '../platform/ports.js'
import { dateTimeOf, loadCohort } from './cohort.js'
import { hashSecret } from '../platform/secret-token.js'
import { issueWithSlots, issuedMail, issuedRecordOf, writeIssued, type PreparedIssue } from './commit-issued.js'
import { draftCredential } from './draft-credential.js'
import { checkIssueDetails, describeErrors, type IssueDetails } from './issue-input.js'
import { issuedViewOf, type IssuedView } from './issued-view.js'
import { signDraft } from './sign-draft.js'
import { createSlotPlanner } from './status-slots.js'

/** One award: who, for which of the organization's achievements, and the optional parts. */
export interface IssueRequest extends IssueDetails {
  orgId: string
  achievementId: string
}

/** Store the response under an Idempotency-Key, in the issuing transaction (see idempotency.ts). */
export interface IdempotencyRecord {
  key: string
  requestDigest: string
}

/** What issuing needs from the platform. */
export type IssueDeps = Pick<Platform, 'store' | 'clock' | 'random' | 'keys' | 'publicUrl' | 'smtpConfigured' | 'onLogAppended' | 'wake'>

/**
 * Issues one credential: builds it (hashed e-mail with a fresh salt, the DID when given, a random
 * revocation and suspension entry), signs it with the organization's suite, then in one transaction
 * stores it with its record and claim token hash, appends it to the transparency log and queues
 * the learner's e-mail (and, with `idempotency`, stores the response). ERR_INPUT_INVALID for bad
 * details, ERR_NOT_FOUND / ERR_STATE_INVALID for an achievement that cannot be issued.
 * @example const issued = await issueCredential(platform, { orgId, achievementId, recipient: { email, name } })
 */
export async function issueCredential(platform: IssueDeps, request: IssueRequest, options: { idempotency?: IdempotencyRecord } = {}): Promise<IssuedView> {
  const { store, clock, random, publicUrl } = platform
  const now = clock.now()
  const checked = checkIssueDetails(request, now)
  if (!checked.ok) throw new InputError(checked.issues, { message: `Cannot issue: ${describeErrors(checked.issues)}` })
  const details = checked.details
  const cohort = await loadCohort(platform, store.repos, request)
  const issuedAt = dateTimeOf(now)
  const id = `urn:uuid:${random.uuid()}`
  const salt = random.token(16)
  const claimToken = random.token(32)
  const mailId = random.uuid()

  const view = await issueWithSlots(store, {
    planner: createSlotPlanner(cohort.org.id, random),
    count: 1,
    prepare: async (plan): Promise<PreparedIssue> => {
      const revocation = plan.revocation[0]!
      const suspension = plan.suspension[0]!
      const validUntil = details.validUntil ?? cohort.validUntilFor(now)
      const draft = draftCredential(
        { issuer: cohort.issuer, achievement: cohort.achievement, publicUrl },
        { ...details, id, salt, validFrom: issuedAt, ...(validUntil ? { validUntil } : {}), revocation, suspension },
      )
      const signed = await signDraft(draft, cohort.signer, cohort.suite, issuedAt)
      return {
        signed,
        issued: {
          credentialId: id,
          issuerDid: cohort.did,
          stored: signed.stored,
          orgId: cohort.org.id,
          achievementId: cohort.record.id,
          achievementVersion: cohort.record.version,
          recipientEmail: details.recipient.email,
          recipientName: details.recipient.name,
          showName: details.showName ?? true,
          revocation,
          suspension,
          batchId: null,
          batchRow: null,
          claimTokenHash: hashSecret(claimToken),
          issuedAt: now.toISOString(),
        },
        mail: issuedMail(
          { publicUrl, orgId: cohort.org.id, orgName: cohort.org.name, achievementName: cohort.achievement.name },
          { credentialId: id, recipientEmail: details.recipient.email, recipientName: details.recipient.name, claimToken },
        ),
        mailId,
      }
    },
    commit: async (tx, prepared) => {
      await writeIssued(tx, [prepared], platform.smtpConfigured)
      const issuedView = issuedViewOf(issuedRecordOf(prepared.issued, cohort.record.name), publicUrl)
      if (options.idempotency) {
        const { key, requestDigest } = options.idempotency
        await tx.repos.idempotency.save(cohort.org.id, key, { requestDigest, status: 201, body: JSON.stringify(issuedView) })
      }
      return issuedView
    },
  })
  platform.onLogAppended()
  platform.wake('mail')
  return view
}
