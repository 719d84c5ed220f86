// Witness cosignatures of the log's checkpoints (migration 0024_witness): one line per witness and
// checkpoint size, served with that checkpoint at /log/checkpoint.
import { sql, type Kysely, type Migration } from 'kysely'
import type { Database, Dialect } from './schema.js'

/** A stored cosignature: which checkpoint, which witness, its signature line and timestamp. */
export interface CosignaturesTable {
  size: number
  witness: string
  key_id: string
  line: string
  timestamp: number
  created_at: string
}

/** 0024: `log_cosignatures`, keyed by checkpoint size and witness name (a witness's newer cosignature of a size replaces its older one). */
export const witnessMigration = (dialect: Dialect): Migration => ({
  async up(db: Kysely<unknown>) {
    const strict = dialect === 'sqlite' ? sql`strict` : sql``
    const int = dialect === 'sqlite' ? 'integer' : 'bigint'
    await db.schema
      .createTable('log_cosignatures')
      .addColumn('size', int, (c) => c.notNull())
      .addColumn('witness', 'text', (c) => c.notNull())
      .addColumn('key_id', 'text', (c) => c.notNull())
      .addColumn('line', 'text', (c) => c.notNull())
      .addColumn('timestamp', int, (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('log_cosignatures_pk', ['size', 'witness'])
      .modifyEnd(strict)
      .execute()
  },
})

/** The signed note of the checkpoint of `size`, or undefined. */
export async function checkpointNoteAt(db: Kysely<Database>, size: number): Promise<string | undefined> {
  return (await db.selectFrom('checkpoints').select('note').where('size', '=', size).executeTakeFirst())?.note
}

/** Stores (or replaces) a witness's cosignature of checkpoint `size`. */
export async function addCosignature(db: Kysely<Database>, row: { size: number; witness: string; keyId: string; line: string; timestamp: number; createdAt: string }): Promise<void> {
  await db
    .insertInto('log_cosignatures')
    .values({ size: row.size, witness: row.witness, key_id: row.keyId, line: row.line, timestamp: row.timestamp, created_at: row.createdAt })
    .onConflict((oc) => oc.columns(['size', 'witness']).doUpdateSet({ key_id: row.keyId, line: row.line, timestamp: row.timestamp, created_at: row.createdAt }))
    .execute()
}

/** The cosignatures of checkpoint `size`, by witness name. */
export async function cosignaturesOf(db: Kysely<Database>, size: number): Promise<{ witness: string; line: string; timestamp: number }[]> {
  const rows = await db.selectFrom('log_cosignatures').select(['witness', 'line', 'timestamp']).where('size', '=', size).orderBy('witness').execute()
  return rows.map((r) => ({ witness: r.witness, line: r.line, timestamp: Number(r.timestamp) }))
}
