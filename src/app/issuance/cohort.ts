import type { Achievement, Profile } from '../../core/credential/index.js'
import { prepareAchievement, prepareIssuer } from '../../core/credential/index.js'
import { PlatformError } from '../../core/errors.js'
import type { Signer } from '../../core/proof/index.js'
import { assertIssuable } from '../achievements/issuable.js'
import { achievementValidUntil, definitionOf, obAchievement } from '../achievements/ob-achievement.js'
import type { AchievementRecord } from '../achievements/ports.js'
import { orgDid } from '../orgs/did.js'
import { issuerProfile } from '../orgs/issuer-profile.js'
import type { OrgRecord } from '../orgs/ports.js'
import type { PlatformPorts, PlatformRepos } from '../platform/ports.js'

/** How an organization signs: a Data Integrity cryptosuite, or VC-JWT. */
export type IssuerSuite = OrgRecord['suite']

/**
 * What every credential of one organization and achievement shares: the issuer Profile and the
 * Achievement prepared once (frozen, so the fast canonicalizer expands them once and replays them),
 * the suite and the signer. Bulk issuance builds one per batch; single issuance one per request.
 */
export interface Cohort {
  org: OrgRecord
  did: string
  issuer: Profile
  record: AchievementRecord
  achievement: Achievement
  suite: IssuerSuite
  signer: Signer
  /** The achievement's default expiry for a credential issued at `issuedAt`, as a date-time. */
  validUntilFor(issuedAt: Date): string | undefined
}

/**
 * Loads the organization and the achievement and prepares their shared parts. ERR_NOT_FOUND when
 * either is missing (or the achievement is another organization's); ERR_STATE_INVALID when the
 * achievement cannot be issued (draft, archived, incomplete); ERR_KEY_UNAVAILABLE without a key.
 */
export async function loadCohort(
  { keys, publicUrl }: Pick<PlatformPorts, 'keys' | 'publicUrl'>,
  repos: Pick<PlatformRepos, 'orgs' | 'achievements'>,
  { orgId, achievementId }: { orgId: string; achievementId: string },
): Promise<Cohort> {
  const org = await repos.orgs.get(orgId)
  if (!org) throw new PlatformError('ERR_NOT_FOUND', `No organization ${orgId}`)
  const record = await repos.achievements.get(orgId, achievementId)
  if (!record) throw new PlatformError('ERR_NOT_FOUND', `No achievement ${achievementId} in ${org.name}`)
  assertIssuable(record)
  const did = orgDid(publicUrl, org.slug)
  const signer = await keys.signerFor({ id: org.id, did })
  const definition = definitionOf(record)
  return {
    org,
    did,
    issuer: prepareIssuer(issuerProfile(org, publicUrl)),
    record,
    achievement: prepareAchievement(obAchievement(record, { publicUrl, orgSlug: org.slug })),
    suite: org.suite,
    signer,
    validUntilFor: (issuedAt) => dateTimeOf(achievementValidUntil(definition, issuedAt)),
  }
}

/** A Date as an XML Schema date-time in UTC without milliseconds, as credentials carry them. */
export function dateTimeOf(date: Date): string
export function dateTimeOf(date: Date | undefined): string | undefined
export function dateTimeOf(date: Date | undefined): string | undefined {
  return date && date.toISOString().replace(/\.\d{3}Z$/, 'Z')
}
