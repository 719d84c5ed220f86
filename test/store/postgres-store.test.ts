import { describe, it } from 'vitest'
import { describeStore } from './store.contract.js'
import { TEST_DATABASE_URL, openTestPostgresStore } from './postgres-schema.js'

if (TEST_DATABASE_URL) {
  const url = TEST_DATABASE_URL
  describeStore('postgres', () => openTestPostgresStore(url))
} else {
  describe.skip('postgres store (skipped: set TEST_DATABASE_URL=postgres://… to run the store contract on PostgreSQL)', () => {
    it('passes the store contract', () => {})
  })
}
