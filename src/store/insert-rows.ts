import { PostgresAdapter, sql, type Insertable, type Kysely, type RawBuilder } from 'kysely'
import { byteaArray, int8Array, textArray } from './postgres/binary-array.js'
import type { Database } from './schema.js'

/** Rows per `insert … select from unnest(…)`: a few megabytes of arrays at most, however wide the rows. */
const UNNEST_ROWS = 5000

type Column = { name: string; values: unknown[] }

/**
 * One column as an array parameter with its type, or `null` for a column that is NULL in every row
 * (PostgreSQL gives an untyped NULL the column's type), or undefined when the values are not all
 * text, safe integers or bytes (with NULLs): such rows go through Kysely instead.
 */
function arrayOf({ values }: Column): RawBuilder<unknown> | null | undefined {
  let kind: 'text' | 'int8' | 'bytea' | undefined
  for (const value of values) {
    if (value === null) continue
    const is = typeof value === 'string' ? 'text' : Number.isSafeInteger(value) ? 'int8' : value instanceof Uint8Array ? 'bytea' : undefined
    if (is === undefined || (kind !== undefined && is !== kind)) return undefined
    kind = is
  }
  if (kind === 'text') return sql`${textArray(values as (string | null)[])}::text[]`
  if (kind === 'int8') return sql`${int8Array(values as (number | null)[])}::int8[]`
  if (kind === 'bytea') return sql`${byteaArray(values as (Uint8Array | null)[])}::bytea[]`
  return null
}

/**
 * Inserts `rows` into `table` through `q` (inside the caller's transaction for atomicity). On
 * PostgreSQL: `insert … select from unnest(…)`, one array parameter a column in the binary format,
 * instead of a multi-row VALUES list whose tens of thousands of parameters PostgreSQL parses and
 * plans every time (a 1,000-credential chunk's three such inserts took ~140 ms of ~280 ms). On
 * SQLite, and for rows whose values an array cannot carry (or whose keys differ): Kysely's
 * multi-row insert, `perInsert` rows at a time (under the parameter limits).
 */
export async function insertRows<T extends keyof Database & string>(q: Kysely<Database>, table: T, rows: readonly Insertable<Database[T]>[], perInsert: number): Promise<void> {
  if (rows.length === 0) return
  if (q.getExecutor().adapter instanceof PostgresAdapter) {
    for (let i = 0; i < rows.length; i += UNNEST_ROWS) {
      const part = rows.slice(i, i + UNNEST_ROWS)
      if (!(await unnestInsert(q, table, part))) await valuesInsert(q, table, part, perInsert)
    }
    return
  }
  await valuesInsert(q, table, rows, perInsert)
}

async function valuesInsert<T extends keyof Database & string>(q: Kysely<Database>, table: T, rows: readonly Insertable<Database[T]>[], perInsert: number): Promise<void> {
  for (let i = 0; i < rows.length; i += perInsert) await q.insertInto(table).values(rows.slice(i, i + perInsert) as never).execute()
}

/** Inserts `rows` with one `insert … select from unnest(…)` and returns true, or returns false having written nothing when arrays cannot carry them. */
async function unnestInsert<T extends keyof Database & string>(q: Kysely<Database>, table: T, rows: readonly Insertable<Database[T]>[]): Promise<boolean> {
  const names = Object.keys(rows[0]!)
  const columns: Column[] = names.map((name) => ({ name, values: [] }))
  for (const row of rows) {
    const record = row as Record<string, unknown>
    if (Object.keys(record).length !== names.length) return false
    for (const column of columns) {
      const value = record[column.name]
      if (value === undefined) return false
      column.values.push(value)
    }
  }
  const arrays = columns.map(arrayOf)
  const unnested = arrays.flatMap((array) => (array ? [array] : []))
  if (arrays.includes(undefined) || unnested.length === 0) return false
  const select = columns.map((column, i) => (arrays[i] === null ? sql`null` : sql.ref(`u.${column.name}`)))
  const aliases = columns.filter((_, i) => arrays[i] !== null).map((column) => sql.ref(column.name))
  await sql`insert into ${sql.table(table)} (${sql.join(names.map((name) => sql.ref(name)))})
    select ${sql.join(select)} from unnest(${sql.join(unnested)}) as u(${sql.join(aliases)})`.execute(q)
  return true
}
