import { sql } from 'kysely'
import type { InsertLeaves } from '../log-append.js'
import { byteaArray, int8Array, textArray } from './binary-array.js'

/**
 * Leaf rows written by one `insert … select from unnest(…)` per call: six array parameters in
 * PostgreSQL's binary array format, however many rows, instead of a multi-row VALUES list whose
 * thousands of parameters PostgreSQL parses and plans each time (and which must be split under its
 * 65,535-parameter limit). Runs inside the caller's transaction `q`.
 */
export const postgresLeafInserter: InsertLeaves = async (q, rows) => {
  if (rows.length === 0) return
  const column = <K extends keyof (typeof rows)[number]>(key: K) => rows.map((row) => row[key])
  await sql`insert into log_leaves (idx, leaf_hash, entry, credential_id, issuer, created_at)
    select * from unnest(${int8Array(column('idx'))}::int8[], ${byteaArray(column('leaf_hash'))}::bytea[], ${byteaArray(column('entry'))}::bytea[],
      ${textArray(column('credential_id'))}::text[], ${textArray(column('issuer'))}::text[], ${textArray(column('created_at'))}::text[])`.execute(q)
}
