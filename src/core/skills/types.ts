/** A skill, competence or knowledge area of a framework, ready to store; `id` is its URI. */
export interface SkillEntry {
  id: string
  /** `esco`, `onet`, `emblem-demo`, … */
  framework: string
  /** The framework's code for it (ESCO: the URI's UUID; O*NET: the Element ID), or null. */
  code: string | null
  /** `skill` or `knowledge`. */
  kind: 'skill' | 'knowledge'
  preferredLabel: string
  /** Displayable synonyms. */
  altLabels: string[]
  description: string
  /** Lower-cased labels one per line (preferred, alternative, hidden): what search matches. */
  searchText: string
}
