import type { SkillEntry } from '../../core/skills/index.js'
import type { PlatformPorts } from '../platform/ports.js'
import { importSkills } from './import-skills.js'
import type { SkillRecord } from './ports.js'
import { searchSkills } from './search-skills.js'
import { seedDemoSkills } from './seed-demo-skills.js'

/** The skills the achievement editor aligns to (ESCO, O*NET, Emblem's demo set). */
export interface SkillsUseCases {
  /** Skills whose labels contain `query`, best matches first. ERR_INPUT_INVALID for a bad query, limit or framework. */
  search(query: string, options?: { framework?: string | undefined; limit?: number | undefined }): Promise<SkillRecord[]>
  /** The stored skills with these ids (URIs). */
  byIds(ids: readonly string[]): Promise<SkillRecord[]>
  /** Imports (upserts) skills a transaction per `batchSize`; returns how many entries were read. */
  import(entries: AsyncIterable<SkillEntry> | Iterable<SkillEntry>, options?: { batchSize?: number }): Promise<{ imported: number }>
  /** How many skills are stored, per framework. */
  countByFramework(): Promise<Record<string, number>>
  /** Stores Emblem's built-in demo skills; returns how many. */
  seedDemo(): Promise<number>
}

/** The skills use cases bound to `ports`. */
export function skillsUseCases({ store }: Pick<PlatformPorts, 'store'>): SkillsUseCases {
  return {
    search: (query, { framework, limit } = {}) => searchSkills(store.repos, query, { ...(framework ? { framework } : {}), ...(limit === undefined ? {} : { limit }) }),
    byIds: (ids) => store.repos.skills.getMany(ids),
    import: (entries, options) => importSkills({ store }, entries, options),
    countByFramework: () => store.repos.skills.countByFramework(),
    seedDemo: () => seedDemoSkills(store.repos.skills),
  }
}
