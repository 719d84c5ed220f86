import type { EndorsementCredential, IdentifierEntry, Image, Profile } from './types.js'
import type { AchievementType, AlignmentTargetType, ResultType } from './vocabulary.js'

/** What it takes to earn an Achievement: a page (`id`) and/or a Markdown `narrative`. */
export interface Criteria {
  id?: string
  narrative?: string
}

/** A link from an Achievement or Result to a framework node, e.g. an ESCO skill or an EQF level. */
export interface Alignment {
  type: string[]
  targetName: string
  targetUrl: string
  targetCode?: string
  targetDescription?: string
  targetFramework?: string
  targetType?: AlignmentTargetType
}

/** Another Achievement this one relates to, e.g. another language version. */
export interface Related {
  id: string
  type: string[]
  inLanguage?: string
  version?: string
}

/** One level of a rubric criterion. */
export interface RubricCriterionLevel {
  id: string
  type: string[]
  name: string
  alignment?: Alignment[]
  description?: string
  level?: string
  points?: string
}

/** How a Result of an Achievement is expressed (a grade, a status, a rubric). */
export interface ResultDescription {
  id: string
  type: string[]
  name: string
  resultType: ResultType
  alignment?: Alignment[]
  allowedValue?: string[]
  requiredLevel?: string
  requiredValue?: string
  rubricCriterionLevel?: RubricCriterionLevel[]
  valueMax?: string
  valueMin?: string
}

/** The definition of what was achieved (OB 2.0's BadgeClass), embedded in every credential. */
export interface Achievement {
  id: string
  type: string[]
  name: string
  description: string
  criteria: Criteria
  achievementType?: AchievementType
  alignment?: Alignment[]
  creator?: Profile
  creditsAvailable?: number
  endorsement?: EndorsementCredential[]
  endorsementJwt?: string[]
  fieldOfStudy?: string
  humanCode?: string
  image?: Image
  inLanguage?: string
  otherIdentifier?: IdentifierEntry[]
  related?: Related[]
  resultDescription?: ResultDescription[]
  specialization?: string
  tag?: string[]
  version?: string
}
