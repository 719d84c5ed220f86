// The Store adapter: credentials and the transparency log over Kysely, on SQLite or PostgreSQL.
export { openStore, isPostgresUrl, type OpenStoreOptions } from './open-store.js'
export { openSqliteStore, type SqliteStoreOptions } from './sqlite/open-sqlite-store.js'
export { openPostgresStore, LOG_LOCK_KEY, type PostgresStoreOptions } from './postgres/open-postgres-store.js'
export type { Store } from './store.js'
export type { StoredCredential } from './credentials.js'
export type { Database, Dialect } from './schema.js'
