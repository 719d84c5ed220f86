import type { SkillEntry } from '../../core/skills/index.js'

/** A stored skill as search returns it (hidden labels stay in the search text, never shown). */
export type SkillRecord = Omit<SkillEntry, 'searchText'>

/** What a skills search is narrowed to. */
export interface SkillSearch {
  /** Only this framework (`esco`, `onet`, `emblem-demo`, …). */
  framework?: string
  /** 1–100. */
  limit: number
}

/** The skills repository. */
export interface SkillsRepo {
  /** Inserts the entries, or replaces the stored ones with the same id (imports are idempotent). */
  upsert(entries: readonly SkillEntry[]): Promise<void>
  /**
   * Skills whose preferred, alternative or hidden labels contain `query` (case-insensitive), those
   * with a label starting with it first, then by shorter preferred label. An empty query lists skills by label.
   */
  search(query: string, options: SkillSearch): Promise<SkillRecord[]>
  /** The skills with these ids (URIs) that are stored, in no particular order. */
  getMany(ids: readonly string[]): Promise<SkillRecord[]>
  /** How many skills are stored, per framework. */
  countByFramework(): Promise<Record<string, number>>
}
