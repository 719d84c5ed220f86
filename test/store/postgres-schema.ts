import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { openStore, type Store } from '../../src/store/index.js'

/** The PostgreSQL the tests may use (CI: postgres://postgres@127.0.0.1:5432/test), or undefined to skip. */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL || undefined

/** Runs one statement on its own connection; a statement that waits for a lock fails after 30 s instead of holding the run. */
async function run(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000, options: '-c lock_timeout=30000 -c statement_timeout=60000' })
  await client.connect()
  try {
    await client.query(statement)
  } finally {
    await client.end()
  }
}

/**
 * A migrated PostgreSQL store in a schema of its own (`emblem_test_<random>`), dropped when the
 * store closes, so no run or test ever sees another's rows.
 */
export async function openTestPostgresStore(url: string, { now }: { now?: () => Date } = {}): Promise<Store> {
  const schema = `emblem_test_${randomBytes(6).toString('hex')}`
  await run(url, `create schema ${schema}`)
  const store = await openStore({ url, schema, ...(now ? { now } : {}) })
  await store.migrate()
  return {
    ...store,
    async close() {
      await store.close()
      await run(url, `drop schema ${schema} cascade`)
    },
  }
}
