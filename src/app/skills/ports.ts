/** The skills repository: filled in by the skills use cases. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface SkillsRepo {}
