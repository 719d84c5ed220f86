import BetterSqlite3 from 'better-sqlite3'
import { Kysely, SqliteDialect, sql, type DatabaseConnection, type Driver, type SqliteDialectConfig } from 'kysely'
import type { Database } from '../schema.js'
import { createStore, type RunTransaction, type Store } from '../store.js'
import { sqliteLeafInserter } from './sqlite-leaf-inserter.js'
import { WRITER_AUTOCHECKPOINT_PAGES, walCheckpointer } from './wal-checkpointer.js'
import { BoundedMap } from '../../core/bounded-map.js'

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
 * Tables written on hot paths that no read path serves back as it was written: counts and limits
 * only (verification events, rate-limit events), a visitor's own session and sign-in throttling.
 * A write to them leaves `changeToken` as it is, so kept answers survive a flush of page-view counts.
 */
const UNWATCHED_TABLES = new Set(['verification_events', 'rate_limit_events', 'sessions', 'sign_in_throttle'])

/** The table a write statement names first (INSERT INTO / UPDATE / DELETE FROM / REPLACE INTO), as Kysely writes them. */
const WRITTEN_TABLE = /^\s*(?:insert(?:\s+or\s+\w+)?\s+into|replace\s+into|update(?:\s+or\s+\w+)?|delete\s+from)\s+"?([A-Za-z_]\w*)"?/i

/** Statements that change nothing by themselves: reads and transaction control. */
const CHANGES_NOTHING = /^\s*(?:select|begin|commit|end|rollback|savepoint|release)\b/i

/**
 * Whether a statement Kysely runs may change what readers see: anything but a read, transaction
 * control, or a write to one of the UNWATCHED_TABLES (a CTE, raw SQL or an unknown form counts).
 */
export function isWatchedWrite(source: string): boolean {
  if (CHANGES_NOTHING.test(source)) return false
  const table = WRITTEN_TABLE.exec(source)?.[1]
  return table === undefined || !UNWATCHED_TABLES.has(table.toLowerCase())
}

/**
 * The connection as Kysely sees it, with its read-only statements prepared once and reused (Kysely's
 * driver prepares every query again, which cost a page view ~8% of its time). Only readers are
 * kept: better-sqlite3 runs `all()` to completion synchronously, so a kept statement is never busy
 * when it is used again (Kysely streams nothing here); SQLite re-prepares one after a schema change.
 * `onWrite` is called before any statement that may change what readers see (isWatchedWrite) runs.
 */
function withCachedReads(raw: BetterSqlite3.Database, onWrite: () => void): Pick<BetterSqlite3.Database, 'prepare' | 'close'> {
  const reads = new BoundedMap<string, BetterSqlite3.Statement>(CACHED_READS)
  return {
    prepare(source: string) {
      const kept = reads.get(source)
      if (kept) return kept
      if (isWatchedWrite(source)) onWrite()
      const statement = raw.prepare(source)
      // A statement that returns rows and writes nothing: a SELECT, or a WITH … SELECT (the log's append reads its size so).
      if (statement.reader && statement.readonly) reads.set(source, statement)
      return statement
    },
    close: () => raw.close(),
  } as Pick<BetterSqlite3.Database, 'prepare' | 'close'>
}

/** How long one statement may hold the thread waiting for another connection's write lock (SQLite's busy handler sleeps synchronously); past it, the wait goes on without holding the thread. */
const LOCK_WAIT_IN_THREAD_MS = 5

/** The longest pause between two tries for a lock held by another connection. */
const LOCK_RETRY_MAX_PAUSE_MS = 20

/**
 * SQLite's dialect waiting for another connection's write lock (another process, or the jobs thread
 * of `emblem serve`) without holding the thread: better-sqlite3 is synchronous, so SQLite's own busy
 * handler would stop every request of the process for as long as the other writer's transaction
 * lasts. Here each statement waits at most LOCK_WAIT_IN_THREAD_MS in the thread; a statement that
 * found the database locked (SQLITE_BUSY) outside a transaction (an autocommit write, or the BEGIN
 * IMMEDIATE of one: nothing of it ran) is tried again after a pause, until `waitMs` has passed;
 * during the pause the connection is free for others (reads go on; nothing of a transaction is open).
 */
class LockWaitingSqliteDialect extends SqliteDialect {
  readonly #raw: BetterSqlite3.Database
  readonly #waitMs: number

  constructor(config: SqliteDialectConfig, raw: BetterSqlite3.Database, waitMs: number) {
    super(config)
    this.#raw = raw
    this.#waitMs = waitMs
  }

  override createDriver(): Driver {
    const driver = super.createDriver()
    const acquire = driver.acquireConnection.bind(driver)
    const release = driver.releaseConnection.bind(driver)
    const raw = this.#raw
    const waitMs = this.#waitMs
    driver.acquireConnection = async (): Promise<DatabaseConnection> => {
      const connection = await acquire()
      return {
        executeQuery: async (query) => {
          const deadline = performance.now() + waitMs
          for (let pause = 1; ; pause = Math.min(pause * 2, LOCK_RETRY_MAX_PAUSE_MS)) {
            try {
              return await connection.executeQuery(query)
            } catch (err) {
              if ((err as { code?: unknown }).code !== 'SQLITE_BUSY' || raw.inTransaction || performance.now() >= deadline) throw err
            }
            // Outside a transaction: the connection is let go during the pause, so reads in this thread go on meanwhile.
            await release(connection)
            await new Promise((resolve) => setTimeout(resolve, pause))
            await acquire()
          }
        },
        streamQuery: (query, chunkSize) => connection.streamQuery(query, chunkSize),
      }
    }
    return driver
  }
}

/**
 * The store on SQLite (better-sqlite3): WAL, synchronous=FULL (a commit survives power loss),
 * a busy timeout (waited for mostly off the thread: LockWaitingSqliteDialect), foreign keys on. One connection; each transaction is BEGIN IMMEDIATE, so it holds
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
  // changeToken: SQLite's data_version changes when ANOTHER connection (another process, the jobs
  // thread, or another store in this one) committed; this connection's own writes count in `writes`
  // (bumped before each runs, so a token read after the bump never vouches for what was read before the write).
  // data_version is read at most once per turn of the event loop (it takes the file's shared lock:
  // ~7% of a warm verification's time when read per request): a commit by another connection that
  // completed before this turn's I/O was polled is seen by every request read in this turn, and the
  // next turn reads it again.
  let writes = 0
  const dataVersion = raw.prepare('pragma data_version').pluck()
  let versionThisTurn: number | undefined
  const forgetVersion = () => void (versionThisTurn = undefined)
  const changeToken = () => {
    if (versionThisTurn === undefined) {
      versionThisTurn = dataVersion.get() as number
      setImmediate(forgetVersion)
    }
    return `${versionThisTurn}:${writes}`
  }
  // From here on a locked database is waited for off the thread (LockWaitingSqliteDialect).
  raw.pragma(`busy_timeout = ${Math.min(LOCK_WAIT_IN_THREAD_MS, Math.trunc(busyTimeoutMs))}`)
  const db = new Kysely<Database>({ dialect: new LockWaitingSqliteDialect({ database: withCachedReads(raw, () => void writes++) }, raw, busyTimeoutMs) })
  // The log's leaves are written past Kysely: counted as this connection's writes too.
  const leafInserter = sqliteLeafInserter(raw)

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
  return createStore({ db, dialect: 'sqlite', runTransaction, now, insertLeaves: (q, rows) => (writes++, leafInserter(q, rows)), changeToken, ...(checkpointer ? { afterClose: () => checkpointer.stop() } : {}) })
}
