import { PlatformError } from '../../core/errors.js'
import type { AchievementDefinition, DefinitionIssue } from './definition.js'
import { formatIssues } from './definition.js'
import { definitionOf } from './ob-achievement.js'
import type { AchievementRecord } from './ports.js'

/** What a definition lacks before credentials can be issued from it (OB 3.0 requires name, description and criteria). */
export function completenessIssues(definition: Pick<AchievementDefinition, 'name' | 'description' | 'criteria'>): DefinitionIssue[] {
  const issues: DefinitionIssue[] = []
  if (!definition.name?.trim()) issues.push({ path: 'name', code: 'required', message: 'is required to publish' })
  if (!definition.description?.trim()) issues.push({ path: 'description', code: 'required', message: 'is required to publish' })
  if (!definition.criteria?.narrative?.trim() && !definition.criteria?.id)
    issues.push({ path: 'criteria.narrative', code: 'required', message: 'is required to publish (or give criteria.id, a page describing the criteria)' })
  return issues
}

/**
 * Throws unless credentials may be issued from `record`: it must be published (not a draft, not
 * archived) and complete. ERR_STATE_INVALID otherwise, saying what to do.
 */
export function assertIssuable(record: AchievementRecord): void {
  if (record.state === 'draft')
    throw new PlatformError('ERR_STATE_INVALID', `Achievement "${record.name}" is a draft; publish it before issuing credentials`)
  if (record.state === 'archived')
    throw new PlatformError('ERR_STATE_INVALID', `Achievement "${record.name}" is archived; unarchive it to issue credentials again`)
  const issues = completenessIssues(definitionOf(record))
  if (issues.length > 0) throw new PlatformError('ERR_STATE_INVALID', `Achievement "${record.name}" is incomplete: ${formatIssues(issues)}`)
}
