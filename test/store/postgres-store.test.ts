import { describe, it } from 'vitest'
import { describeIssuanceRepos } from './issuance-repos.contract.js'
import { describeHolderRepos } from './holder-repos.contract.js'
import { describeOrgRepos } from './org-repos.contract.js'
import { describePlatformRepos } from './platform-repos.contract.js'
import { describeTrustRepos } from './trust-repos.contract.js'
import { describeStore } from './store.contract.js'
import { describeWalletRepos } from './wallet-repos.contract.js'
import { TEST_DATABASE_URL, openTestPostgresStore } from './postgres-schema.js'

if (TEST_DATABASE_URL) {
  const url = TEST_DATABASE_URL
  describeStore('postgres', () => openTestPostgresStore(url))
  describeOrgRepos('postgres', ({ now }) => openTestPostgresStore(url, { now }))
  describeIssuanceRepos('postgres', ({ now }) => openTestPostgresStore(url, { now }))
  describePlatformRepos('postgres', ({ now }) => openTestPostgresStore(url, { now }))
  describeHolderRepos('postgres', ({ now }) => openTestPostgresStore(url, { now }))
  describeWalletRepos('postgres', ({ now }) => openTestPostgresStore(url, { now }))
  describeTrustRepos('postgres', ({ now }) => openTestPostgresStore(url, { now }))
} else {
  describe.skip('postgres store (skipped: set TEST_DATABASE_URL=postgres://… to run the store contract on PostgreSQL)', () => {
    it('passes the store contract', () => {})
  })
}
