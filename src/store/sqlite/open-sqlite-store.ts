import BetterSqlite3 from 'better-sqlite3'
import { Kysely, SqliteDialect, sql } from 'kysely'
import type { Database } from '../schema.js'
import { createStore, type RunTransaction, type Store } from '../store.js'
import { sqliteLeafInserter } from './sqlite-leaf-inserter.js'
import { WRITER_AUTOCHECKPOINT_PAGES, walCheckpointer } from './wal-checkpointer.js'

/** Options of the SQLite store: a file path or ':memory:'. */
export interface SqliteStoreOptions {
  path: string
  /** Milliseconds to wait for another process's write lock (default 5,000). */
  busyTimeoutMs?: number
  now?: () => Date
}

/** How many distinct read statements stay prepared. */
const CACHED_READS = 500

/**
 * The connection as Kysely sees it, with its SELECT statements prepared once and reused (Kysely's
 * driver prepares every query again, which cost a page view ~8% of its time). Only readers are
 * kept: better-sqlite3 runs `all()` to completion synchronously, so a kept statement is never busy
 * when it is used again (Kysely streams nothing here); SQLite re-prepares one after a schema change.
 */
function withCachedReads(raw: BetterSqlite3.Database): Pick<BetterSqlite3.Database, 'prepare' | 'close'> {
  const reads = new Map<string, BetterSqlite3.Statement>()
  return {
    prepare(source: string) {
      const kept = reads.get(source)
      if (kept) return kept
      const statement = raw.prepare(source)
      if (statement.reader && /^\s*select\b/i.test(source)) {
        if (reads.size >= CACHED_READS) reads.delete(reads.keys().next().value!)
        reads.set(source, statement)
      }
      return statement
    },
    close: () => raw.close(),
  } as Pick<BetterSqlite3.Database, 'prepare' | 'close'>
}

/**
 * The store on SQLite (better-sqlite3): WAL, synchronous=FULL (a commit survives power loss),
 * busy_timeout, foreign keys on. One connection; each transaction is BEGIN IMMEDIATE, so it holds
 * the database's single write lock from its first statement (across processes too). A file's WAL
 * is checkpointed from a worker thread after commits (walCheckpointer), not inside them.
 */
export async function openSqliteStore(options: SqliteStoreOptions): Promise<Store> {
  const { path, busyTimeoutMs, now } = { busyTimeoutMs: 5000, now: () => new Date(), ...options }
  const raw = new BetterSqlite3(path)
  raw.pragma(`busy_timeout = ${Math.trunc(busyTimeoutMs)}`)
  const checkpointer = path === ':memory:' ? undefined : walCheckpointer(path)
  if (checkpointer) {
    raw.pragma('journal_mode = WAL')
    raw.pragma(`wal_autocheckpoint = ${WRITER_AUTOCHECKPOINT_PAGES}`)
  }
  raw.pragma('synchronous = FULL')
  raw.pragma('foreign_keys = ON')
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withCachedReads(raw) }) })

  // connection() holds Kysely's single connection (its mutex) until the work settles, so the
  // transaction's statements never interleave with another caller's.
  const runTransaction: RunTransaction = (work) =>
    db.connection().execute(async (conn) => {
      await sql`begin immediate`.execute(conn)
      try {
        const result = await work(conn, async () => {})
        await sql`commit`.execute(conn)
        checkpointer?.nudge()
        return result
      } catch (err) {
        if (raw.inTransaction) await sql`rollback`.execute(conn)
        throw err
      }
    })
  return createStore({ db, dialect: 'sqlite', runTransaction, now, insertLeaves: sqliteLeafInserter(raw), ...(checkpointer ? { afterClose: () => checkpointer.stop() } : {}) })
}
