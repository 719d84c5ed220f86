import { MAX_QUERY_LENGTH } from '../../core/skills/index.js'
import { PlatformError } from '../../core/errors.js'
import type { SkillRecord, SkillsRepo } from './ports.js'

/** The most results one search returns, and the default. */
export const SEARCH_LIMITS = Object.freeze({ max: 100, default: 20 })

/**
 * Skills matching `query` by preferred, alternative or hidden label, label prefixes first.
 * ERR_INPUT_INVALID for a query over 100 characters, a limit outside 1–100 or a malformed framework name.
 */
export async function searchSkills(
  { skills }: { skills: Pick<SkillsRepo, 'search'> },
  query: string,
  { framework, limit = SEARCH_LIMITS.default }: { framework?: string; limit?: number } = {},
): Promise<SkillRecord[]> {
  if ([...query].length > MAX_QUERY_LENGTH) throw new PlatformError('ERR_INPUT_INVALID', `q: must be at most ${MAX_QUERY_LENGTH} characters`)
  if (!Number.isInteger(limit) || limit < 1 || limit > SEARCH_LIMITS.max)
    throw new PlatformError('ERR_INPUT_INVALID', `limit: must be a whole number from 1 to ${SEARCH_LIMITS.max}`)
  if (framework !== undefined && !/^[a-z0-9][a-z0-9._-]{0,40}$/.test(framework))
    throw new PlatformError('ERR_INPUT_INVALID', 'framework: must be a framework name such as esco, onet or emblem-demo')
  return skills.search(query, { framework, limit })
}
