// What pathways read and write (implemented by src/store/platform/pathways.ts): pathways with their
// parts, and each learner's standing on a pathway (held parts, the award).

export type PathwayRule = 'all' | 'some'

export interface PathwayPart {
  position: number
  /** The achievement's id (URI) as its credentials name it. */
  achievementUrl: string
  name: string
}

/** A pathway's fields as its editor sets them. */
export interface PathwayFields {
  /** The target: the organization's achievement the pathway awards. */
  achievementId: string
  title: string
  summary: string
  rule: PathwayRule
  /** How many parts it takes (the number of parts for `all`). */
  required: number
  /** Whether the parts count only when earned in the listed order, by issuance date. */
  ordered: boolean
  /** The counted parts were all issued within this many days (null: any time). */
  windowDays: number | null
}

export interface PathwayRecord extends PathwayFields {
  id: string
  orgId: string
  orgSlug: string
  orgName: string
  achievementName: string
  achievementState: 'draft' | 'published' | 'archived'
  parts: PathwayPart[]
  createdAt: string
  updatedAt: string
}

/** A learner's standing on a pathway with who they are (the organization's records page). */
export interface PathwayLearner extends PathwayStanding {
  userName: string
  userEmail: string
}

export interface PathwayStanding {
  pathwayId: string
  userId: string
  held: number
  awardState: 'none' | 'issuing' | 'awarded'
  credentialId: string | null
  updatedAt: string
}

/** An achievement of this instance that a part URL names. */
export interface LocalAchievement {
  orgSlug: string
  orgName: string
  id: string
  name: string
  state: 'draft' | 'published' | 'archived'
  imageId: string | null
}

export interface PathwaysRepo {
  insert(p: PathwayFields & { id: string; orgId: string; createdAt: string }, parts: readonly PathwayPart[]): Promise<void>
  /** Replaces the fields and parts; false when the organization has no such pathway. */
  update(orgId: string, id: string, p: PathwayFields & { updatedAt: string }, parts: readonly PathwayPart[]): Promise<boolean>
  delete(orgId: string, id: string): Promise<boolean>
  /** The pathway (of `orgId` when given), or undefined. */
  get(id: string, orgId?: string): Promise<PathwayRecord | undefined>
  listOfOrg(orgId: string): Promise<PathwayRecord[]>
  /** Pathways with a part among `achievementUrls`, or whose target is among `targets` ({orgId, achievementId}). */
  withParts(achievementUrls: readonly string[]): Promise<PathwayRecord[]>
  /** Pathways whose target is one of these achievements of this instance. */
  leadingTo(achievementIds: readonly string[]): Promise<PathwayRecord[]>
  /** How many learners hold each number of parts, per pathway of the organization. */
  stepCounts(orgId: string): Promise<{ pathwayId: string; held: number; learners: number }[]>
  /** The learner's standing on these pathways. */
  standings(userId: string): Promise<PathwayStanding[]>
  /** Every learner with a standing on the pathway, awarded first, then by name. */
  learners(pathwayId: string): Promise<PathwayLearner[]>
  /** Records how many parts the learner holds (inserted at award 'none' the first time). */
  recordHeld(pathwayId: string, userId: string, held: number, at: string): Promise<void>
  /** Claims the award (none → issuing); false when another caller claimed it or it was awarded. */
  claimAward(pathwayId: string, userId: string, at: string): Promise<boolean>
  /** Records the issued credential (issuing → awarded). */
  finishAward(pathwayId: string, userId: string, credentialId: string, at: string): Promise<void>
  /** Gives the claim back after a failed issue (issuing → none). */
  releaseAward(pathwayId: string, userId: string, at: string): Promise<void>
  /** The achievement of this instance with this organization slug and id, or undefined. */
  localAchievement(orgSlug: string, achievementId: string): Promise<LocalAchievement | undefined>
  /** Published programs leading to these achievements of this instance ({ programId, title, achievementId }). */
  programsLeadingTo(achievementIds: readonly string[]): Promise<{ programId: string; title: string; achievementId: string; orgSlug: string }[]>
}
