import type { ExpressionBuilder, Insertable, Kysely, Selectable } from 'kysely'
import type { BatchPart, BatchRecord, BatchesRepo } from '../../app/issuance/ports.js'
import { isUniqueViolation } from '../blob.js'
import type { Database } from '../schema.js'

/** The batches repository over `q` (a connection or a transaction), stamping times with `now()`. */
export function batchesRepo(q: Kysely<Database>, now: () => Date): BatchesRepo {
  const stamp = () => now().toISOString()
  return {
    async create(batch) {
      const at = stamp()
      try {
        await q
          .insertInto('batches')
          .values({
            id: batch.id,
            org_id: batch.orgId,
            achievement_id: batch.achievementId,
            file_digest: batch.fileDigest,
            file_name: batch.fileName,
            state: 'queued',
            total_rows: batch.totalRows,
            error: null,
            created_by: batch.createdBy,
            created_at: at,
            updated_at: at,
          })
          .execute()
      } catch (err) {
        if (!isUniqueViolation(err)) throw err
        const existing = await batchesWithLease(q).where('achievement_id', '=', batch.achievementId).where('file_digest', '=', batch.fileDigest).executeTakeFirst()
        if (!existing) throw err
        return { batch: batchRecordOf(existing), created: false }
      }
      const total = Math.max(0, batch.totalRows)
      const partRows = batch.partRows !== undefined && batch.partRows >= 1 ? Math.floor(batch.partRows) : Math.max(1, total)
      const parts: Insertable<Database['batch_parts']>[] = []
      // At least one part, even for a file without rows: its runner finishes the batch.
      for (let first = 0; first === 0 || first < total; first += partRows) {
        parts.push({ batch_id: batch.id, first_row: first, end_row: Math.min(total, first + partRows), next_row: first })
      }
      for (let i = 0; i < parts.length; i += 1000) await q.insertInto('batch_parts').values(parts.slice(i, i + 1000)).execute()
      return { batch: (await batchById(q, batch.id))!, created: true }
    },
    async ofFile(orgId, achievementId, fileDigest) {
      const row = await batchesWithLease(q).where('org_id', '=', orgId).where('achievement_id', '=', achievementId).where('file_digest', '=', fileDigest).executeTakeFirst()
      return row && batchRecordOf(row)
    },
    async get(orgId, batchId) {
      const row = await batchesWithLease(q).where('org_id', '=', orgId).where('id', '=', batchId).executeTakeFirst()
      return row && batchRecordOf(row)
    },
    async list(orgId, { limit, before }) {
      let select = batchesWithLease(q).where('org_id', '=', orgId)
      if (before)
        select = select.where((eb) =>
          eb.or([eb('created_at', '<', before.createdAt), eb.and([eb('created_at', '=', before.createdAt), eb('id', '<', before.id)])]),
        )
      return (await select.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute()).map((r) => batchRecordOf(r))
    },
    async errors(batchId, { afterRow = 0, limit }) {
      const rows = await q
        .selectFrom('batch_errors')
        .select(['row', 'email', 'message'])
        .where('batch_id', '=', batchId)
        .where('row', '>', afterRow)
        .orderBy('row')
        .limit(limit)
        .execute()
      return rows.map((r) => ({ row: Number(r.row), email: r.email, message: r.message }))
    },
    // The first part still to run whose lease is free or expired, or one this owner still holds (its
    // run broke off, e.g. while the database was away: it resumes at once instead of after the lease).
    async lease(owner, nowIso, until) {
      const waiting = await q
        .selectFrom('batch_parts as p')
        .innerJoin('batches as b', 'b.id', 'p.batch_id')
        .select(['p.batch_id', 'p.first_row'])
        .where('b.state', 'in', ['queued', 'running'])
        .where('p.done', '=', 0)
        .where((eb) => eb.or([eb('p.lease_until', 'is', null), eb('p.lease_until', '<', nowIso), eb('p.lease_owner', '=', owner)]))
        .orderBy('b.created_at')
        .orderBy('b.id')
        .orderBy('p.first_row')
        .limit(5)
        .execute()
      for (const { batch_id: batchId, first_row: firstRow } of waiting) {
        const result = await q
          .updateTable('batch_parts')
          .set({ lease_owner: owner, lease_until: until })
          .where('batch_id', '=', batchId)
          .where('first_row', '=', firstRow)
          .where('done', '=', 0)
          .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', nowIso), eb('lease_owner', '=', owner)]))
          .executeTakeFirst()
        if (Number(result.numUpdatedRows) !== 1) continue
        await q.updateTable('batches').set({ state: 'running', updated_at: nowIso }).where('id', '=', batchId).where('state', '=', 'queued').execute()
        const [batch, part] = await Promise.all([batchById(q, batchId), q.selectFrom('batch_parts').selectAll().where('batch_id', '=', batchId).where('first_row', '=', firstRow).executeTakeFirstOrThrow()])
        if (!batch) continue
        return { batch, part: { batchId, firstRow: Number(part.first_row), endRow: Number(part.end_row), nextRow: Number(part.next_row) } }
      }
      return undefined
    },
    async holdChunk({ batchId, firstRow }, owner, fromRow) {
      // The part's row only: the batch's row is locked by recordChunk, late in the transaction, so
      // the chunks of several parts write their rows at the same time.
      const part = await partHeld(q, { batchId, firstRow }, owner).set({ lease_owner: owner }).where('next_row', '=', fromRow).executeTakeFirst()
      if (Number(part.numUpdatedRows) !== 1) return false
      const batch = await q.selectFrom('batches').select('state').where('id', '=', batchId).executeTakeFirst()
      return batch?.state === 'running'
    },
    async recordChunk({ batchId, firstRow }, owner, { fromRow, nextRow, addIssued, addFailed, errors, leaseUntil }) {
      const part = await partHeld(q, { batchId, firstRow }, owner).set({ next_row: nextRow, lease_until: leaseUntil }).where('next_row', '=', fromRow).executeTakeFirst()
      if (Number(part.numUpdatedRows) !== 1) return false
      const result = await q
        .updateTable('batches')
        .set((eb) => ({
          next_row: eb('next_row', '+', nextRow - fromRow),
          issued: eb('issued', '+', addIssued),
          failed: eb('failed', '+', addFailed),
          updated_at: stamp(),
        }))
        .where('id', '=', batchId)
        .where('state', '=', 'running')
        .executeTakeFirst()
      if (Number(result.numUpdatedRows) !== 1) return false
      for (let i = 0; i < errors.length; i += 2000) {
        const part = errors.slice(i, i + 2000).map((e) => ({ batch_id: batchId, row: e.row, email: e.email, message: e.message }))
        await q.insertInto('batch_errors').values(part).execute()
      }
      return true
    },
    async release(part, owner) {
      const result = await partHeld(q, part, owner).set({ lease_owner: null, lease_until: null }).executeTakeFirst()
      return Number(result.numUpdatedRows) === 1
    },
    async finishPart(part, owner) {
      const result = await partHeld(q, part, owner).set({ done: 1, lease_owner: null, lease_until: null }).executeTakeFirst()
      if (Number(result.numUpdatedRows) !== 1) return { held: false, last: false }
      // Holding the batch's row, the count sees every other part a runner finished before: of two
      // runners finishing the last two parts at once, the second to get the row finds none left.
      const batch = await q.updateTable('batches').set({ updated_at: stamp() }).where('id', '=', part.batchId).where('state', 'in', ['queued', 'running']).executeTakeFirst()
      if (Number(batch.numUpdatedRows) !== 1) return { held: false, last: false }
      const left = await q.selectFrom('batch_parts').select((eb) => eb.fn.countAll<number | string>().as('n')).where('batch_id', '=', part.batchId).where('done', '=', 0).executeTakeFirstOrThrow()
      return { held: true, last: Number(left.n) === 0 }
    },
    async finish(batchId, { state, error }) {
      const result = await q
        .updateTable('batches')
        .set({ state, error, updated_at: stamp() })
        .where('id', '=', batchId)
        .where('state', 'in', ['queued', 'running'])
        .executeTakeFirst()
      await q.updateTable('batch_parts').set({ done: 1, lease_owner: null, lease_until: null }).where('batch_id', '=', batchId).where('done', '=', 0).execute()
      return Number(result.numUpdatedRows) === 1
    },
  }
}

/** The update of a part `owner` holds and has not finished (a compare-and-set on the lease). */
const partHeld = (q: Kysely<Database>, { batchId, firstRow }: Pick<BatchPart, 'batchId' | 'firstRow'>, owner: string) =>
  q.updateTable('batch_parts').where('batch_id', '=', batchId).where('first_row', '=', firstRow).where('lease_owner', '=', owner).where('done', '=', 0)

const batchRecordOf = (r: BatchRow): BatchRecord => ({
  id: r.id,
  orgId: r.org_id,
  achievementId: r.achievement_id,
  fileDigest: r.file_digest,
  fileName: r.file_name,
  state: r.state,
  totalRows: Number(r.total_rows),
  nextRow: Number(r.next_row),
  issued: Number(r.issued),
  failed: Number(r.failed),
  error: r.error,
  leaseOwner: r.lease_owner ?? null,
  leaseUntil: r.lease_until ?? null,
  createdBy: r.created_by,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
})

/** A batch's row with the lease of its first leased part still to run. */
type BatchRow = Selectable<Database['batches']> & { lease_owner: string | null; lease_until: string | null }

/** Batches with their lease (see BatchRecord.leaseOwner): what every read of a batch selects from. */
const batchesWithLease = (q: Kysely<Database>) => {
  const leasedPart = (eb: ExpressionBuilder<Database & { batches: Database['batches'] }, 'batches'>) =>
    eb.selectFrom('batch_parts as p').whereRef('p.batch_id', '=', 'batches.id').where('p.done', '=', 0).where('p.lease_owner', 'is not', null).orderBy('p.first_row').limit(1)
  return q
    .selectFrom('batches')
    .selectAll('batches')
    .select((eb) => [leasedPart(eb).select('p.lease_owner').as('lease_owner'), leasedPart(eb).select('p.lease_until').as('lease_until')])
}

async function batchById(q: Kysely<Database>, id: string): Promise<BatchRecord | undefined> {
  const row = await batchesWithLease(q).where('id', '=', id).executeTakeFirst()
  return row && batchRecordOf(row)
}
