// The tables of pathways (migration 0021_pathways, pathways-migration.ts).

export interface PathwaysTable {
  id: string
  org_id: string
  /** The target: the organization's achievement the pathway awards. */
  achievement_id: string
  title: string
  summary: string
  /** `all`: every part; `some`: `required` of them. */
  rule: 'all' | 'some'
  required: number
  /** 1: the parts count only when earned in the listed order (by issuance date). */
  ordered: number
  /** The counted parts were all issued within this many days (null: any time). */
  window_days: number | null
  created_at: string
  updated_at: string
}

export interface PathwayPartsTable {
  pathway_id: string
  position: number
  /** The part's achievement id (URI) as credentials name it. */
  achievement_url: string
  name: string
}

export interface PathwayProgressTable {
  pathway_id: string
  user_id: string
  /** How many parts the learner held when last evaluated. */
  held: number
  award_state: 'none' | 'issuing' | 'awarded'
  credential_id: string | null
  updated_at: string
}

export interface PathwayTables {
  pathways: PathwaysTable
  pathway_parts: PathwayPartsTable
  pathway_progress: PathwayProgressTable
}
