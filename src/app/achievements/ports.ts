/** A micro-credential definition as stored. `definition` is the validated JSON of the editor (see definition.ts). */
export interface AchievementRecord {
  id: string
  orgId: string
  state: 'draft' | 'published' | 'archived'
  name: string
  definition: Record<string, unknown>
  imageId: string | null
  /** Bumped on every edit; an issued credential records the version it embeds. */
  version: number
  createdAt: string
  updatedAt: string
}

/** The achievements repository. */
export interface AchievementsRepo {
  /** The achievement with this id in this organization, or undefined (never another organization's). */
  get(orgId: string, id: string): Promise<AchievementRecord | undefined>
}
