import { PlatformError } from '../../core/errors.js'
import type { PlatformPorts } from '../platform/ports.js'
import { formatIssues, type DefinitionIssue } from './definition.js'
import { DefinitionError } from './edit-achievement.js'
import { completenessIssues } from './issuable.js'
import { definitionOf } from './ob-achievement.js'
import type { AchievementRecord, AchievementState, AchievementsRepo } from './ports.js'

type Deps = Pick<PlatformPorts, 'store'>

/** The issue publishing an image-less achievement reports. */
export const IMAGE_REQUIRED = { path: 'imageId', code: 'required', message: 'is required to publish: design or upload a badge image first' } as const satisfies DefinitionIssue

/**
 * Publishes a draft so credentials can be issued from it. Needs name, description, criteria and a
 * badge image (ERR_STATE_INVALID, a DefinitionError naming each missing field: a credential
 * without its badge looks broken in every wallet); an archived achievement must be unarchived first
 * (ERR_STATE_INVALID). Publishing a published one changes nothing.
 */
export async function publishAchievement({ store }: Deps, orgId: string, id: string): Promise<AchievementRecord> {
  return store.transaction(async (tx) => {
    const current = await found(tx.repos.achievements, orgId, id)
    if (current.state === 'published') return current
    if (current.state === 'archived') throw new PlatformError('ERR_STATE_INVALID', `Achievement "${current.name}" is archived; unarchive it before publishing`)
    const missing = completenessIssues(definitionOf(current))
    if (!current.imageId) missing.push(IMAGE_REQUIRED)
    if (missing.length > 0)
      throw new DefinitionError(missing, { code: 'ERR_STATE_INVALID', message: `Achievement "${current.name}" cannot be published yet: ${formatIssues(missing)}` })
    return set(tx.repos.achievements, current, 'published')
  })
}

/** Archives an achievement: no new credentials from it, issued ones stay valid. Archiving twice changes nothing. */
export async function archiveAchievement({ store }: Deps, orgId: string, id: string): Promise<AchievementRecord> {
  return store.transaction(async (tx) => {
    const current = await found(tx.repos.achievements, orgId, id)
    return current.state === 'archived' ? current : set(tx.repos.achievements, current, 'archived')
  })
}

/** Brings an archived achievement back as a draft, to edit and publish again. Others are left as they are. */
export async function unarchiveAchievement({ store }: Deps, orgId: string, id: string): Promise<AchievementRecord> {
  return store.transaction(async (tx) => {
    const current = await found(tx.repos.achievements, orgId, id)
    return current.state === 'archived' ? set(tx.repos.achievements, current, 'draft') : current
  })
}

async function found(repo: AchievementsRepo, orgId: string, id: string): Promise<AchievementRecord> {
  const record = await repo.get(orgId, id)
  if (!record) throw new PlatformError('ERR_NOT_FOUND', `No achievement ${id} in this organization`)
  return record
}

async function set(repo: AchievementsRepo, current: AchievementRecord, state: AchievementState): Promise<AchievementRecord> {
  return (await repo.setState(current.orgId, current.id, state)) ?? current
}
