import { Migrator, type Kysely } from 'kysely'
import { PlatformError } from '../core/errors.js'
import type { PlatformStore, PlatformTransaction } from '../app/platform/ports.js'
import type { LogReader } from '../app/ports.js'
import { readCredential, credentialWriter, type StoredCredential } from './credentials.js'
import type { InsertLeaves } from './log-append.js'
import { createLogReader } from './log-reader.js'
import { logWriter } from './log-writer.js'
import { migrationsFor } from './migrations.js'
import { platformRepos } from './platform/repos.js'
import type { Database, Dialect } from './schema.js'

/** Emblem's storage: credentials and the transparency log, on SQLite or PostgreSQL, one schema. */
export interface Store extends PlatformStore {
  readonly dialect: Dialect
  /** Brings the schema to the latest migration (idempotent). */
  migrate(): Promise<void>
  /** Closes the connection (SQLite) or ends the pool (PostgreSQL). */
  close(): Promise<void>
  credentials: {
    /** The stored credential with this id, or undefined. */
    get(id: string): Promise<StoredCredential | undefined>
  }
  /** The log as readers see it: nothing past the latest signed checkpoint. */
  log: LogReader
  /** The Kysely instance, for adapters' own queries (tests seed through it). */
  db: Kysely<Database>
}

/**
 * Runs `work` in one transaction on `q` holding the log's single-writer lock when it calls `lock`:
 * what each dialect provides (SQLite: BEGIN IMMEDIATE; PostgreSQL: an advisory transaction lock).
 */
export type RunTransaction = <T>(work: (q: Kysely<Database>, lock: () => Promise<void>) => Promise<T>) => Promise<T>

/** What a dialect's opener hands over to build a Store. */
export interface StoreParts {
  db: Kysely<Database>
  dialect: Dialect
  runTransaction: RunTransaction
  now: () => Date
  /** A faster way to write leaf rows than Kysely's multi-row insert, if the dialect has one. */
  insertLeaves?: InsertLeaves
  /** Extra work on close, after the Kysely instance is destroyed. */
  afterClose?: () => Promise<void>
  /** PlatformStore.changeToken, where the dialect can tell (SQLite). */
  changeToken?: () => string | undefined
  /** PostgreSQL: the schema the tables live in, where Kysely's migration tables must go too. */
  schema?: string
}

/** A Store over a dialect's Kysely instance and transaction runner. */
export function createStore({ db, dialect, runTransaction, now, insertLeaves, afterClose, schema, changeToken }: StoreParts): Store {
  return {
    dialect,
    ...(changeToken ? { changeToken } : {}),
    async migrate() {
      // Kysely looks for its migration tables in every schema unless told which one is ours.
      const { error } = await new Migrator({ db, provider: migrationsFor(dialect), ...(schema ? { migrationTableSchema: schema } : {}) }).migrateToLatest()
      if (error) {
        const reason = error instanceof Error ? error.message || (error as { code?: string }).code : String(error)
        throw new PlatformError('ERR_STORE_UNAVAILABLE', `Cannot bring the ${dialect} database to the latest schema: ${reason}`, { cause: error })
      }
    },
    async pendingMigrations() {
      const migrator = new Migrator({ db, provider: migrationsFor(dialect), ...(schema ? { migrationTableSchema: schema } : {}) })
      return (await migrator.getMigrations()).filter((m) => m.executedAt === undefined).map((m) => m.name)
    },
    async close() {
      await db.destroy()
      await afterClose?.()
    },
    transaction: (work) =>
      runTransaction((q, lock) => {
        const tx: PlatformTransaction = { credentials: credentialWriter(q, now), log: logWriter(q, lock, now, insertLeaves), repos: platformRepos(q, now) }
        return work(tx)
      }),
    credentials: { get: (id) => readCredential(db, id) },
    repos: platformRepos(db, now),
    db,
    log: createLogReader(db),
  }
}
