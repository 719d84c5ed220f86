import { PlatformError } from '../../core/errors.js'
import { assertIssuable } from '../achievements/issuable.js'
import type { Platform } from '../platform/ports.js'
import type { BatchRecord } from './ports.js'

/** A stored CSV file to issue from: its SHA-256 (hex), the name it was uploaded under, its recipient rows. */
export interface BatchFile {
  digest: string
  name: string
  totalRows: number
}

/**
 * Queues a bulk issuance of `achievementId` from an uploaded, scanned CSV file and wakes the batch
 * runner. The same file (same bytes) for the same achievement is one batch: the existing one is
 * returned with `created: false`, and nothing is issued twice. ERR_NOT_FOUND / ERR_STATE_INVALID for
 * an achievement that cannot be issued; ERR_CSV_INVALID for a file without recipient rows.
 */
export async function createBatch(
  { store, random, wake }: Pick<Platform, 'store' | 'random' | 'wake'>,
  { orgId, achievementId, file, createdBy }: { orgId: string; achievementId: string; file: BatchFile; createdBy: string | null },
): Promise<{ batch: BatchRecord; created: boolean }> {
  await assertBatchable({ store }, orgId, achievementId)
  if (file.totalRows === 0) throw new PlatformError('ERR_CSV_INVALID', 'The file has a header but no recipient rows')
  const result = await store.repos.batches.create({
    id: random.uuid(),
    orgId,
    achievementId,
    fileDigest: file.digest,
    fileName: file.name.slice(0, 200),
    totalRows: file.totalRows,
    createdBy,
  })
  if (result.created) wake('batches')
  return result
}

/** Throws unless the organization's achievement exists and may be issued (check it before taking an upload). */
export async function assertBatchable({ store }: Pick<Platform, 'store'>, orgId: string, achievementId: string): Promise<void> {
  const achievement = await store.repos.achievements.get(orgId, achievementId)
  if (!achievement) throw new PlatformError('ERR_NOT_FOUND', `No achievement ${achievementId.slice(0, 100)} in this organization`)
  assertIssuable(achievement)
}

/** A batch as the API and pages show it, with its progress from 0 to 1. */
export function batchViewOf(batch: BatchRecord) {
  const { leaseOwner: _owner, leaseUntil: _until, ...rest } = batch
  return { ...rest, progress: batch.totalRows === 0 ? 1 : Math.min(1, batch.nextRow / batch.totalRows) }
}

/** The API view of a batch. */
export type BatchView = ReturnType<typeof batchViewOf>
