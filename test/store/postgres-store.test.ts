import { describe, expect, it } from 'vitest'
import { logAppendOf } from '../../src/app/log-append.js'
import { testCredential } from './log-fixtures.js'
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

  describe('postgres: instances in other schemas of one database', () => {
    it("never wait for each other's log writer: an append commits while another schema's writer holds its lock", async () => {
      const [a, b] = await Promise.all([openTestPostgresStore(url), openTestPostgresStore(url)])
      try {
        let release!: () => void
        const held = new Promise<void>((resolve) => (release = resolve))
        let appended!: () => void
        const holding = new Promise<void>((resolve) => (appended = resolve))
        const writerA = a.transaction(async (tx) => {
          await tx.log.append([logAppendOf(testCredential(1))])
          appended()
          await held // A's transaction, and its log lock, stay open
        })
        await holding
        const started = Date.now()
        await b.transaction((tx) => tx.log.append([logAppendOf(testCredential(2))]))
        expect(Date.now() - started).toBeLessThan(2_000)
        expect(await b.transaction((tx) => tx.log.size())).toBe(1)
        release()
        await writerA
        expect(await a.transaction((tx) => tx.log.size())).toBe(1)
      } finally {
        await Promise.all([a.close(), b.close()])
      }
    })
  })
} else {
  describe.skip('postgres store (skipped: set TEST_DATABASE_URL=postgres://… to run the store contract on PostgreSQL)', () => {
    it('passes the store contract', () => {})
  })
}
