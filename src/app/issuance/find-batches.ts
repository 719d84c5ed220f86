// Read queries of bulk issuance: the organization's batches with their achievement's name, one
// batch with its first row errors, and its full error report.
import { PlatformError } from '../../core/errors.js'
import { InputError } from '../platform/input-error.js'
import type { PlatformPorts } from '../platform/ports.js'
import { errorReportLines } from './errors-csv.js'
import type { BatchRecord, RowError } from './ports.js'

type Deps = Pick<PlatformPorts, 'store'>

/** A batch as the API and pages show it, with its progress from 0 to 1 (never its lease). */
export function batchViewOf(batch: BatchRecord) {
  const { leaseOwner: _owner, leaseUntil: _until, ...rest } = batch
  return { ...rest, progress: batch.totalRows === 0 ? 1 : Math.min(1, batch.nextRow / batch.totalRows) }
}

/** The API view of a batch. */
export type BatchView = ReturnType<typeof batchViewOf>

/** A batch in a list: its view and the name of its achievement. */
export type BatchListItem = BatchView & { achievementName: string }

/** A batch's page: the batch, its achievement's name, and its first row errors (at most 100). */
export interface BatchPage {
  batch: BatchView
  achievementName: string
  errors: RowError[]
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const notFound = () => new PlatformError('ERR_NOT_FOUND', 'No such batch in this organization')

/** The organization's batch by id (any case); ERR_NOT_FOUND otherwise (also for another organization's). */
export async function getBatch({ store }: Deps, orgId: string, batchId: string): Promise<BatchRecord> {
  const batch = UUID.test(batchId) ? await store.repos.batches.get(orgId, batchId.toLowerCase()) : undefined
  if (!batch) throw notFound()
  return batch
}

const encodeCursor = (b: BatchRecord) => Buffer.from(JSON.stringify([b.createdAt, b.id])).toString('base64url')

function decodeCursor(cursor: string): { createdAt: string; id: string } {
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[]
    if (typeof createdAt === 'string' && typeof id === 'string') return { createdAt, id }
  } catch {
    // fall through
  }
  throw new InputError([{ path: 'cursor', code: 'invalid_format', message: 'not a cursor this list returned' }])
}

/** The organization's batches, newest first, each with its achievement's name; `nextCursor` continues the list. */
export async function listBatches({ store }: Deps, orgId: string, { limit = 50, cursor }: { limit?: number; cursor?: string | undefined } = {}): Promise<{ items: BatchListItem[]; nextCursor?: string }> {
  const before = cursor ? decodeCursor(cursor) : undefined
  const rows = await store.repos.batches.list(orgId, { limit: limit + 1, ...(before ? { before } : {}) })
  const page = rows.slice(0, limit)
  const names = new Map<string, string>()
  for (const id of new Set(page.map((b) => b.achievementId))) names.set(id, (await store.repos.achievements.get(orgId, id))?.name ?? '')
  const last = page.at(-1)
  return {
    items: page.map((b) => ({ ...batchViewOf(b), achievementName: names.get(b.achievementId) ?? '' })),
    ...(rows.length > limit && last ? { nextCursor: encodeCursor(last) } : {}),
  }
}

/** One batch with its achievement's name and first 100 row errors; ERR_NOT_FOUND otherwise. */
export async function batchPage(deps: Deps, orgId: string, batchId: string): Promise<BatchPage> {
  const batch = await getBatch(deps, orgId, batchId)
  const achievement = await deps.store.repos.achievements.get(orgId, batch.achievementId)
  const errors = await deps.store.repos.batches.errors(batch.id, { limit: 100 })
  return { batch: batchViewOf(batch), achievementName: achievement?.name ?? '', errors }
}

/** A batch's error report as CSV lines, read page by page; ERR_NOT_FOUND for another organization's batch. */
export async function batchErrorReport(deps: Deps, orgId: string, batchId: string): Promise<{ batch: BatchRecord; lines: AsyncIterable<string> }> {
  const batch = await getBatch(deps, orgId, batchId)
  return { batch, lines: errorReportLines(deps.store.repos.batches, batch.id) }
}
