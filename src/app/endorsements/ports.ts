// What endorsements read and write (implemented by src/store/platform/endorsements.ts).

/** What an organization endorses: another organization's achievement, or the organization itself. */
export type EndorsementSubjectKind = 'achievement' | 'organization'

export type EndorsementState = 'active' | 'withdrawn'

/** A stored endorsement, with the names pages show. */
export interface EndorsementRecord {
  /** The endorsement's UUID; its credential id is `urn:uuid:<id>`, its document at `/endorsements/<id>`. */
  id: string
  /** The endorsing organization. */
  org: { id: string; slug: string; name: string }
  subjectKind: EndorsementSubjectKind
  /** The endorsed achievement's or profile's id (the achievement's URL, or the organization's DID). */
  subjectId: string
  /** The organization endorsed (or whose achievement is). */
  subjectOrg: { id: string; slug: string; name: string }
  comment: string
  /** The signed EndorsementCredential (JSON text). */
  document: string
  state: EndorsementState
  createdAt: string
  withdrawnAt: string | null
}

export interface EndorsementsRepo {
  insert(row: { id: string; orgId: string; subjectKind: EndorsementSubjectKind; subjectId: string; subjectOrgId: string; comment: string; document: string; createdAt: string }): Promise<void>
  get(id: string): Promise<EndorsementRecord | undefined>
  /** Endorsements `orgId` gave (`given`) or received (`received`, its achievements' included), newest first. */
  list(orgId: string, direction: 'given' | 'received', options: { limit: number; state?: EndorsementState }): Promise<EndorsementRecord[]>
  /** The active endorsements of any of `subjectIds`, newest first. */
  activeFor(subjectIds: readonly string[], limit: number): Promise<EndorsementRecord[]>
  /** Whether `orgId` already has an active endorsement of `subjectId`. */
  activeBy(orgId: string, subjectId: string): Promise<EndorsementRecord | undefined>
  /** Withdraws an active endorsement `orgId` gave; false when there is none. */
  withdraw(id: string, orgId: string, at: string): Promise<boolean>
}
