// The award of a pathway: when a learner's holdings complete it, its target is issued through
// issueCredential, exactly once. As with programs (src/app/programs/award.ts): the learner's standing
// is claimed by a conditional update (none → issuing: one caller wins, however many evaluate at once,
// e.g. when two parts arrive together), and the issue carries an Idempotency-Key per pathway and
// learner, so a retry after a crash between issuing and recording replays the first credential.
// A claim left 'issuing' for longer than STALE_MS (a crashed caller) is retried with the same key.
import { PlatformError } from '../../core/errors.js'
import { issueCredential } from '../issuance/issue-credential.js'
import type { EvidenceInput } from '../issuance/issue-input.js'
import type { PlatformPorts } from '../platform/ports.js'
import type { Holding } from './holdings.js'
import type { PathwayRecord } from './ports.js'

/** The Idempotency-Key of a learner's award of a pathway. */
export const pathwayAwardKey = (pathwayId: string, userId: string): string => `pathway-award:${pathwayId}:${userId}`

const STALE_MS = 10 * 60_000

/** One evidence entry per part held (the first credential of each, in the pathway's order). */
export function pathwayEvidence(p: PathwayRecord, holdings: readonly Holding[]): EvidenceInput[] {
  return p.parts.flatMap((part) => {
    const h = holdings.find((x) => x.achievementUrl === part.achievementUrl)
    if (!h) return []
    const issued = h.issuedAt ? ` on ${h.issuedAt.slice(0, 10)}` : ''
    return [{
      ...(h.url ? { id: h.url } : {}),
      name: part.name.slice(0, 200),
      description: `Part of the pathway “${p.title.slice(0, 200)}”: ${h.name.slice(0, 300)}${h.issuerName ? `, issued by ${h.issuerName.slice(0, 300)}` : ''}${issued}`,
      ...(h.url ? {} : h.credentialId ? { narrative: `Credential ${h.credentialId.slice(0, 2048)}` } : {}),
    }]
  }).slice(0, 20)
}

/** Issues the pathway's target to the learner unless it was (or is being) issued. Returns the credential id when this call issued it. */
export async function awardIfComplete(ports: PlatformPorts, p: PathwayRecord, userId: string, holdings: readonly Holding[]): Promise<string | undefined> {
  const repo = ports.store.repos.pathways
  const standing = (await repo.standings(userId)).find((s) => s.pathwayId === p.id)
  if (!standing || standing.awardState === 'awarded') return undefined
  const at = ports.clock.now()
  if (standing.awardState === 'issuing' && at.getTime() - Date.parse(standing.updatedAt) < STALE_MS) return undefined
  if (standing.awardState === 'none' && !(await repo.claimAward(p.id, userId, at.toISOString()))) return undefined
  const user = await ports.store.repos.accounts.userById(userId)
  if (!user) {
    await repo.releaseAward(p.id, userId, at.toISOString())
    return undefined
  }
  const input = { recipient: { email: user.email, name: user.name }, evidence: pathwayEvidence(p, holdings) }
  try {
    const outcome = await issueCredential(ports, {
      orgId: p.orgId,
      achievementId: p.achievementId,
      input,
      idempotencyKey: pathwayAwardKey(p.id, userId),
      related: p.parts.map((part) => ({ id: part.achievementUrl, type: ['Related'] })),
    })
    const credentialId = outcome.replayed ? outcome.credentialId : outcome.view.id
    if (!credentialId) throw new PlatformError('ERR_CONFLICT', 'The award was recorded without a credential id')
    await repo.finishAward(p.id, userId, credentialId, ports.clock.now().toISOString())
    return credentialId
  } catch (err) {
    if (err instanceof PlatformError && err.code === 'ERR_IDEMPOTENCY_CONFLICT') return undefined
    await repo.releaseAward(p.id, userId, ports.clock.now().toISOString())
    throw err
  }
}
