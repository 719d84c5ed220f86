import { CONTEXT } from '../canonical/index.js'
import { PlatformError } from '../errors.js'
import { emailIdentity } from './identity.js'
import { isDateTimeZ } from './shape.js'
import type {
  Achievement,
  AchievementCredential,
  AchievementSubject,
  CredentialStatus,
  Evidence,
  Image,
  Profile,
  Result,
} from './types.js'

/** The `credentialSchema` entry of every OpenBadgeCredential Emblem issues. */
export const ACHIEVEMENT_CREDENTIAL_SCHEMA = Object.freeze({
  id: 'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json',
  type: '1EdTechJsonSchemaValidator2019',
})

/**
 * Who receives the credential: a learner DID (`id`), a salted hashed e-mail, or both. The salt is an
 * input (the app layer passes a fresh random one per credential); it is published in the credential.
 */
export type RecipientInput = { id: string } | { email: string; salt: string } | { id: string; email: string; salt: string }

/** What buildAchievementCredential needs. Ids, dates and salts come from the caller: core has no clock or randomness. */
export interface AchievementCredentialInput {
  /** A `urn:uuid:` URI. */
  id: string
  issuer: Profile
  achievement: Achievement
  recipient: RecipientInput
  /** DateTimeZ, e.g. `2025-03-01T09:00:00Z`. */
  validFrom: string
  validUntil?: string
  awardedDate?: string
  /** Defaults to the achievement's name. */
  name?: string
  description?: string
  image?: Image
  result?: Result[]
  evidence?: Evidence[]
  credentialStatus?: CredentialStatus | CredentialStatus[]
  /** Optional subject fields (OB 3.0 AchievementSubject). */
  subject?: Pick<AchievementSubject, 'activityStartDate' | 'activityEndDate' | 'creditsEarned' | 'narrative' | 'role' | 'term'>
}

const URN_UUID = /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * An unsigned OpenBadgeCredential in VC 2.0 form. Sets are arrays; null, undefined and empty arrays
 * are omitted (OB 3.0 serialization rules); the issuer Profile and the Achievement are embedded in full.
 * Throws PlatformError ERR_INPUT_INVALID for a malformed id, date or recipient.
 * @example buildAchievementCredential({ id: 'urn:uuid:…', issuer, achievement, recipient: { id: 'did:key:z6Mk…' }, validFrom })
 * @see https://www.imsglobal.org/spec/ob/v3p0/#achievementcredential
 */
export function buildAchievementCredential(input: AchievementCredentialInput): AchievementCredential {
  checkInput(input)
  const credential = {
    // extensions.json defines 1EdTechJsonSchemaValidator2019; without it RDFC safe mode rejects credentialSchema.
    '@context': [CONTEXT.VC_V2, CONTEXT.OB_V3, CONTEXT.OB_EXTENSIONS],
    id: input.id,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: input.name ?? input.achievement.name,
    description: input.description,
    image: input.image,
    issuer: prepared.has(input.issuer) ? input.issuer : { ...input.issuer, type: withType(input.issuer.type, 'Profile') },
    validFrom: input.validFrom,
    validUntil: input.validUntil,
    awardedDate: input.awardedDate,
    credentialSubject: buildSubject(input),
    evidence: input.evidence,
    credentialStatus: input.credentialStatus,
    credentialSchema: [{ ...ACHIEVEMENT_CREDENTIAL_SCHEMA }],
  }
  return prune(credential) as AchievementCredential
}

function buildSubject({ recipient, achievement, result, subject }: AchievementCredentialInput): AchievementSubject {
  return {
    type: ['AchievementSubject'],
    id: 'id' in recipient ? recipient.id : undefined,
    identifier: 'email' in recipient ? [emailIdentity(recipient.email, recipient.salt)] : undefined,
    ...subject,
    achievement: prepared.has(achievement) ? achievement : { ...achievement, type: withType(achievement.type, 'Achievement') },
    result,
  } as AchievementSubject
}

function checkInput(input: AchievementCredentialInput): void {
  const problems: string[] = []
  if (!URN_UUID.test(input.id)) problems.push(`id must be a urn:uuid URI, got ${JSON.stringify(input.id)}`)
  for (const key of ['validFrom', 'validUntil', 'awardedDate'] as const) {
    const value = input[key]
    if (value !== undefined && !isDateTimeZ(value)) problems.push(`${key} must be a date-time with a time zone`)
  }
  if (input.validUntil && Date.parse(input.validUntil) <= Date.parse(input.validFrom))
    problems.push('validUntil must be later than validFrom')
  const { recipient } = input
  if (!('id' in recipient) && !('email' in recipient)) problems.push('recipient needs an id or an email')
  if ('id' in recipient && !recipient.id) problems.push('recipient.id must not be empty')
  if ('email' in recipient && (!recipient.email.trim() || !recipient.salt))
    problems.push('recipient.email and recipient.salt must not be empty')
  if (problems.length > 0) throw new PlatformError('ERR_INPUT_INVALID', `Cannot build credential: ${problems.join('; ')}`)
}

const withType = (types: readonly string[] | undefined, required: string): string[] =>
  types?.includes(required) ? [...types] : [required, ...(types ?? [])]

const prepared = new WeakSet<object>()

/**
 * The issuer Profile as every credential of a cohort embeds it: typed, pruned and deeply frozen, so
 * buildAchievementCredential shares it instead of copying it, and canonicalization expands it once for
 * the whole cohort instead of once per credential.
 */
export function prepareIssuer(issuer: Profile): Profile {
  return prepare({ ...issuer, type: withType(issuer.type, 'Profile') }) as Profile
}

/** The Achievement as every credential of a cohort embeds it: typed, pruned, deeply frozen and shared (see prepareIssuer). */
export function prepareAchievement(achievement: Achievement): Achievement {
  return prepare({ ...achievement, type: withType(achievement.type, 'Achievement') }) as Achievement
}

function prepare(value: object): object {
  const frozen = deepFreeze(prune(value) as object)
  prepared.add(frozen)
  return frozen
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child)
    Object.freeze(value)
  }
  return value
}

// A deep copy without null, undefined and empty arrays (OB 3.0 serialization rules); prepared parts are shared as they are.
function prune(value: unknown): unknown {
  if (value !== null && typeof value === 'object' && prepared.has(value)) return value
  if (Array.isArray(value)) return value.filter((v) => v != null).map(prune).filter((v) => !isEmptyArray(v))
  if (value === null || typeof value !== 'object') return value
  const out: Record<string, unknown> = {}
  for (const [key, v] of Object.entries(value)) {
    if (v == null) continue
    const pruned = prune(v)
    if (!isEmptyArray(pruned)) out[key] = pruned
  }
  return out
}

const isEmptyArray = (value: unknown): boolean => Array.isArray(value) && value.length === 0
