import { openPostgresStore } from './postgres/open-postgres-store.js'
import { openSqliteStore } from './sqlite/open-sqlite-store.js'
import type { Store } from './store.js'

/** True for a `postgres://` (or `postgresql://`) URL; anything else names a SQLite file or ':memory:'. */
export const isPostgresUrl = (url: string): boolean => /^postgres(ql)?:\/\//i.test(url)

/** Where the store lives, and options for it. */
export interface OpenStoreOptions {
  /** A SQLite file path, ':memory:', or a `postgres://` (or `postgresql://`) URL. */
  url: string
  /** PostgreSQL only: the schema to use instead of `public`. */
  schema?: string
  /** The clock stamped into created_at columns (default: the system clock). */
  now?: () => Date
  /** PostgreSQL only: told of a pooled connection lost (the database restarted); see PostgresStoreOptions. */
  onConnectionError?: (err: Error) => void
}

/**
 * Opens the store: PostgreSQL for a postgres:// URL, SQLite otherwise. Call `migrate()` before use.
 * @example
 * const store = await openStore({ url: ':memory:' })
 * await store.migrate()
 */
export async function openStore(options: OpenStoreOptions): Promise<Store> {
  const { url, schema, now, onConnectionError } = options
  if (isPostgresUrl(url)) return openPostgresStore({ url, ...(schema ? { schema } : {}), ...(now ? { now } : {}), ...(onConnectionError ? { onConnectionError } : {}) })
  if (schema !== undefined) throw new TypeError('schema applies to PostgreSQL only')
  return openSqliteStore({ path: url, ...(now ? { now } : {}) })
}
