import { createHash } from 'node:crypto'
import pg from 'pg'
import { Kysely, PostgresDialect, sql, type DatabaseIntrospector, type DatabaseMetadata, type SchemaMetadata, type TableMetadata } from 'kysely'
import type { Database } from '../schema.js'
import { createStore, type RunTransaction, type Store } from '../store.js'
import { resilientPool } from './resilient-pool.js'

/** Options of the PostgreSQL store. */
export interface PostgresStoreOptions {
  /** A `postgres://` connection URL. */
  url: string
  /** A schema to use instead of `public` (set as the search_path of every connection); tests use one each. */
  schema?: string
  /** Most pooled connections (default 10). */
  maxConnections?: number
  /** Let the process exit while pooled connections sit idle (scripts, benches); default false. */
  allowExitOnIdle?: boolean
  now?: () => Date
  /**
   * Told of a pooled connection lost while idle or between statements (the database shut down or
   * restarted, the socket reset). The pool drops that connection and opens a fresh one on next use;
   * default: a warning on stderr.
   */
  onConnectionError?: (err: Error) => void
}

/** The advisory lock key of the log's single writer: "emblem" in ASCII (in the default schema). */
export const LOG_LOCK_KEY = 0x656d626c656d

/**
 * The log writer's advisory lock key for an instance in `schema`: advisory locks are per database,
 * so instances (or test runs) in other schemas of one database each take their own, never each
 * other's. The default schema keeps {@link LOG_LOCK_KEY}.
 */
export function logLockKey(schema: string | undefined): bigint {
  if (schema === undefined) return BigInt(LOG_LOCK_KEY)
  return createHash('sha256').update(`emblem-log:${schema}`).digest().readBigInt64BE(0)
}

const INT8 = 20
const SCHEMA = /^[a-z_][a-z0-9_]{0,62}$/

/**
 * The store on PostgreSQL (pg Pool). A transaction that touches the log first takes
 * pg_advisory_xact_lock on {@link logLockKey} (one per schema), held until it commits or rolls back, so one writer at a time
 * assigns indexes and signs checkpoints. int8 columns are read as numbers (indexes < 2^53).
 */
export async function openPostgresStore(options: PostgresStoreOptions): Promise<Store> {
  const { url, schema, maxConnections, allowExitOnIdle, now, onConnectionError } = {
    maxConnections: 10,
    allowExitOnIdle: false,
    now: () => new Date(),
    onConnectionError: (err: Error) => process.emitWarning(`PostgreSQL connection lost: ${err.message}`, 'EmblemDatabaseWarning'),
    ...options,
  }
  if (schema !== undefined && !SCHEMA.test(schema)) throw new TypeError(`schema must match ${SCHEMA}, got ${JSON.stringify(schema)}`)
  const pool = new pg.Pool({
    connectionString: url,
    max: maxConnections,
    allowExitOnIdle,
    // A database that does not answer is reported as unavailable (503) instead of holding requests forever.
    connectionTimeoutMillis: 5_000,
    // Names the connections in pg_stat_activity (a test's schema, so it can cut only its own).
    application_name: schema ? `emblem:${schema}` : 'emblem',
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
    types: { getTypeParser: ((oid: number, format?: 'text' | 'binary') => (oid === INT8 ? Number : pg.types.getTypeParser(oid, format))) as typeof pg.types.getTypeParser },
  })
  const db = new Kysely<Database>({ dialect: new OwnSchemaPostgresDialect({ pool: resilientPool(pool, onConnectionError) }) })
  const lockKey = logLockKey(schema).toString()

  const runTransaction: RunTransaction = (work) =>
    db.transaction().execute(async (trx) => {
      let locked: Promise<unknown> | undefined
      const lock = async () => {
        locked ??= sql`select pg_advisory_xact_lock((${sql.raw(lockKey)})::int8)`.execute(trx)
        await locked
      }
      return work(trx, lock)
    })
  return createStore({ db, dialect: 'postgres', runTransaction, now, ...(schema ? { schema } : {}) })
}

/**
 * PostgreSQL as Kysely speaks it, except that introspection sees only the schema this store works in
 * (its `search_path`). Kysely's own introspector lists the tables and columns of every schema in the
 * database, and its migrator asks it whether the migration tables exist before taking its lock: DDL
 * in another schema at that moment (another tenant, a test run dropping its schema) failed that
 * query with "column … does not exist" or "schema … does not exist".
 */
class OwnSchemaPostgresDialect extends PostgresDialect {
  override createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new OwnSchemaIntrospector(db)
  }
}

class OwnSchemaIntrospector implements DatabaseIntrospector {
  constructor(private readonly db: Kysely<unknown>) {}

  async getSchemas(): Promise<SchemaMetadata[]> {
    const { rows } = await sql<{ name: string }>`select current_schema() as name`.execute(this.db)
    return rows
  }

  /** The tables and views of the current schema, without their columns (nothing here needs them). */
  async getTables(): Promise<TableMetadata[]> {
    const { rows } = await sql<{ name: string; schema: string; type: string }>`
      select table_name as name, table_schema as schema, table_type as type
      from information_schema.tables where table_schema = current_schema()`.execute(this.db)
    return rows.map((row) => ({ name: row.name, schema: row.schema, isView: row.type === 'VIEW', columns: [] }))
  }

  async getMetadata(): Promise<DatabaseMetadata> {
    return { tables: await this.getTables() }
  }
}
