/** The achievements repository: filled in by the achievements use cases. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface AchievementsRepo {}
