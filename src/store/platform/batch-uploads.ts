import type { Kysely, Selectable } from 'kysely'
import type { BatchUploadsRepo, StagedUpload, UploadScan } from '../../app/issuance/ports.js'
import type { Database } from '../schema.js'

const uploadOf = (r: Selectable<Database['batch_uploads']>): StagedUpload => ({
  id: r.id,
  orgId: r.org_id,
  achievementId: r.achievement_id,
  fileDigest: r.file_digest,
  fileName: r.file_name,
  scan: JSON.parse(r.scan) as UploadScan,
  createdBy: r.created_by,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  batchId: r.batch_id,
})

/** Staged uploads and CSV file lock rows over `q` (a connection or a transaction), stamping locks with `now()`. */
export function batchUploadsRepo(q: Kysely<Database>, now: () => Date): BatchUploadsRepo {
  return {
    async create(upload) {
      await q
        .insertInto('batch_uploads')
        .values({
          id: upload.id,
          org_id: upload.orgId,
          achievement_id: upload.achievementId,
          file_digest: upload.fileDigest,
          file_name: upload.fileName,
          total_rows: upload.scan.totalRows,
          scan: JSON.stringify(upload.scan),
          created_by: upload.createdBy,
          created_at: upload.createdAt,
          expires_at: upload.expiresAt,
          batch_id: upload.batchId,
        })
        .execute()
    },
    async get(orgId, id) {
      const row = await q.selectFrom('batch_uploads').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst()
      return row && uploadOf(row)
    },
    async markConfirmed(id, batchId) {
      await q.updateTable('batch_uploads').set({ batch_id: batchId }).where('id', '=', id).execute()
    },
    async delete(id) {
      await q.deleteFrom('batch_uploads').where('id', '=', id).execute()
    },
    async expired(nowIso, limit) {
      const rows = await q.selectFrom('batch_uploads').selectAll().where('expires_at', '<=', nowIso).orderBy('expires_at').orderBy('id').limit(limit).execute()
      return rows.map(uploadOf)
    },
    async lockFile(digest) {
      // An upsert takes the row's lock whether it existed or not (PostgreSQL); on SQLite every writer is already serialized.
      const at = now().toISOString()
      await q
        .insertInto('batch_files')
        .values({ digest, locked_at: at })
        .onConflict((oc) => oc.column('digest').doUpdateSet({ locked_at: at }))
        .execute()
    },
    async isFileReferenced(digest, nowIso) {
      const batch = await q.selectFrom('batches').select('id').where('file_digest', '=', digest).where('state', 'in', ['queued', 'running']).limit(1).executeTakeFirst()
      if (batch) return true
      const upload = await q.selectFrom('batch_uploads').select('id').where('file_digest', '=', digest).where('expires_at', '>', nowIso).limit(1).executeTakeFirst()
      return upload !== undefined
    },
    async forgetFile(digest) {
      await q.deleteFrom('batch_files').where('digest', '=', digest).execute()
    },
  }
}
