import type { BroaderEntry, OccupationEntry, OccupationSkillEntry, RequirementCategory, SkillRelation } from '../../core/occupations/index.js'

/** A stored occupation as pages and the API show it (the search text stays inside). */
export type OccupationRecord = Omit<OccupationEntry, 'searchText'>

/** One requirement of an occupation with its skill's label (the URI itself when the skill is not stored). */
export interface OccupationSkillRecord {
  skillId: string
  label: string
  description: string
  framework: string | null
  relation: SkillRelation
  category: RequirementCategory
  importance: number | null
}

/** An occupation that asks for some of the given skills, and which. */
export interface OccupationMatch {
  occupation: OccupationRecord
  /** The given skills it asks for, with how strongly. */
  skills: { skillId: string; relation: SkillRelation }[]
  /** How many skills it asks for in all, and how many of them are essential. */
  total: number
  essential: number
}

/** How many learners' target occupations ask for a skill (demand signals). */
export interface SkillDemandRow {
  skillId: string
  label: string
  /** Distinct learners whose targets ask for it as essential or optional. */
  learners: number
  /** Distinct learners whose targets ask for it as essential. */
  essentialLearners: number
  /** Distinct targeted occupations asking for it. */
  occupations: number
}

/** Occupations, what they ask for, the hierarchies, and the framework releases imported. */
export interface OccupationsRepo {
  upsert(entries: readonly OccupationEntry[]): Promise<void>
  upsertSkills(entries: readonly OccupationSkillEntry[]): Promise<void>
  upsertSkillBroader(entries: readonly BroaderEntry[]): Promise<void>
  upsertOccupationBroader(entries: readonly BroaderEntry[]): Promise<void>
  /** Which of these ids are stored occupations or ISCO groups. */
  existing(ids: readonly string[]): Promise<Set<string>>
  /** Occupations (never ISCO groups) whose labels contain `query`, label prefixes first; an empty query lists by label. */
  search(query: string, options: { framework?: string | undefined; limit: number }): Promise<OccupationRecord[]>
  get(id: string): Promise<OccupationRecord | undefined>
  getMany(ids: readonly string[]): Promise<OccupationRecord[]>
  /** What the occupation asks for: essential first, then by importance and label. */
  skillsOf(id: string): Promise<OccupationSkillRecord[]>
  /** The broader concepts of each of `ids` (one step up the skill hierarchy). */
  skillBroaderOf(ids: readonly string[]): Promise<BroaderEntry[]>
  /** Every concept above each of `ids` in the skill hierarchy (at most `depth` steps), with the fewest steps it takes. */
  skillAncestors(ids: readonly string[], depth?: number): Promise<{ heldId: string; ancestorId: string; depth: number }[]>
  /** The occupation's broader occupations and ISCO groups, nearest first (up to `depth` steps). */
  occupationAncestors(id: string, depth?: number): Promise<OccupationRecord[]>
  /** Occupations asking for any of `skillIds`, those asking for the most first (at most `limit`). */
  occupationsForSkills(skillIds: readonly string[], limit: number): Promise<OccupationMatch[]>
  /** How many occupations are stored, per framework (ISCO groups as `isco`). */
  countByFramework(): Promise<Record<string, number>>
  /** Records the release of a framework imported now. */
  setRelease(framework: string, version: string, at: string): Promise<void>
  releases(): Promise<{ framework: string; version: string; importedAt: string }[]>
}

/** The occupations a learner plans toward. Every read and write is scoped to the user. */
export interface CareerTargetsRepo {
  /** The user's targets, current first. */
  list(userId: string): Promise<string[]>
  /** Replaces the user's targets with these, in order. */
  replace(userId: string, occupationIds: readonly string[], at: string): Promise<void>
  /** How many distinct learners have any target. */
  learnerCount(): Promise<number>
  /** Per skill, how many learners' targets ask for it (most first, at most `limit`); only skills asked by ≥ `minLearners`. */
  demand(options: { minLearners: number; limit: number }): Promise<SkillDemandRow[]>
}
