import { buildAchievementCredential, type Achievement, type AchievementCredential, type Evidence, type Profile, type Result } from '../../core/credential/index.js'
import { PlatformError } from '../../core/errors.js'
import { buildStatusEntry } from '../../core/status-list/index.js'
import type { StatusEntries } from '../orgs/ports.js'
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
  /** The organization's choice of status entries (default: revocation only). */
  statusEntries?: StatusEntries
}

/**
 * The unsigned OpenBadgeCredential of one learner: the hashed e-mail identifier (and the DID when
 * given), its revocation entry, evidence and results. ERR_INPUT_INVALID for a result that cites a
 * result description the achievement does not have.
 *
 * The official OB 3.0 JSON Schema allows one `credentialStatus` ([0..1]), so by default the
 * credential carries the revocation entry only: its suspension entry is allocated and kept up to date
 * in the organization's suspension list, Emblem's pages and API show the suspension, but verifiers
 * elsewhere see revocation alone. An organization that chose 'revocation-and-suspension' issues both
 * entries (VC 2.0 allows several), so every Bitstring Status List verifier sees a suspension too.
 */
export function draftCredential({ issuer, achievement, publicUrl, statusEntries = 'revocation' }: DraftParts, seed: CredentialSeed): AchievementCredential {
  const { email, did } = seed.recipient
  const revocation = buildStatusEntry({ listCredentialUrl: statusListUrl(publicUrl, seed.revocation.listId), index: seed.revocation.index, statusPurpose: 'revocation' })
  const suspension = buildStatusEntry({ listCredentialUrl: statusListUrl(publicUrl, seed.suspension.listId), index: seed.suspension.index, statusPurpose: 'suspension' })
  return buildAchievementCredential({
    id: seed.id,
    issuer,
    achievement,
    recipient: did ? { id: did, email, salt: seed.salt } : { email, salt: seed.salt },
    validFrom: seed.validFrom,
    ...(seed.validUntil ? { validUntil: seed.validUntil } : {}),
    ...(seed.evidence?.length ? { evidence: seed.evidence.map(evidenceOf) } : {}),
    ...(seed.results?.length ? { result: seed.results.map((r) => resultOf(r, achievement)) } : {}),
    credentialStatus: statusEntries === 'revocation-and-suspension' ? [revocation, suspension] : revocation,
  })
}

const evidenceOf = (e: EvidenceInput): Evidence => ({ ...e, type: ['Evidence'] })

function resultOf(r: ResultInput, achievement: Achievement): Result {
  if (r.resultDescription !== undefined && !achievement.resultDescription?.some((d) => d.id === r.resultDescription))
    throw new PlatformError('ERR_INPUT_INVALID', `results: ${r.resultDescription} is not a result description of "${achievement.name}"`)
  return { type: ['Result'], ...r }
}
