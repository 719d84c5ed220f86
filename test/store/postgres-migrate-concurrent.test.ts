import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { describe, expect, it } from 'vitest'
import { TEST_DATABASE_URL, openTestPostgresStore } from './postgres-schema.js'

/**
 * Several tenants share one PostgreSQL database, each in its own schema. Kysely's migrator lists the
 * tables of every schema before it takes its lock, so another tenant's DDL at that moment (a schema
 * dropped, tables created) failed a migration with "column … does not exist" (CI met it once); introspection now
 * looks at the store's own schema only.
 */
if (TEST_DATABASE_URL) {
  const url = TEST_DATABASE_URL
  describe('postgres migrations beside other schemas changing', () => {
    it('brings every tenant to the latest schema while others create and drop theirs', { timeout: 120_000 }, async () => {
      const churn = new pg.Client({ connectionString: url })
      await churn.connect()
      let stop = false
      const churning = (async () => {
        while (!stop) {
          const schema = `emblem_churn_${randomBytes(4).toString('hex')}`
          await churn.query(`create schema ${schema}`)
          await churn.query(`create table ${schema}.t (id serial primary key, a text, b text, c text)`)
          await churn.query(`alter table ${schema}.t drop column b`)
          await churn.query(`drop schema ${schema} cascade`)
        }
      })()
      try {
        const stores = await Promise.all(Array.from({ length: 6 }, () => openTestPostgresStore(url)))
        for (const store of stores) expect(await store.pendingMigrations()).toEqual([])
        await Promise.all(stores.map((store) => store.close()))
      } finally {
        stop = true
        await churning
        await churn.end()
      }
    })
  })
} else {
  describe.skip('postgres migrations beside other schemas (skipped: set TEST_DATABASE_URL=postgres://… to run)', () => {
    it('migrates', () => {})
  })
}
