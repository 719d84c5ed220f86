// What the batch runner (src/jobs) asks of the app besides issuing chunks: leases, ends, and the
// release of files nothing reads any more, decided inside the transaction holding the file's lock.
import type { Clock, PlatformPorts, PlatformTransaction } from '../platform/ports.js'
import type { BatchLease, BatchPart, BatchRecord } from './ports.js'
import { queueWebhookEvents } from '../webhooks/emit.js'

/**
 * Leases to `owner` until `until` the next part of a batch to run: the oldest batch's first part
 * that waits (or whose lease expired), so runners share a batch part by part; undefined when none waits.
 */
export const leaseNextBatch = ({ store, clock }: Pick<PlatformPorts, 'store' | 'clock'>, owner: string, until: Date): Promise<BatchLease | undefined> =>
  store.repos.batches.lease(owner, clock.now().toISOString(), until.toISOString())

/** Gives up `owner`'s lease of a part it stopped in the middle of (shutdown): another runner resumes it after the last committed chunk. */
export const releaseBatch = ({ store }: Pick<PlatformPorts, 'store'>, part: BatchPart, owner: string): Promise<boolean> => store.repos.batches.release(part, owner)

/**
 * Marks `owner`'s part done; when it was the batch's last part to run, the batch is done too, with
 * its `batch.finished` webhook event in the same transaction, and its file is released when nothing
 * else reads it. True when this call finished the batch.
 */
export async function finishBatchPart(deps: Pick<PlatformPorts, 'store' | 'clock' | 'batchFiles'>, { batch, part }: BatchLease, owner: string): Promise<boolean> {
  const ended = await deps.store.transaction(async (tx) => {
    const { held, last } = await tx.repos.batches.finishPart(part, owner)
    if (!held || !last) return false
    return endBatch(tx, deps.clock, batch, { state: 'done', error: null })
  })
  if (ended) await releaseBatchFile(deps, batch.fileDigest)
  return ended
}

/** Ends a batch for good (failed, or done) with its parts, and its `batch.finished` webhook event, then releases its file when nothing else reads it. */
export async function finishBatch(deps: Pick<PlatformPorts, 'store' | 'clock' | 'batchFiles'>, batch: BatchRecord, end: { state: 'done' | 'failed'; error: string | null }): Promise<boolean> {
  const ended = await deps.store.transaction((tx) => endBatch(tx, deps.clock, batch, end))
  if (ended) await releaseBatchFile(deps, batch.fileDigest)
  return ended
}

async function endBatch(tx: PlatformTransaction, clock: Clock, batch: BatchRecord, end: { state: 'done' | 'failed'; error: string | null }): Promise<boolean> {
  if (!(await tx.repos.batches.finish(batch.id, end))) return false
  const now = clock.now()
  const done = (await tx.repos.batches.get(batch.orgId, batch.id)) ?? batch
  const data = { batchId: batch.id, achievementId: batch.achievementId, fileName: batch.fileName, state: end.state, error: end.error, totalRows: done.totalRows, issued: done.issued, failed: done.failed, finishedAt: now.toISOString() }
  await queueWebhookEvents(tx.repos, batch.orgId, [{ type: 'batch.finished', data }], now)
  return true
}

/**
 * Removes the stored file with this digest unless a queued or running batch or a live upload reads
 * it, inside one transaction holding the file's lock row: an upload of the same bytes that keeps the
 * file takes the same row, so it is never removed under a new batch (issue #11). True when removed.
 */
export async function releaseBatchFile({ store, clock, batchFiles }: Pick<PlatformPorts, 'store' | 'clock' | 'batchFiles'>, digest: string): Promise<boolean> {
  return store.transaction(async (tx) => {
    await tx.repos.batchUploads.lockFile(digest)
    if (await tx.repos.batchUploads.isFileReferenced(digest, clock.now().toISOString())) return false
    await batchFiles.remove(digest)
    await tx.repos.batchUploads.forgetFile(digest)
    return true
  })
}

/**
 * Purges expired staged uploads and releases their files, then releases stored files last written
 * before `filesOlderThan` that nothing reads (leftovers of cut-off uploads). Returns how many files went.
 */
export async function pruneBatchUploads(deps: Pick<PlatformPorts, 'store' | 'clock' | 'batchFiles'>, { filesOlderThan }: { filesOlderThan: Date }): Promise<number> {
  const { store, clock, batchFiles } = deps
  const digests = new Set<string>()
  for (;;) {
    const expired = await store.repos.batchUploads.expired(clock.now().toISOString(), 500)
    if (expired.length === 0) break
    for (const upload of expired) {
      await store.repos.batchUploads.delete(upload.id)
      digests.add(upload.fileDigest)
    }
  }
  for (const digest of await batchFiles.stale(filesOlderThan)) digests.add(digest)
  let removed = 0
  for (const digest of digests) if (await releaseBatchFile(deps, digest)) removed++
  return removed
}
