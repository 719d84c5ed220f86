import { PlatformError } from '../../core/errors.js'
import type { PlatformPorts } from '../platform/ports.js'
import type { AchievementRecord, AchievementState } from './ports.js'

type Deps = Pick<PlatformPorts, 'store'>

const STATES: readonly AchievementState[] = ['draft', 'published', 'archived']
/** Page sizes of achievement lists. */
export const LIST_LIMITS = Object.freeze({ default: 50, max: 200 })

/** The achievement, or ERR_NOT_FOUND (also for another organization's: existence is not revealed). */
export async function getAchievement({ store }: Deps, orgId: string, id: string): Promise<AchievementRecord> {
  const record = await store.repos.achievements.get(orgId, id)
  if (!record) throw new PlatformError('ERR_NOT_FOUND', `No achievement ${id} in this organization`)
  return record
}

/** A filter over an organization's achievements, as a query string gives it. */
export interface AchievementFilter {
  state?: string
  q?: string
  limit?: number
  cursor?: string
}

/** The organization's achievements, newest first, filtered by state and part of the name. ERR_INPUT_INVALID for a bad filter. */
export async function listAchievements({ store }: Deps, orgId: string, filter: AchievementFilter = {}) {
  const { state, q, limit = LIST_LIMITS.default, cursor } = filter
  if (state !== undefined && !STATES.includes(state as AchievementState))
    throw new PlatformError('ERR_INPUT_INVALID', `state: must be one of ${STATES.join(', ')}`)
  if (q !== undefined && [...q].length > 100) throw new PlatformError('ERR_INPUT_INVALID', 'q: must be at most 100 characters')
  if (!Number.isInteger(limit) || limit < 1 || limit > LIST_LIMITS.max)
    throw new PlatformError('ERR_INPUT_INVALID', `limit: must be a whole number from 1 to ${LIST_LIMITS.max}`)
  return store.repos.achievements.list(orgId, {
    state: state as AchievementState | undefined,
    nameContains: q?.trim() || undefined,
    limit,
    after: cursor || undefined,
  })
}
