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

/** An achievement's lifecycle state. */
export type AchievementState = AchievementRecord['state']

/** What a list of achievements is narrowed to: a state, and a case-insensitive part of the name. */
export interface AchievementQuery {
  state?: AchievementState
  nameContains?: string
  /** 1–200. */
  limit: number
  /** The `nextCursor` of the previous page. */
  after?: string
}

/** The achievements repository. */
export interface AchievementsRepo {
  /** The achievement with this id in this organization, or undefined (never another organization's). */
  get(orgId: string, id: string): Promise<AchievementRecord | undefined>
  /** Stores a new achievement at version 1, stamped now. */
  insert(record: Pick<AchievementRecord, 'id' | 'orgId' | 'state' | 'name' | 'definition' | 'imageId'>): Promise<AchievementRecord>
  /**
   * Replaces name, definition and image and bumps the version, only while the stored version is
   * `expectedVersion`. Undefined when it is not (another edit came first) or the achievement is gone.
   */
  update(
    orgId: string,
    id: string,
    expectedVersion: number,
    changes: Pick<AchievementRecord, 'name' | 'definition' | 'imageId'>,
  ): Promise<AchievementRecord | undefined>
  /** Sets the state (the version stays: the content did not change). Undefined when not found. */
  setState(orgId: string, id: string, state: AchievementState): Promise<AchievementRecord | undefined>
  /** The organization's achievements, newest first, a page at a time. */
  list(orgId: string, query: AchievementQuery): Promise<{ items: AchievementRecord[]; nextCursor?: string }>
}
