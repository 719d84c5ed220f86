import type pg from 'pg'
import type { PostgresPool, PostgresPoolClient } from 'kysely'
import { PlatformError } from '../../core/errors.js'

/** SQLSTATEs of a server that went away or is not accepting connections yet. */
const UNAVAILABLE_STATES = new Set(['57P01', '57P02', '57P03', '53300'])
/** Socket errors of a database that cannot be reached. */
const UNAVAILABLE_ERRNOS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN'])
/** What node-postgres says when a connection ends under it (it has no code for these). */
const UNAVAILABLE_MESSAGE = /^(Connection terminated|Client has encountered a connection error|timeout exceeded when trying to connect|Client was closed and is not queryable)/i

/**
 * True when `err` says the database is away (shut down, restarting, unreachable, the connection
 * cut), not that the statement was wrong: such a request may succeed if retried a little later.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  if (!(err instanceof Error)) return false
  const code = (err as { code?: unknown }).code
  if (typeof code === 'string' && (UNAVAILABLE_STATES.has(code) || code.startsWith('08') || UNAVAILABLE_ERRNOS.has(code))) return true
  if (err instanceof AggregateError) return err.errors.some(isDatabaseUnavailable)
  return UNAVAILABLE_MESSAGE.test(err.message)
}

/** `err` as ERR_STORE_UNAVAILABLE when the database is away (the HTTP edge answers 503 with Retry-After), otherwise unchanged. */
export const unavailableError = (err: unknown): unknown =>
  isDatabaseUnavailable(err) ? new PlatformError('ERR_STORE_UNAVAILABLE', `The database is unavailable (${reasonOf(err)}); try again shortly`, { cause: err }) : err

/** What went wrong, in a few words: the error's message, or the first of an AggregateError's (ECONNREFUSED on every address). */
const reasonOf = (err: unknown): string =>
  err instanceof AggregateError && err.errors.length > 0 ? reasonOf(err.errors[0]) : err instanceof Error ? err.message || String((err as { code?: unknown }).code) : String(err)

/**
 * The pg Pool as Kysely sees it, made to ride through a database restart:
 * - an idle pooled client's `error` (57P01 on shutdown, a reset socket) is reported to `onError`
 *   instead of crashing the process as an unhandled `error` event; the pool drops that client;
 * - a checked-out client gets an `error` listener too (it can lose its connection between two
 *   statements of a transaction, when no query is there to receive the error);
 * - connecting or querying while the database is away throws ERR_STORE_UNAVAILABLE, so callers
 *   answer 503; the next connect after the database is back opens a fresh connection.
 */
export function resilientPool(pool: pg.Pool, onError: (err: Error) => void): PostgresPool {
  pool.on('error', (err) => onError(err))
  // Every client carries a listener from the moment it is connected, idle or checked out: pg-pool
  // removes its own idle listener while a client is lent, and a backend terminated then would
  // otherwise raise an unhandled 'error' event.
  pool.on('connect', (client) => void client.on('error', (err) => onError(err)))
  return {
    async connect(): Promise<PostgresPoolClient> {
      let client: pg.PoolClient
      try {
        client = await pool.connect()
      } catch (err) {
        throw unavailableError(err)
      }
      const query = ((...args: [unknown, unknown?]) => {
        const result = (client.query as (...a: unknown[]) => unknown)(...args)
        // A Cursor (streaming) is returned as it is; a promise has its connection errors mapped.
        return result instanceof Promise ? result.catch((err: unknown) => Promise.reject(unavailableError(err))) : result
      }) as PostgresPoolClient['query']
      return { query, release: (destroy?: boolean) => client.release(destroy) }
    },
    end: () => pool.end(),
  }
}
