import { buildAchievementCredential, type Achievement, type AchievementCredential, type Evidence, type Profile, type Result } from '../../core/credential/index.js'
import { PlatformError } from '../../core/errors.js'
import { buildStatusEntry } from '../../core/status-list/index.js'
import type { EvidenceInput, IssueDetails, ResultInput } from './issue-input.js'
import type { Slot } from './ports.js'
import { statusListUrl } from './status-slots.js'

/** Everything that differs between two credentials of a cohort; ids, salts and dates come from the caller. */
export interface CredentialSeed extends IssueDetails {
  /** `urn:uuid:<v4>`. */
  id: string
  /** The fresh salt of the hashed e-mail identifier. */
  salt: string
  validFrom: string
  revocation: Slot
  suspension: Slot
}

/** The shared parts a draft embeds (prepared by `loadCohort`, or re-prepared in a signing thread). */
export interface DraftParts {
  issuer: Profile
  achievement: Achievement
  publicUrl: string
}

/**
 * The unsigned OpenBadgeCredential of one learner: the hashed e-mail identifier (and the DID when
 * given), its revocation entry, evidence and results. ERR_INPUT_INVALID for a result that cites a
 * result description the achievement does not have.
 *
 * OB 3.0 allows one `credentialStatus` ([0..1] in its JSON Schema, which 1EdTech validators and
 * Emblem's own schema check apply), so the credential carries the revocation entry only. Its
 * suspension entry is allocated and kept up to date in the organization's suspension list, and
 * Emblem's pages and API show the suspension, but verifiers elsewhere see revocation alone.
 */
export function draftCredential({ issuer, achievement, publicUrl }: DraftParts, seed: CredentialSeed): AchievementCredential {
  const { email, did } = seed.recipient
  return buildAchievementCredential({
    id: seed.id,
    issuer,
    achievement,
    recipient: did ? { id: did, email, salt: seed.salt } : { email, salt: seed.salt },
    validFrom: seed.validFrom,
    ...(seed.validUntil ? { validUntil: seed.validUntil } : {}),
    ...(seed.evidence?.length ? { evidence: seed.evidence.map(evidenceOf) } : {}),
    ...(seed.results?.length ? { result: seed.results.map((r) => resultOf(r, achievement)) } : {}),
    credentialStatus: buildStatusEntry({ listCredentialUrl: statusListUrl(publicUrl, seed.revocation.listId), index: seed.revocation.index, statusPurpose: 'revocation' }),
  })
}

const evidenceOf = (e: EvidenceInput): Evidence => ({ ...e, type: ['Evidence'] })

function resultOf(r: ResultInput, achievement: Achievement): Result {
  if (r.resultDescription !== undefined && !achievement.resultDescription?.some((d) => d.id === r.resultDescription))
    throw new PlatformError('ERR_INPUT_INVALID', `results: ${r.resultDescription} is not a result description of "${achievement.name}"`)
  return { type: ['Result'], ...r }
}
