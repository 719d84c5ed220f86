import type { BitstringStatusListEntry } from '../status-list/types.js'
// OB 3.0 data model, VC 2.0 form, as Emblem emits it: sets are arrays, complex values are objects.
// Parsed input from elsewhere may use compacted single values; validateCredential accepts those.
// https://www.imsglobal.org/spec/ob/v3p0/#data-model
import type { DataIntegrityProof } from '../proof/index.js'
import type { Achievement, Alignment } from './achievement-types.js'
import type { IdentifierTypeEnum, ResultStatusType } from './vocabulary.js'

export type {
  Achievement,
  Alignment,
  Criteria,
  Related,
  ResultDescription,
  RubricCriterionLevel,
} from './achievement-types.js'

/** A Data Integrity proof as embedded in `proof` (defined by core/proof). */
export type { DataIntegrityProof }

/** An image: a URI or data URI plus `type: 'Image'`. */
export interface Image {
  id: string
  type: 'Image'
  caption?: string
}

/** A point on the globe, used by Address. */
export interface GeoCoordinates {
  type: 'GeoCoordinates'
  latitude: number
  longitude: number
}

/** A postal address; `addressCountryCode` is ISO 3166-1 alpha-2. */
export interface Address {
  type: string[]
  addressCountry?: string
  addressCountryCode?: string
  addressRegion?: string
  addressLocality?: string
  streetAddress?: string
  postOfficeBoxNumber?: string
  postalCode?: string
  geo?: GeoCoordinates
}

/** Another identifier of a Profile or Achievement, e.g. a national id or a course code. */
export interface IdentifierEntry {
  type: 'IdentifierEntry'
  identifier: string
  identifierType: IdentifierTypeEnum
}

/** An issuer given by id alone or as a full Profile; Emblem always embeds the Profile. */
export type ProfileRef = string | Profile

/** A person or organisation: the issuer, a creator, an endorser or an assessing source. */
export interface Profile {
  id: string
  type: string[]
  name?: string
  url?: string
  phone?: string
  description?: string
  endorsement?: EndorsementCredential[]
  endorsementJwt?: string[]
  image?: Image
  email?: string
  address?: Address
  otherIdentifier?: IdentifierEntry[]
  official?: string
  parentOrg?: Profile
  familyName?: string
  givenName?: string
  additionalName?: string
  patronymicName?: string
  honorificPrefix?: string
  honorificSuffix?: string
  familyNamePrefix?: string
  dateOfBirth?: string
}

/** A recipient identifier: `identityHash` is `<alg>$<hex>` when `hashed`, the plain value otherwise. */
export interface IdentityObject {
  type: 'IdentityObject'
  hashed: boolean
  identityHash: string
  identityType: IdentifierTypeEnum
  salt?: string
}

/** What the learner achieved against a ResultDescription (`resultDescription` is its id). */
export interface Result {
  type: string[]
  achievedLevel?: string
  alignment?: Alignment[]
  resultDescription?: string
  status?: ResultStatusType
  value?: string
}

/** The learner (`id` and/or `identifier`) and the Achievement they earned. */
export interface AchievementSubject {
  id?: string
  type: string[]
  achievement: Achievement
  identifier?: IdentityObject[]
  activityStartDate?: string
  activityEndDate?: string
  creditsEarned?: number
  image?: Image
  licenseNumber?: string
  narrative?: string
  result?: Result[]
  role?: string
  source?: Profile
  term?: string
}

/** Supporting work or a record of it; prefer a `urn:`/https id over a data URI (STANDARDS 1.7). */
export interface Evidence {
  id?: string
  type: string[]
  narrative?: string
  name?: string
  description?: string
  genre?: string
  audience?: string
}

/** The status entry is the status-list module's own type: one definition of the spec's shape. */
export type { BitstringStatusListEntry }

/** A credential's status method: Emblem issues BitstringStatusListEntry; 1EdTechRevocationList is read too. */
export type CredentialStatus = BitstringStatusListEntry | { id: string; type: string; [property: string]: unknown }

/** A JSON Schema the credential claims to satisfy; OB uses type `1EdTechJsonSchemaValidator2019`. */
export interface CredentialSchema {
  id: string
  type: string
}

/** Fields every OB 3.0 credential (achievement or endorsement) shares, in VC 2.0 form. */
interface CredentialBase {
  '@context': string[]
  id: string
  type: string[]
  name?: string
  description?: string
  issuer: Profile
  validFrom: string
  validUntil?: string
  proof?: DataIntegrityProof[]
  credentialSchema?: CredentialSchema[]
  /** One entry (what the official OB 3.0 schema allows), or several (VC 2.0): revocation and suspension. */
  credentialStatus?: CredentialStatus | CredentialStatus[]
  refreshService?: { id: string; type: string }
  termsOfUse?: { type: string; id?: string }[]
}

/** An OB 3.0 badge: a VerifiableCredential whose subject embeds the Achievement. */
export interface AchievementCredential extends CredentialBase {
  image?: Image
  awardedDate?: string
  credentialSubject: AchievementSubject
  endorsement?: EndorsementCredential[]
  endorsementJwt?: string[]
  evidence?: Evidence[]
}

/** The same class under its other name: `type` may say either. */
export type OpenBadgeCredential = AchievementCredential

/** The thing endorsed (`id` of a Profile, Achievement or credential) and the endorser's comment. */
export interface EndorsementSubject {
  id: string
  type: string[]
  endorsementComment?: string
}

/** A third party's endorsement of a Profile, Achievement or credential; `name` is required. */
export interface EndorsementCredential extends CredentialBase {
  name: string
  credentialSubject: EndorsementSubject
}
