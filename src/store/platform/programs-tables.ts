// The tables of learning programs (migration 0018_programs, programs-migration.ts).

export interface ProgramsTable {
  id: string
  org_id: string
  achievement_id: string
  title: string
  summary: string
  format: 'online' | 'onsite' | 'blended'
  hours: number
  duration_weeks: number | null
  self_paced: number
  starts_on: string | null
  ends_on: string | null
  price_cents: number
  currency: string
  language: string
  prerequisites: string
  seats: number | null
  enrolment_mode: 'open' | 'approval'
  final_signoff: number
  state: 'draft' | 'published' | 'archived'
  /** Lower-cased title, summary and the achievement's name: what `q` matches. */
  search_text: string
  created_at: string
  updated_at: string
}

export interface ProgramSkillsTable {
  program_id: string
  skill_uri: string
}

export interface ProgramRequirementsTable {
  id: string
  program_id: string
  position: number
  kind: 'evidence' | 'score' | 'review' | 'attendance' | 'credential'
  title: string
  /** JSON of the kind's settings (threshold, accepted evidence, achievement, rubric). */
  config: string
}

export interface EnrolmentsTable {
  id: string
  program_id: string
  org_id: string
  user_id: string
  state: 'requested' | 'active' | 'declined' | 'completed'
  award_state: 'none' | 'issuing' | 'awarded'
  credential_id: string | null
  signed_off_by: string | null
  created_at: string
  updated_at: string
}

export interface RequirementProgressTable {
  enrolment_id: string
  requirement_id: string
  org_id: string
  status: 'pending' | 'submitted' | 'changes' | 'rejected' | 'met'
  /** JSON: { text?, url?, fileId?, fileName? }. */
  submission: string | null
  score: number | null
  feedback: string
  /** JSON: [{ criterion, level }]. */
  rubric: string | null
  /** The EU element "supervision and identity verification": how this assessment was supervised. */
  supervision: string | null
  reviewer_id: string | null
  assignee_id: string | null
  due_at: string | null
  submitted_at: string | null
  updated_at: string
}

export interface EvidenceFilesTable {
  id: string
  enrolment_id: string
  name: string
  media_type: string
  sha256: string
  bytes: Uint8Array
  created_at: string
}

export interface ProgramTables {
  programs: ProgramsTable
  program_skills: ProgramSkillsTable
  program_requirements: ProgramRequirementsTable
  enrolments: EnrolmentsTable
  requirement_progress: RequirementProgressTable
  evidence_files: EvidenceFilesTable
}
