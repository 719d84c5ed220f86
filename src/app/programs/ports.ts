// What programs read and write (implemented by src/store/platform/programs.ts): programs with their
// skills and requirements, enrolments, per-requirement progress and evidence files.

export type ProgramFormat = 'online' | 'onsite' | 'blended'
export type EnrolmentMode = 'open' | 'approval'
export type ProgramState = 'draft' | 'published' | 'archived'
export type RequirementKind = 'evidence' | 'score' | 'review' | 'attendance' | 'credential'
export type EnrolmentState = 'requested' | 'active' | 'declined' | 'completed'
export type ProgressStatus = 'pending' | 'submitted' | 'changes' | 'rejected' | 'met'

/** A requirement's settings, by kind. */
export interface RequirementConfig {
  /** score: the least score that meets it (0–100). */
  threshold?: number
  /** credential: the achievement's id (URL) the learner must hold, verified, from a trusted issuer. */
  achievementUrl?: string
  /** review: the rubric's criteria (optional). */
  rubric?: string[]
}

export interface RequirementRecord {
  id: string
  position: number
  kind: RequirementKind
  title: string
  config: RequirementConfig
}

/** A program's fields as its editor sets them. */
export interface ProgramFields {
  achievementId: string
  title: string
  summary: string
  format: ProgramFormat
  hours: number
  durationWeeks: number | null
  selfPaced: boolean
  startsOn: string | null
  endsOn: string | null
  priceCents: number
  currency: string
  language: string
  prerequisites: string
  seats: number | null
  enrolmentMode: EnrolmentMode
  finalSignoff: boolean
}

export interface ProgramRecord extends ProgramFields {
  id: string
  orgId: string
  orgSlug: string
  orgName: string
  achievementName: string
  state: ProgramState
  skills: string[]
  requirements: RequirementRecord[]
  createdAt: string
  updatedAt: string
}

/** What the catalog is narrowed to. */
export interface CatalogFilter {
  q?: string | undefined
  /** Skill URIs: a program matches when it covers any of them. */
  skills?: readonly string[] | undefined
  format?: ProgramFormat | undefined
  language?: string | undefined
  maxHours?: number | undefined
  free?: boolean | undefined
  limit: number
  offset: number
}

export interface EnrolmentRecord {
  id: string
  programId: string
  orgId: string
  userId: string
  userName: string
  userEmail: string
  state: EnrolmentState
  awardState: 'none' | 'issuing' | 'awarded'
  credentialId: string | null
  signedOffBy: string | null
  createdAt: string
  updatedAt: string
}

export interface Submission {
  text?: string
  url?: string
  fileId?: string
  fileName?: string
}

export interface ProgressRecord {
  enrolmentId: string
  requirementId: string
  status: ProgressStatus
  submission: Submission | null
  score: number | null
  feedback: string
  rubric: { criterion: string; level: string }[] | null
  supervision: string | null
  reviewerId: string | null
  assigneeId: string | null
  dueAt: string | null
  submittedAt: string | null
  updatedAt: string
}

/** One row of an organization's review queue. */
export interface ReviewItem extends ProgressRecord {
  programId: string
  programTitle: string
  requirementTitle: string
  learnerName: string
  learnerEmail: string
  assigneeName: string | null
}

export interface ReviewFilter {
  status?: ProgressStatus | undefined
  programId?: string | undefined
  assigneeId?: string | undefined
  limit: number
}

export interface ProgramsRepo {
  insert(p: ProgramFields & { id: string; orgId: string; state: ProgramState; searchText: string; createdAt: string }, skills: readonly string[], requirements: readonly RequirementRecord[]): Promise<void>
  /** Replaces the fields, skills and requirements (requirements of a program with enrolments are kept by id; new ones added). */
  update(orgId: string, id: string, p: ProgramFields & { searchText: string; updatedAt: string }, skills: readonly string[], requirements: readonly RequirementRecord[]): Promise<boolean>
  setState(orgId: string, id: string, state: ProgramState, at: string): Promise<boolean>
  /** The program (of `orgId` when given), or undefined. */
  get(id: string, orgId?: string): Promise<ProgramRecord | undefined>
  listOfOrg(orgId: string): Promise<(ProgramRecord & { enrolled: number })[]>
  /** Published programs matching the filter, by title, with the total count. */
  catalog(filter: CatalogFilter): Promise<{ items: ProgramRecord[]; total: number }>
  /** Published programs covering any of the skills, with the skills each covers. */
  coveringSkills(skillUris: readonly string[]): Promise<{ program: ProgramRecord; covers: string[] }[]>
  /** The skill URIs an occupation asks for (`occupation_skills`), or undefined for an occupation this instance does not know. */
  occupationSkills(occupationUri: string): Promise<string[] | undefined>
  /** Active and completed enrolments (what counts against the seats). */
  seatsTaken(programId: string): Promise<number>
  /** PostgreSQL: locks the program's row until the transaction ends, so seat counts and enrolments serialize (SQLite transactions already do). */
  lockSeats(programId: string): Promise<void>

  insertEnrolment(e: { id: string; programId: string; orgId: string; userId: string; state: EnrolmentState; at: string }, requirementIds: readonly string[]): Promise<'inserted' | 'exists'>
  enrolment(id: string): Promise<EnrolmentRecord | undefined>
  enrolmentOf(programId: string, userId: string): Promise<EnrolmentRecord | undefined>
  enrolmentsOfUser(userId: string): Promise<EnrolmentRecord[]>
  enrolmentsOfProgram(programId: string): Promise<EnrolmentRecord[]>
  /** Moves the enrolment from one of `from` to `to`; false when it was in another state. */
  setEnrolmentState(id: string, from: readonly EnrolmentState[], to: EnrolmentState, at: string): Promise<boolean>
  signOff(id: string, userId: string, at: string): Promise<boolean>

  progress(enrolmentId: string): Promise<ProgressRecord[]>
  /** Updates one requirement's progress when its status is one of `from`; false otherwise. */
  updateProgress(enrolmentId: string, requirementId: string, from: readonly ProgressStatus[], patch: Partial<Omit<ProgressRecord, 'enrolmentId' | 'requirementId'>> & { updatedAt: string }): Promise<boolean>
  reviewQueue(orgId: string, filter: ReviewFilter): Promise<ReviewItem[]>

  /** Claims the award of an enrolment (none → issuing); false when another caller claimed it. */
  claimAward(enrolmentId: string, at: string): Promise<boolean>
  /** Records the issued credential (issuing → awarded) and completes the enrolment; false when it was not issuing. */
  finishAward(enrolmentId: string, credentialId: string, at: string): Promise<boolean>
  /** Gives the claim back after a failed issue (issuing → none). */
  releaseAward(enrolmentId: string, at: string): Promise<void>

  insertFile(f: { id: string; enrolmentId: string; name: string; mediaType: string; sha256: string; bytes: Uint8Array; createdAt: string }): Promise<void>
  file(id: string): Promise<{ id: string; enrolmentId: string; name: string; mediaType: string; bytes: Uint8Array } | undefined>
}
