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
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: raw }) })

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
