import type { SkillEntry } from '../../core/skills/index.js'
import type { PlatformStore } from '../platform/ports.js'

/** How many skills one transaction writes. */
export const IMPORT_BATCH_SIZE = 500

/**
 * Upserts skills as they stream in, up to `batchSize` to a transaction, so memory stays bounded by
 * one batch whatever the file's size. Idempotent: importing the same entries again replaces them.
 * Returns how many entries were read (an id repeated in the stream counts each time; the last wins).
 */
export async function importSkills(
  { store }: { store: Pick<PlatformStore, 'transaction'> },
  entries: AsyncIterable<SkillEntry> | Iterable<SkillEntry>,
  { batchSize = IMPORT_BATCH_SIZE, onProgress }: { batchSize?: number; onProgress?: (imported: number) => void } = {},
): Promise<{ imported: number }> {
  // A Map: one statement cannot upsert the same id twice (PostgreSQL refuses).
  let batch = new Map<string, SkillEntry>()
  let imported = 0
  const flush = async () => {
    if (batch.size === 0) return
    const rows = [...batch.values()]
    batch = new Map()
    await store.transaction((tx) => tx.repos.skills.upsert(rows))
    onProgress?.(imported)
  }
  for await (const entry of entries) {
    batch.set(entry.id, entry)
    imported += 1
    if (batch.size >= batchSize) await flush()
  }
  await flush()
  return { imported }
}
