import { PlatformError } from '../../core/errors.js'
import { DEMO_OCCUPATIONS } from '../../core/occupations/index.js'
import { MAX_QUERY_LENGTH } from '../../core/skills/index.js'
import { seedDemoCareer } from '../demo/demo-career.js'
import type { PlatformPorts } from '../platform/ports.js'
import { seedDemoSkills } from '../skills/seed-demo-skills.js'
import { importOccupations, type OccupationImportResult, type OccupationSources } from './import-occupations.js'
import type { OccupationRecord, OccupationSkillRecord } from './ports.js'

/** An occupation with what it asks for and where it sits. */
export interface OccupationDetail {
  occupation: OccupationRecord
  skills: OccupationSkillRecord[]
  /** Broader occupations and ISCO groups, nearest first. */
  broader: OccupationRecord[]
  /** The release of its framework that was imported, if recorded. */
  release: string | null
}

export const OCCUPATION_SEARCH_LIMITS = Object.freeze({ max: 100, default: 20 })

/** Occupations: search, detail, import, the demo set. */
export interface OccupationsUseCases {
  /** Occupations whose preferred or alternative labels contain `query`. ERR_INPUT_INVALID for a bad query, limit or framework. */
  search(query: string, options?: { framework?: string | undefined; limit?: number | undefined }): Promise<OccupationRecord[]>
  /** ERR_NOT_FOUND when there is no such occupation. */
  get(uri: string): Promise<OccupationDetail>
  import(sources: OccupationSources, options?: { batchSize?: number; onProgress?: (stage: string, rows: number) => void }): Promise<OccupationImportResult>
  countByFramework(): Promise<Record<string, number>>
  /** The demo skills and occupations (when no framework's occupations are imported they are what the planner offers). Returns how many occupations. */
  seedDemo(): Promise<number>
}

/** Checks a search's query, limit and framework (ERR_INPUT_INVALID). */
export function checkSearch(query: string, limit: number, framework: string | undefined): void {
  if ([...query].length > MAX_QUERY_LENGTH) throw new PlatformError('ERR_INPUT_INVALID', `q: must be at most ${MAX_QUERY_LENGTH} characters`)
  if (!Number.isInteger(limit) || limit < 1 || limit > OCCUPATION_SEARCH_LIMITS.max) throw new PlatformError('ERR_INPUT_INVALID', `limit: must be a whole number from 1 to ${OCCUPATION_SEARCH_LIMITS.max}`)
  if (framework !== undefined && !/^[a-z0-9][a-z0-9._-]{0,40}$/.test(framework)) throw new PlatformError('ERR_INPUT_INVALID', 'framework: must be a framework name such as esco, onet or emblem-demo')
}

/** The occupations use cases bound to `ports`. */
export function occupationsUseCases({ store, clock }: Pick<PlatformPorts, 'store' | 'clock'>): OccupationsUseCases {
  const repo = store.repos.occupations
  return {
    async search(query, { framework, limit = OCCUPATION_SEARCH_LIMITS.default } = {}) {
      checkSearch(query, limit, framework)
      return repo.search(query, { framework, limit })
    },
    async get(uri) {
      if (uri.length === 0 || uri.length > 2000) throw new PlatformError('ERR_INPUT_INVALID', 'occupation: must be an occupation URI')
      const occupation = await repo.get(uri)
      if (!occupation || occupation.framework === 'isco') throw new PlatformError('ERR_NOT_FOUND', `No occupation ${uri.slice(0, 200)}`)
      const [skills, broader, releases] = await Promise.all([repo.skillsOf(uri), repo.occupationAncestors(uri), repo.releases()])
      return { occupation, skills, broader, release: releases.find((r) => r.framework === occupation.framework)?.version ?? null }
    },
    import: (sources, options) => importOccupations({ store, clock }, sources, options),
    countByFramework: () => repo.countByFramework(),
    async seedDemo() {
      await seedDemoSkills(store.repos.skills)
      await seedDemoCareer({ store, clock })
      return DEMO_OCCUPATIONS.length
    },
  }
}
