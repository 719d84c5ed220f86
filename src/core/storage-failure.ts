import { PlatformError } from './errors.js'

/** SQLite result codes (better-sqlite3 `code`) and Node errnos of a full disk or a full database. */
const FULL = new Set(['SQLITE_FULL', 'ENOSPC', 'EDQUOT'])
/** PostgreSQL SQLSTATEs of a full disk (disk_full) or too little memory or space to go on. */
const PG_FULL = new Set(['53100', '53200'])
/** PostgreSQL SQLSTATE of a write in a read-only transaction (a hot standby, default_transaction_read_only). */
const PG_READ_ONLY = new Set(['25006'])

const codeOf = (err: unknown): string | undefined => {
  if (typeof err !== 'object' || err === null) return undefined
  const code = (err as { code?: unknown }).code
  return typeof code === 'string' ? code : undefined
}

/**
 * The storage failure `err` is, as a PlatformError the edges answer clearly, or undefined: a full disk
 * or database (SQLITE_FULL, ENOSPC, PostgreSQL 53100) is ERR_STORAGE_FULL; a database or data
 * directory that cannot be written (SQLITE_READONLY*, EROFS, PostgreSQL 25006) is ERR_STORE_READ_ONLY.
 * The failed statement's transaction was rolled back by the database, so nothing was half-written.
 * Looks through `cause` chains (Kysely and our wrappers keep the driver's error there).
 */
export function storageFailureOf(err: unknown): PlatformError | undefined {
  for (let e: unknown = err, depth = 0; e !== undefined && e !== null && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof PlatformError && (e.code === 'ERR_STORAGE_FULL' || e.code === 'ERR_STORE_READ_ONLY')) return e
    const code = codeOf(e)
    if (code === undefined) continue
    if (FULL.has(code) || PG_FULL.has(code)) {
      return new PlatformError('ERR_STORAGE_FULL', 'The server is out of storage space: nothing was saved. Try again once an operator has freed space.', { cause: e })
    }
    if (code.startsWith('SQLITE_READONLY') || code === 'EROFS' || PG_READ_ONLY.has(code)) {
      return new PlatformError('ERR_STORE_READ_ONLY', 'The database cannot be written (it or its data directory is read-only): nothing was saved. Try again later.', { cause: e })
    }
  }
  return undefined
}
