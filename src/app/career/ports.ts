// The career planner's ports. Programs come from the catalog (issue #12 item 2), built elsewhere:
// until it is wired in, the default port knows no programs and the planner lists none.

/** A catalog program that teaches some of the given skills. `price` 0 is free; null is not stated. */
export interface ProgramOffer {
  id: string
  title: string
  /** The skill URIs it teaches (of those asked about). */
  covers: string[]
  /** Workload in hours, or null when not stated. */
  hours: number | null
  price: number | null
  /** ISO 4217 code of `price`, when there is one. */
  currency?: string
  /** Its public page, when there is one. */
  url?: string
}

/** Published programs that teach any of `skillUris` (the gap the planner asks about). */
export type ProgramsForSkills = (skillUris: string[]) => Promise<ProgramOffer[]>

/** The default: no catalog, no programs. */
export const noPrograms: ProgramsForSkills = async () => []
