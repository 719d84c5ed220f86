import { sql, type Insertable, type Kysely } from 'kysely'
import type { Appended, LogAppend } from '../app/log-store.js'
import { TILE_WIDTH, hashLeaf, type Hash } from '../core/transparency-log/index.js'
import { fromBlob, toBlob, uniqueOr } from './blob.js'
import { insertRows } from './insert-rows.js'
import { leafTiles, storeFullTiles } from './log-tiles.js'
import type { Database, LogLeavesTable } from './schema.js'

// Six parameters a row: 2,000 rows stay under SQLite's 32,766 and PostgreSQL's 65,535 parameters.
const ROWS_PER_INSERT = 2000

/** A row of log_leaves as written. */
export type LeafRow = Insertable<LogLeavesTable>

/** Writes leaf rows inside the current transaction; a dialect may bring a faster one than `insertLeafRows`. */
export type InsertLeaves = (q: Kysely<Database>, rows: readonly LeafRow[]) => Promise<void>

/** insertRows: on PostgreSQL one `insert … select from unnest(…)`, else multi-row inserts of up to 2,000 rows each. */
export const insertLeafRows: InsertLeaves = (q, rows) => insertRows(q, 'log_leaves', rows, ROWS_PER_INSERT)

/** The number of leaves in the log: max(idx) + 1. Read it under the log lock to append after it. */
export async function logSize(q: Kysely<Database>): Promise<number> {
  const row = await q.selectFrom('log_leaves').select((eb) => eb.fn.max('idx').as('last')).executeTakeFirst()
  return row?.last == null ? 0 : Number(row.last) + 1
}

/**
 * The log's size and the hashes of the leaves of its open (partial) level-0 tile, in one query: what
 * an append needs before it writes. Read it under the log lock.
 */
export async function sizeAndOpenTile(q: Kysely<Database>): Promise<{ size: number; openTile: Hash[] }> {
  const { rows } = await sql<{ size: number | string; leaf_hash: Uint8Array | null }>`
    with m as (select coalesce(max(idx) + 1, 0) as size from log_leaves)
    select m.size as size, l.leaf_hash as leaf_hash from m
    left join log_leaves l on l.idx >= (m.size / ${sql.lit(TILE_WIDTH)}) * ${sql.lit(TILE_WIDTH)} and l.idx < m.size
    order by l.idx`.execute(q)
  const size = Number(rows[0]?.size ?? 0)
  const openTile = rows.flatMap((r) => (r.leaf_hash === null ? [] : [fromBlob(r.leaf_hash)]))
  if (openTile.length !== size % TILE_WIDTH) throw new Error(`Store: the open tile of a log of ${size} has ${openTile.length} leaf hashes stored`)
  return { size, openTile }
}

/**
 * Appends entries at indexes size, size + 1, … with multi-row inserts, then stores the full
 * tiles they complete. Requires the caller to hold the log lock for the whole transaction, so the
 * size read here is still the size when it commits. `leafHashes` are the entries' leaf hashes if
 * the caller computed them already. `ERR_CREDENTIAL_EXISTS` for a credential already in the log
 * (the transaction must then roll back).
 */
export async function appendLeaves(
  q: Kysely<Database>,
  entries: readonly LogAppend[],
  createdAt: string,
  insertLeaves: InsertLeaves = insertLeafRows,
  leafHashes: readonly Hash[] = entries.map((e) => hashLeaf(e.entry)),
): Promise<Appended> {
  const { size: first, openTile } = await sizeAndOpenTile(q)
  if (entries.length === 0) return { first, size: first }
  const rows: LeafRow[] = entries.map((e, i) => ({
    idx: first + i,
    leaf_hash: toBlob(leafHashes[i]!),
    entry: toBlob(e.entry),
    credential_id: e.credentialId,
    issuer: e.issuer,
    created_at: createdAt,
  }))
  const size = first + entries.length
  // The level-0 tiles this batch completes, hashed while the database writes the leaves (PostgreSQL
  // works in its own process; SQLite's synchronous driver has written them before this line runs).
  const inserted = uniqueOr(() => insertLeaves(q, rows), 'A credential of this batch is already in the log')
  inserted.catch(() => {})
  await new Promise(setImmediate)
  const tiles = leafTiles(first, size, [...openTile, ...leafHashes])
  await inserted
  await storeFullTiles(q, first, size, tiles)
  return { first, size }
}
