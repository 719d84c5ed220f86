import { sql, type Kysely, type Migration } from 'kysely'
import type { Dialect } from '../schema.js'

/**
 * 0028: a batch is run in parts (issue #9 item 3), so several workers share one batch. A part is a
 * range of the file's recipient rows with its own lease and the row it resumes from; the batch keeps
 * its state, its counts (`next_row` becomes the rows handled so far, summed over its parts) and its
 * errors. Each queued or running batch becomes one part carrying the batch's progress and lease,
 * and the batch's own lease columns go.
 */
export const batchPartsMigration = (dialect: Dialect): Migration => ({
  async up(db: Kysely<unknown>) {
    const int = dialect === 'sqlite' ? ('integer' as const) : ('bigint' as const)
    const strict = dialect === 'sqlite' ? sql`strict` : sql``
    await db.schema
      .createTable('batch_parts')
      .addColumn('batch_id', 'text', (c) => c.notNull().references('batches.id').onDelete('cascade'))
      .addColumn('first_row', int, (c) => c.notNull().check(sql`first_row >= 0`))
      .addColumn('end_row', int, (c) => c.notNull())
      .addColumn('next_row', int, (c) => c.notNull())
      .addColumn('done', int, (c) => c.notNull().defaultTo(0).check(sql`done in (0, 1)`))
      .addColumn('lease_owner', 'text')
      .addColumn('lease_until', 'text')
      .addPrimaryKeyConstraint('batch_parts_pk', ['batch_id', 'first_row'])
      .addCheckConstraint('batch_parts_rows', sql`first_row <= next_row and next_row <= end_row`)
      .modifyEnd(strict)
      .execute()
    await db.schema.createIndex('batch_parts_waiting').on('batch_parts').columns(['done', 'lease_until']).execute()
    await sql`insert into batch_parts (batch_id, first_row, end_row, next_row, done, lease_owner, lease_until)
      select id, 0, total_rows, case when next_row > total_rows then total_rows else next_row end, 0, lease_owner, lease_until
      from batches where state in ('queued', 'running')`.execute(db)
    await db.schema.alterTable('batches').dropColumn('lease_owner').execute()
    await db.schema.alterTable('batches').dropColumn('lease_until').execute()
  },
})
