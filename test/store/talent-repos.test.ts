import { describe, it } from 'vitest'
import { openStore } from '../../src/store/index.js'
import { TEST_DATABASE_URL, openTestPostgresStore } from './postgres-schema.js'
import { describeTalentRepo } from './talent-repos.contract.js'

describeTalentRepo('sqlite', async ({ now }) => {
  const store = await openStore({ url: ':memory:', now })
  await store.migrate()
  return store
})

if (TEST_DATABASE_URL) {
  const url = TEST_DATABASE_URL
  describeTalentRepo('postgres', ({ now }) => openTestPostgresStore(url, { now }))
} else {
  describe.skip('talent repository on postgres (set TEST_DATABASE_URL)', () => {
    it('passes the contract', () => {})
  })
}
