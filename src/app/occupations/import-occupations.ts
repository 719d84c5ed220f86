import type { BroaderEntry, OccupationEntry, OccupationSkillEntry } from '../../core/occupations/index.js'
import type { SkillEntry } from '../../core/skills/index.js'
import type { PlatformStore } from '../platform/ports.js'

/** What one framework release brings, each read as a stream (a function, so a file is opened only when its turn comes). */
export interface OccupationSources {
  /** `esco` or `onet` (the release is recorded under it). */
  framework: string
  /** The release, e.g. `ESCO v1.1.1`. */
  version: string
  /** Skills the requirements point to that the skills import does not bring (O*NET abilities, technologies). */
  skills?: () => AsyncIterable<SkillEntry> | Iterable<SkillEntry>
  /** ISCO groups and occupations (groups first, so relations to them resolve). */
  occupations: (() => AsyncIterable<OccupationEntry> | Iterable<OccupationEntry>)[]
  requirements?: (() => AsyncIterable<OccupationSkillEntry> | Iterable<OccupationSkillEntry>)[]
  skillBroader?: () => AsyncIterable<BroaderEntry> | Iterable<BroaderEntry>
  occupationBroader?: () => AsyncIterable<BroaderEntry> | Iterable<BroaderEntry>
}

/** What an import stored. */
export interface OccupationImportResult {
  occupations: number
  requirements: number
  /** Requirements skipped because their occupation is not stored (ESCO v1.1.1 has 67). */
  skipped: number
  skillBroader: number
  occupationBroader: number
  version: string
}

/** Rows one transaction writes. */
export const OCCUPATION_BATCH_SIZE = 2000

/**
 * Imports a release's occupations, requirements and hierarchies as they stream in, a transaction per
 * `batchSize` rows: memory stays bounded by one batch and the occupation ids. Idempotent (upserts);
 * requirements of an occupation that is neither in this release nor stored are skipped, not fatal.
 * Records the release's version at the end.
 */
export async function importOccupations(
  { store, clock }: { store: Pick<PlatformStore, 'transaction' | 'repos'>; clock: { now(): Date } },
  sources: OccupationSources,
  { batchSize = OCCUPATION_BATCH_SIZE, onProgress }: { batchSize?: number; onProgress?: (stage: string, rows: number) => void } = {},
): Promise<OccupationImportResult> {
  const pump = async <T>(rows: AsyncIterable<T> | Iterable<T>, write: (batch: T[]) => Promise<void>, stage: string): Promise<number> => {
    let batch: T[] = []
    let n = 0
    for await (const row of rows) {
      batch.push(row)
      n += 1
      if (batch.length >= batchSize) {
        await write(batch)
        batch = []
        onProgress?.(stage, n)
      }
    }
    if (batch.length > 0) await write(batch)
    onProgress?.(stage, n)
    return n
  }
  if (sources.skills) await pump(sources.skills(), (b) => store.transaction((tx) => tx.repos.skills.upsert([...new Map(b.map((s) => [s.id, s])).values()])), 'skills')
  const known = new Set<string>()
  let occupations = 0
  for (const source of sources.occupations)
    occupations += await pump(
      source(),
      async (b) => {
        await store.transaction((tx) => tx.repos.occupations.upsert(b))
        for (const o of b) known.add(o.id)
      },
      'occupations',
    )
  let requirements = 0
  let skipped = 0
  for (const source of sources.requirements ?? [])
    await pump(
      source(),
      async (b) => {
        const unknown = [...new Set(b.map((r) => r.occupationId).filter((id) => !known.has(id)))]
        const stored = unknown.length > 0 ? await store.repos.occupations.existing(unknown) : new Set<string>()
        for (const id of stored) known.add(id)
        const keep = b.filter((r) => known.has(r.occupationId))
        skipped += b.length - keep.length
        requirements += keep.length
        await store.transaction((tx) => tx.repos.occupations.upsertSkills(keep))
      },
      'requirements',
    )
  const skillBroader = sources.skillBroader ? await pump(sources.skillBroader(), (b) => store.transaction((tx) => tx.repos.occupations.upsertSkillBroader(b)), 'skill hierarchy') : 0
  const occupationBroader = sources.occupationBroader ? await pump(sources.occupationBroader(), (b) => store.transaction((tx) => tx.repos.occupations.upsertOccupationBroader(b)), 'occupation hierarchy') : 0
  await store.repos.occupations.setRelease(sources.framework, sources.version, clock.now().toISOString())
  return { occupations, requirements, skipped, skillBroader, occupationBroader, version: sources.version }
}
