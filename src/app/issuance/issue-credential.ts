import type { Related } from '../../core/credential/achievement-types.js'
import { PlatformError } from '../../core/errors.js'
import { assertIssuerOrg } from '../talent/issuer-only.js'
import { InputError } from '../platform/input-error.js'
import type { PlatformPorts } from '../platform/ports.js'
import { dateTimeOf, loadCohort } from './cohort.js'
import { hashSecret } from '../platform/secret-token.js'
import { mailPartsOf } from './cohort-signer.js'
import { issueWithSlots, issuedMail, issuedRecordOf, writeIssued, type PreparedIssue } from './commit-issued.js'
import { draftCredential } from './draft-credential.js'
import { IDEMPOTENCY_KEY, replayOf, requestDigest } from './idempotency.js'
import { checkIssueDetails, describeErrors, parseIssueBody, type IssueDetails } from './issue-input.js'
import { issuedViewOf, type IssuedView } from './issued-view.js'
import type { IdempotentResponse } from './ports.js'
import { signDraft } from './sign-draft.js'
import { createSlotPlanner } from './status-slots.js'

/** One award as a request brings it: which of the organization's achievements, the award's details (an API body: checked here), and an optional Idempotency-Key. */
export interface IssueRequest {
  orgId: string
  achievementId: string
  /** The award: {@link IssueDetails} as JSON (`recipient`, `evidence`, `results`, `validUntil`, `showName`); unknown fields are refused, never signed. */
  input: unknown
  /** The request's Idempotency-Key header, when it has one. */
  idempotencyKey?: string | undefined
  /** OB 3.0 `related` entries the embedded achievement carries in this credential (a pathway's parts); never from a request body. */
  related?: readonly Related[] | undefined
}

/** What issuing answered: the new credential, or the response stored for a repeated Idempotency-Key. */
export type IssueOutcome =
  | { replayed: false; view: IssuedView }
  | { replayed: true; status: number; body: string; credentialId: string | undefined }

/** Store the response under an Idempotency-Key, in the issuing transaction. */
interface IdempotencyRecord {
  key: string
  requestDigest: string
}

/** What issuing needs from the platform. */
export type IssueDeps = Pick<PlatformPorts, 'store' | 'clock' | 'random' | 'keys' | 'publicUrl' | 'smtpConfigured' | 'onLogAppended' | 'wake'> & Partial<Pick<PlatformPorts, 'credentialReached'>>

/**
 * Issues one credential from a request: checks the award (InputError naming each field: deep or
 * odd bodies are 400s, never a crash), then with an Idempotency-Key digests the checked body and
 * replays the response stored for the same key and request (ERR_IDEMPOTENCY_CONFLICT, 422, for the
 * same key with another request; a concurrent request with the same key that commits first is
 * replayed too). Otherwise issues it (see {@link issueOne}) and stores the response under the key
 * in the same transaction.
 * @example const outcome = await issueCredential(ports, { orgId, achievementId, input: { recipient: { email, name } } })
 */
export async function issueCredential(platform: IssueDeps, { orgId, achievementId, input, idempotencyKey: key, related }: IssueRequest): Promise<IssueOutcome> {
  const details = parseIssueBody(input)
  await assertIssuerOrg(platform, orgId)
  const extra = related?.length ? { related } : {}
  if (key === undefined) return { replayed: false, view: await issueOne(platform, { orgId, achievementId, ...details }, extra) }
  if (!IDEMPOTENCY_KEY.test(key)) throw new InputError([{ path: 'Idempotency-Key', code: 'invalid_format', message: '1 to 200 visible ASCII characters' }])
  const digest = requestDigest(`achievements/${achievementId}/credentials`, input)
  const stored = await replayOf(platform.store.repos.idempotency, orgId, key, digest)
  if (stored) return replay(stored)
  try {
    return { replayed: false, view: await issueOne(platform, { orgId, achievementId, ...details }, { idempotency: { key, requestDigest: digest }, ...extra }) }
  } catch (err) {
    // A concurrent request with the same key committed first: answer what it answered.
    if (!(err instanceof PlatformError) || err.code !== 'ERR_CONFLICT') throw err
    const raced = await replayOf(platform.store.repos.idempotency, orgId, key, digest)
    if (!raced) throw err
    return replay(raced)
  }
}

const replay = ({ status, body }: IdempotentResponse): IssueOutcome => {
  const id = (JSON.parse(body) as { id?: unknown }).id
  return { replayed: true, status, body, credentialId: typeof id === 'string' ? id : undefined }
}

/**
 * Issues one checked award: builds it (hashed e-mail with a fresh salt, the DID when given, a random
 * revocation and suspension entry), signs it with the organization's suite, then in one transaction
 * stores it with its record and claim token hash, appends it to the transparency log and queues
 * the learner's e-mail (and, with `idempotency`, stores the response). ERR_INPUT_INVALID for bad
 * details, ERR_NOT_FOUND / ERR_STATE_INVALID for an achievement that cannot be issued.
 * `claimToken` is for a caller that must know the claim link itself (the demo prints claim links);
 * otherwise a fresh random token is made, and only the e-mail carries it.
 */
export async function issueOne(
  platform: IssueDeps,
  request: IssueDetails & { orgId: string; achievementId: string },
  options: { idempotency?: IdempotencyRecord; claimToken?: string; related?: readonly Related[] } = {},
): Promise<IssuedView> {
  const { store, clock, random, publicUrl } = platform
  const now = clock.now()
  const checked = checkIssueDetails(request, now)
  if (!checked.ok) throw new InputError(checked.issues, { message: `Cannot issue: ${describeErrors(checked.issues)}` })
  const details = checked.details
  const cohort = await loadCohort(platform, store.repos, request)
  const issuedAt = dateTimeOf(now)
  const id = `urn:uuid:${random.uuid()}`
  const salt = random.token(16)
  const claimToken = options.claimToken ?? random.token(32)
  const mailId = random.uuid()

  const view = await issueWithSlots(store, {
    planner: createSlotPlanner(cohort.org.id, random),
    count: 1,
    prepare: async (plan): Promise<PreparedIssue> => {
      const revocation = plan.revocation[0]!
      const suspension = plan.suspension[0]!
      const validUntil = details.validUntil ?? cohort.validUntilFor(now)
      const draft = draftCredential(
        { issuer: cohort.issuer, achievement: options.related ? { ...cohort.achievement, related: [...options.related] } : cohort.achievement, publicUrl, statusEntries: cohort.org.statusEntries },
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
          mailPartsOf(cohort, publicUrl),
          { credentialId: id, recipientEmail: details.recipient.email, recipientName: details.recipient.name, claimToken },
        ),
        mailId,
      }
    },
    commit: async (tx, prepared) => {
      await writeIssued(tx, [prepared], platform.smtpConfigured, publicUrl)
      const issuedView = issuedViewOf(issuedRecordOf(prepared.issued, cohort.record.name), publicUrl)
      if (options.idempotency) {
        const { key, requestDigest } = options.idempotency
        await tx.repos.idempotency.save(cohort.org.id, key, { requestDigest, status: 201, body: JSON.stringify(issuedView) })
      }
      return issuedView
    },
  })
  platform.onLogAppended(1)
  platform.wake('mail')
  // Pathways: the learner of this address may now hold every part of one (never fails the issue).
  await platform.credentialReached?.({ email: details.recipient.email }).catch(() => undefined)
  return view
}
