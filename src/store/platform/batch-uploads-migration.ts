import { sql, type Kysely, type Migration } from 'kysely'
import type { Dialect } from '../schema.js'

/**
 * 0003: staged bulk uploads and the lock rows of stored CSV files. An upload is scanned and kept
 * until it expires, so its preview has a URL of its own; a file is removed only inside a
 * transaction that holds its `batch_files` row and finds no batch to run and no live upload
 * reading it (uploading the same file again takes the same row: the two never interleave).
 */
export const batchUploadsMigration = (dialect: Dialect): Migration => ({
  async up(db: Kysely<unknown>) {
    const int = dialect === 'sqlite' ? ('integer' as const) : ('bigint' as const)
    const strict = dialect === 'sqlite' ? sql`strict` : sql``
    await db.schema
      .createTable('batch_files')
      .addColumn('digest', 'text', (c) => c.primaryKey().check(sql`length(digest) = 64`))
      .addColumn('locked_at', 'text', (c) => c.notNull())
      .modifyEnd(strict)
      .execute()
    await db.schema
      .createTable('batch_uploads')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
      .addColumn('achievement_id', 'text', (c) => c.notNull().references('achievements.id').onDelete('cascade'))
      .addColumn('file_digest', 'text', (c) => c.notNull().check(sql`length(file_digest) = 64`))
      .addColumn('file_name', 'text', (c) => c.notNull())
      .addColumn('total_rows', int, (c) => c.notNull().check(sql`total_rows > 0`))
      .addColumn('scan', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('batch_id', 'text', (c) => c.references('batches.id').onDelete('set null'))
      .modifyEnd(strict)
      .execute()
    await db.schema.createIndex('batch_uploads_file').on('batch_uploads').columns(['file_digest', 'expires_at']).execute()
    await db.schema.createIndex('batch_uploads_expiry').on('batch_uploads').column('expires_at').execute()
    await db.schema.createIndex('batches_file_state').on('batches').columns(['file_digest', 'state']).execute()
  },
})
