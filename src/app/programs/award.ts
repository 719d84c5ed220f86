// The award of a program: when every requirement of an active enrolment is met (and the final
// sign-off given where the program asks for one), the credential is issued through issueCredential
// with the evidence and results, exactly once. Exactly once rests on two things: the enrolment's
// award is claimed by a conditional update (none → issuing: one caller wins, however many evaluate
// at once), and the issue carries an Idempotency-Key per enrolment, so a retry after a crash between
// issuing and recording replays the first credential instead of making a second. `credential_id`
// is unique in the store.
import { PlatformError } from '../../core/errors.js'
import type { EvidenceInput, ResultInput } from '../issuance/issue-input.js'
import { issueCredential, type IssueDeps } from '../issuance/issue-credential.js'
import type { PlatformPorts } from '../platform/ports.js'
import { queueWebhookEvents } from '../webhooks/emit.js'
import type { ProgramRecord, ProgressRecord } from './ports.js'

/** The Idempotency-Key of an enrolment's award. */
export const awardKey = (enrolmentId: string): string => `program-award:${enrolmentId}`

/** The OB 3.0 evidence and results of the met requirements. */
export function awardBody(program: ProgramRecord, progress: readonly ProgressRecord[], publicUrl: string) {
  const evidence: EvidenceInput[] = []
  const results: ResultInput[] = []
  for (const requirement of program.requirements) {
    const p = progress.find((x) => x.requirementId === requirement.id)
    if (!p) continue
    if (requirement.kind === 'score' && p.score !== null) results.push({ value: String(p.score), status: 'Completed' })
    if ((requirement.kind === 'evidence' || requirement.kind === 'review') && p.submission) {
      const s = p.submission
      const link = s.url ?? (s.fileId ? `${publicUrl}/programs/evidence/${s.fileId}` : undefined)
      evidence.push({
        ...(link ? { id: link } : {}),
        name: requirement.title.slice(0, 200),
        ...(s.text ? { narrative: s.text.slice(0, 10_000) } : {}),
        ...(requirement.kind === 'review' ? { description: `Accepted by an assessor${p.supervision && p.supervision !== 'none' ? ` (${p.supervision})` : ''}` } : {}),
      })
    }
  }
  return { evidence: evidence.slice(0, 20), results: results.slice(0, 20) }
}

/**
 * Issues the enrolment's credential when it is complete and not yet awarded. Returns the credential
 * id when this call (or a retry of an earlier one) issued it, undefined when it is not complete or
 * another caller holds the award.
 */
export async function awardIfComplete(ports: IssueDeps & Pick<PlatformPorts, 'store'>, enrolmentId: string): Promise<string | undefined> {
  const repo = ports.store.repos.programs
  const enrolment = await repo.enrolment(enrolmentId)
  if (!enrolment || enrolment.state !== 'active' || enrolment.awardState === 'awarded') return undefined
  const program = await repo.get(enrolment.programId)
  if (!program) return undefined
  const progress = await repo.progress(enrolment.id)
  const complete = program.requirements.length > 0 && program.requirements.every((r) => progress.some((p) => p.requirementId === r.id && p.status === 'met'))
  if (!complete || (program.finalSignoff && !enrolment.signedOffBy)) return undefined
  const at = ports.clock.now().toISOString()
  // 'issuing' left by a crashed caller is retried with the same key: the replay gives its credential.
  if (enrolment.awardState === 'none' && !(await repo.claimAward(enrolment.id, at))) return undefined
  const input = { recipient: { email: enrolment.userEmail, name: enrolment.userName }, ...awardBody(program, progress, ports.publicUrl) }
  try {
    const outcome = await issueCredential(ports, { orgId: program.orgId, achievementId: program.achievementId, input, idempotencyKey: awardKey(enrolment.id) })
    const credentialId = outcome.replayed ? outcome.credentialId : outcome.view.id
    if (!credentialId) throw new PlatformError('ERR_CONFLICT', 'The award was recorded without a credential id')
    const completedAt = ports.clock.now()
    // The enrolment completes and its webhook event is queued in one transaction (an outbox).
    await ports.store.transaction(async (tx) => {
      if (!(await tx.repos.programs.finishAward(enrolment.id, credentialId, completedAt.toISOString()))) return
      const data = {
        enrolmentId: enrolment.id,
        programId: program.id,
        achievementId: program.achievementId,
        credentialId,
        recipientEmail: enrolment.userEmail,
        completedAt: completedAt.toISOString(),
        url: `${ports.publicUrl}/c/${credentialId.replace(/^urn:uuid:/i, '')}`,
      }
      await queueWebhookEvents(tx.repos, program.orgId, [{ type: 'enrolment.completed', data }], completedAt)
    })
    return credentialId
  } catch (err) {
    if (err instanceof PlatformError && err.code === 'ERR_IDEMPOTENCY_CONFLICT') return undefined
    await repo.releaseAward(enrolment.id, ports.clock.now().toISOString())
    throw err
  }
}
