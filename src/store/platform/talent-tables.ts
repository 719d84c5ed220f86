import type { Generated } from 'kysely'

// The talent search's tables (migration 0016, talent-migration.ts).

export interface TalentOptinsTable {
  user_id: string
  location: string
  country: string | null
  opted_in_at: string
}

/** One way to name one skill of one wallet credential: `uri:…`, `code:<framework>|<code>` or `label:<normalized>`. */
export interface TalentSkillsTable {
  item_id: string
  skill_key: string
  user_id: string
  label: string
  issuer_id: string | null
  /** Lower-cased. */
  issuer_name: string
  eqf_level: number | null
  issued_at: string | null
  /** 1 when the search may show it: kept in step with its causes (migration 0025, refreshTalentVisibility). */
  visible: Generated<number>
  /** The credential's expiry (copied). */
  expires_at: string | null
  /** The learner's opt-in country and location (lower-cased), copied. */
  country: string | null
  location: Generated<string>
}

export interface TalentSavedSearchesTable {
  id: string
  org_id: string
  name: string
  /** JSON of the search's input. */
  query: string
  created_by: string | null
  created_at: string
}

export interface TalentViewsTable {
  user_id: string
  org_id: string
  viewed_at: string
}

export interface TalentMessagesTable {
  id: string
  org_id: string
  user_id: string
  sender: 'employer' | 'learner'
  sender_user_id: string | null
  body: string
  created_at: string
  read_at: string | null
}

export interface TalentBlocksTable {
  user_id: string
  org_id: string
  created_at: string
}

export interface TalentTables {
  talent_optins: TalentOptinsTable
  talent_skills: TalentSkillsTable
  talent_saved_searches: TalentSavedSearchesTable
  talent_views: TalentViewsTable
  talent_messages: TalentMessagesTable
  talent_blocks: TalentBlocksTable
}
