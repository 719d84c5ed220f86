import type { Kysely, Selectable } from 'kysely'
import type { BatchRecord, BatchesRepo } from '../../app/issuance/ports.js'
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
            lease_owner: null,
            lease_until: null,
            created_by: batch.createdBy,
            created_at: at,
            updated_at: at,
          })
          .execute()
        return { batch: (await batchById(q, batch.id))!, created: true }
      } catch (err) {
        if (!isUniqueViolation(err)) throw err
        const existing = await q
          .selectFrom('batches')
          .selectAll()
          .where('achievement_id', '=', batch.achievementId)
          .where('file_digest', '=', batch.fileDigest)
          .executeTakeFirst()
        if (!existing) throw err
        return { batch: batchRecordOf(existing), created: false }
      }
    },
    async ofFile(orgId, achievementId, fileDigest) {
      const row = await q.selectFrom('batches').selectAll().where('org_id', '=', orgId).where('achievement_id', '=', achievementId).where('file_digest', '=', fileDigest).executeTakeFirst()
      return row && batchRecordOf(row)
    },
    async get(orgId, batchId) {
      const row = await q.selectFrom('batches').selectAll().where('org_id', '=', orgId).where('id', '=', batchId).executeTakeFirst()
      return row && batchRecordOf(row)
    },
    async list(orgId, { limit, before }) {
      let select = q.selectFrom('batches').selectAll().where('org_id', '=', orgId)
      if (before)
        select = select.where((eb) =>
          eb.or([eb('created_at', '<', before.createdAt), eb.and([eb('created_at', '=', before.createdAt), eb('id', '<', before.id)])]),
        )
      return (await select.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute()).map(batchRecordOf)
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
    // A batch whose lease expired, or one this owner still holds (its run broke off, e.g. while the
    // database was away: it resumes at once instead of after the lease).
    async lease(owner, nowIso, until) {
      const waiting = await q
        .selectFrom('batches')
        .select('id')
        .where('state', 'in', ['queued', 'running'])
        .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', nowIso), eb('lease_owner', '=', owner)]))
        .orderBy('created_at')
        .orderBy('id')
        .limit(5)
        .execute()
      for (const { id } of waiting) {
        const result = await q
          .updateTable('batches')
          .set({ lease_owner: owner, lease_until: until, state: 'running', updated_at: nowIso })
          .where('id', '=', id)
          .where('state', 'in', ['queued', 'running'])
          .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', nowIso), eb('lease_owner', '=', owner)]))
          .executeTakeFirst()
        if (Number(result.numUpdatedRows) === 1) return batchById(q, id)
      }
      return undefined
    },
    async recordChunk(batchId, owner, { nextRow, addIssued, addFailed, errors, leaseUntil }) {
      const result = await q
        .updateTable('batches')
        .set((eb) => ({
          next_row: nextRow,
          issued: eb('issued', '+', addIssued),
          failed: eb('failed', '+', addFailed),
          lease_until: leaseUntil,
          updated_at: stamp(),
        }))
        .where('id', '=', batchId)
        .where('lease_owner', '=', owner)
        .where('state', '=', 'running')
        .executeTakeFirst()
      if (Number(result.numUpdatedRows) !== 1) return false
      for (let i = 0; i < errors.length; i += 2000) {
        const part = errors.slice(i, i + 2000).map((e) => ({ batch_id: batchId, row: e.row, email: e.email, message: e.message }))
        await q.insertInto('batch_errors').values(part).execute()
      }
      return true
    },
    async release(batchId, owner) {
      const result = await q
        .updateTable('batches')
        .set({ lease_owner: null, lease_until: null, updated_at: stamp() })
        .where('id', '=', batchId)
        .where('lease_owner', '=', owner)
        .where('state', '=', 'running')
        .executeTakeFirst()
      return Number(result.numUpdatedRows) === 1
    },
    async finish(batchId, owner, { state, error }) {
      const result = await q
        .updateTable('batches')
        .set({ state, error, lease_owner: null, lease_until: null, updated_at: stamp() })
        .where('id', '=', batchId)
        .where('lease_owner', '=', owner)
        .executeTakeFirst()
      return Number(result.numUpdatedRows) === 1
    },
  }
}

const batchRecordOf = (r: Selectable<Database['batches']>): BatchRecord => ({
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
  leaseOwner: r.lease_owner,
  leaseUntil: r.lease_until,
  createdBy: r.created_by,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
})

async function batchById(q: Kysely<Database>, id: string): Promise<BatchRecord | undefined> {
  const row = await q.selectFrom('batches').selectAll().where('id', '=', id).executeTakeFirst()
  return row && batchRecordOf(row)
}
