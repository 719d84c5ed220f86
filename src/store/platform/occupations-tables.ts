// The tables of migration 0017 (occupations, their skills, the hierarchies, career targets).
import type { Generated } from 'kysely'

export interface OccupationsTable {
  id: string
  framework: string
  code: string | null
  isco_group: string | null
  preferred_label: string
  /** Alternative labels, one per line. */
  alt_labels: Generated<string>
  description: Generated<string>
  search_text: string
}

export interface OccupationSkillsTable {
  occupation_id: string
  skill_id: string
  relation: 'essential' | 'optional'
  category: 'skill' | 'knowledge' | 'ability' | 'technology'
  importance: number | null
}

/** A hierarchy edge: `child_id` is narrower than `broader_id`. */
export interface BroaderTable {
  child_id: string
  broader_id: string
}

export interface FrameworkReleasesTable {
  framework: string
  version: string
  imported_at: string
}

export interface CareerTargetsTable {
  user_id: string
  occupation_id: string
  position: number
  created_at: string
}

/** The tables migration 0017 adds. */
export interface OccupationTables {
  occupations: OccupationsTable
  occupation_skills: OccupationSkillsTable
  skill_broader: BroaderTable
  occupation_broader: BroaderTable
  framework_releases: FrameworkReleasesTable
  career_targets: CareerTargetsTable
}
