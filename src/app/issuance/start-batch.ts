// The one way a CSV file becomes a batch, for the API and the pages alike: the upload is streamed to
// a temporary file and scanned, then kept under its digest with a staged upload (its preview), and
// confirmed into a batch (or the existing batch of the same file). The API does both steps at once.
import { assertIssuerOrg } from '../talent/issuer-only.js'
import { PlatformError } from '../../core/errors.js'
import { assertIssuable } from '../achievements/issuable.js'
import type { PlatformPorts } from '../platform/ports.js'
import { MAX_BATCH_FILE_BYTES } from './batch-file-store.js'
import { releaseBatchFile } from './batch-run.js'
import type { BatchRecord, CsvPreviewRow, StagedUpload, UploadScan } from './ports.js'
import { scanCsv, type CsvScan } from './scan-csv.js'

/**
 * Rows per part of a batch: what one runner leases at a time, so several runners (processes) share a
 * large batch. Larger parts leave one runner alone longer at a batch's end; a runner that takes a part
 * not following its last reads the file from its start up to it.
 */
export const BATCH_PART_ROWS = 10_000

/** How long a staged upload (and its preview URL) lives before it is purged with its file. */
export const UPLOAD_TTL_MS = 24 * 60 * 60_000

type Deps = Pick<PlatformPorts, 'store' | 'clock' | 'random' | 'batchFiles' | 'wake'>

/** An upload to stage: which achievement, the file's bytes as they arrive, its name, who. */
export interface BatchUploadRequest {
  orgId: string
  achievementId: string
  body: AsyncIterable<Uint8Array> | Iterable<Uint8Array>
  fileName: string
  createdBy: string | null
}

/** Throws unless the organization's achievement exists and may be issued (checked before an upload is taken). */
export async function assertBatchable({ store }: Pick<PlatformPorts, 'store'>, orgId: string, achievementId: string): Promise<void> {
  await assertIssuerOrg({ store }, orgId)
  const achievement = await store.repos.achievements.get(orgId, achievementId)
  if (!achievement) throw new PlatformError('ERR_NOT_FOUND', `No achievement ${achievementId.slice(0, 100)} in this organization`)
  assertIssuable(achievement)
}

/**
 * Streams an upload to the file store (ERR_INPUT_TOO_LARGE past 256 MB), scans it (ERR_CSV_INVALID
 * for a file that is not a recipient list or has no rows: nothing is kept), then, holding the
 * file's lock row, keeps it under its digest and records the staged upload with its scan. Returns
 * the upload, whose preview stays readable until it expires.
 */
export async function stageBatchUpload(deps: Deps, request: BatchUploadRequest): Promise<StagedUpload> {
  const { store, clock, random, batchFiles } = deps
  await assertBatchable(deps, request.orgId, request.achievementId)
  const received = await batchFiles.receive(request.body, { maxBytes: MAX_BATCH_FILE_BYTES })
  try {
    const scan = await scanCsv(received.read(), { now: clock.now() })
    if (scan.totalRows === 0) throw new PlatformError('ERR_CSV_INVALID', 'The file has a header but no recipient rows')
    const now = clock.now()
    const upload: StagedUpload = {
      id: random.uuid(),
      orgId: request.orgId,
      achievementId: request.achievementId,
      fileDigest: received.digest,
      fileName: request.fileName.slice(0, 200) || 'upload.csv',
      scan: uploadScanOf(scan),
      createdBy: request.createdBy,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + UPLOAD_TTL_MS).toISOString(),
      batchId: null,
    }
    await store.transaction(async (tx) => {
      await tx.repos.batchUploads.lockFile(received.digest)
      await received.keep()
      await tx.repos.batchUploads.create(upload)
    })
    return upload
  } finally {
    await received.discard()
  }
}

/**
 * Turns a staged upload into a queued batch and wakes the runner, or returns the batch already made
 * from the same file for the same achievement (`created: false`: nothing is issued twice).
 * ERR_NOT_FOUND for an unknown or expired upload (or one whose file is gone: upload it again);
 * ERR_NOT_FOUND / ERR_STATE_INVALID for an achievement that can no longer be issued. With `consume`
 * the upload is deleted (the API's one-step start) and its file released if nothing reads it.
 */
export async function confirmBatch(
  deps: Deps,
  {
    orgId,
    uploadId,
    createdBy,
    consume = false,
    partRows = BATCH_PART_ROWS,
  }: { orgId: string; uploadId: string; createdBy: string | null; consume?: boolean; /** Rows per part (BATCH_PART_ROWS). */ partRows?: number },
): Promise<{ batch: BatchRecord; created: boolean }> {
  const { store, clock, random, batchFiles, wake } = deps
  const gone = () => new PlatformError('ERR_NOT_FOUND', 'That upload is no longer here; upload the file again')
  const upload = await store.repos.batchUploads.get(orgId, uploadId)
  if (!upload || upload.expiresAt <= clock.now().toISOString()) throw gone()
  await assertBatchable(deps, orgId, upload.achievementId)
  const result = await store.transaction(async (tx) => {
    await tx.repos.batchUploads.lockFile(upload.fileDigest)
    const existing = await tx.repos.batches.ofFile(orgId, upload.achievementId, upload.fileDigest)
    if (!existing && !(await batchFiles.has(upload.fileDigest))) throw gone()
    const outcome = existing
      ? { batch: existing, created: false }
      : await tx.repos.batches.create({
          id: random.uuid(),
          orgId,
          achievementId: upload.achievementId,
          fileDigest: upload.fileDigest,
          fileName: upload.fileName,
          totalRows: upload.scan.totalRows,
          createdBy,
          partRows,
        })
    if (consume) await tx.repos.batchUploads.delete(upload.id)
    else await tx.repos.batchUploads.markConfirmed(upload.id, outcome.batch.id)
    return outcome
  })
  if (result.created) wake('batches')
  if (consume) await releaseBatchFile(deps, upload.fileDigest)
  return result
}

/** Upload and confirm in one step (the API's `POST …/achievements/:a/batches`): a new batch, or the existing one of the same file. */
export async function startBatch(deps: Deps, request: BatchUploadRequest & { partRows?: number }): Promise<{ batch: BatchRecord; created: boolean }> {
  const upload = await stageBatchUpload(deps, request)
  return confirmBatch(deps, { orgId: request.orgId, uploadId: upload.id, createdBy: request.createdBy, consume: true, ...(request.partRows ? { partRows: request.partRows } : {}) })
}

/** The organization's staged upload, for its preview; ERR_NOT_FOUND when unknown or expired. */
export async function getBatchUpload({ store, clock }: Pick<PlatformPorts, 'store' | 'clock'>, orgId: string, uploadId: string): Promise<StagedUpload> {
  const upload = await store.repos.batchUploads.get(orgId, uploadId)
  if (!upload || upload.expiresAt <= clock.now().toISOString()) throw new PlatformError('ERR_NOT_FOUND', 'That upload is no longer here (uploads are kept for a day); upload the file again')
  return upload
}

const PREVIEW_CELL_MAX = 200
const clip = (text: string) => ([...text].length <= PREVIEW_CELL_MAX ? text : `${[...text].slice(0, PREVIEW_CELL_MAX - 1).join('')}…`)

/** What a scan keeps for the preview, cells clipped so a stored scan stays small. */
function uploadScanOf(scan: CsvScan): UploadScan {
  const preview = scan.preview.map((r): CsvPreviewRow => {
    const row: CsvPreviewRow = { row: r.row, email: clip(r.email), name: clip(r.name) }
    for (const key of ['did', 'validUntil', 'evidenceUrl', 'evidenceNarrative'] as const) if (r[key] !== undefined) row[key] = clip(r[key])
    return row
  })
  return { totalRows: scan.totalRows, problemCount: scan.problemCount, preview, problems: scan.problems.map((p) => ({ ...p, email: clip(p.email), message: clip(p.message) })) }
}
