import type BetterSqlite3 from 'better-sqlite3'
import type { InsertLeaves } from '../log-append.js'

/** Rows per statement: measured fastest here (SQLite parses the statement once, then binds 600 values per run). */
const CHUNK = 100

/**
 * Leaf rows written through cached multi-row prepared statements on the store's one connection,
 * skipping Kysely's per-query compile and better-sqlite3's per-query prepare (together about half
 * of an append's time). Requires the caller to run inside the store's transaction on `raw`, which
 * holds that connection.
 */
export function sqliteLeafInserter(raw: BetterSqlite3.Database): InsertLeaves {
  const statements = new Map<number, BetterSqlite3.Statement>()
  const statementFor = (rows: number) => {
    let statement = statements.get(rows)
    if (!statement) {
      const values = Array.from({ length: rows }, () => '(?, ?, ?, ?, ?, ?)').join(', ')
      statement = raw.prepare(`insert into log_leaves (idx, leaf_hash, entry, credential_id, issuer, created_at) values ${values}`)
      statements.set(rows, statement)
    }
    return statement
  }
  return async (_q, rows) => {
    for (let i = 0; i < rows.length; i += CHUNK) {
      const chunk = rows.slice(i, i + CHUNK)
      statementFor(chunk.length).run(chunk.flatMap((r) => [r.idx, r.leaf_hash, r.entry, r.credential_id, r.issuer, r.created_at]))
    }
  }
}
