import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import { openStore } from '../../src/store/index.js'
import { describeIssuanceRepos } from './issuance-repos.contract.js'
import { describeHolderRepos } from './holder-repos.contract.js'
import { describeOrgRepos } from './org-repos.contract.js'
import { describePlatformRepos } from './platform-repos.contract.js'
import { describeTrustRepos } from './trust-repos.contract.js'
import { describeStore } from './store.contract.js'
import { describeWalletRepos } from './wallet-repos.contract.js'

const dir = mkdtempSync(join(tmpdir(), 'emblem-store-'))
let files = 0
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const migrated = async (url: string, now?: () => Date) => {
  const store = await openStore({ url, ...(now ? { now } : {}) })
  await store.migrate()
  return store
}

describeStore('sqlite :memory:', () => migrated(':memory:'))
describeStore('sqlite file', () => migrated(join(dir, `store-${++files}.db`)))
describeOrgRepos('sqlite', ({ now }) => migrated(':memory:', now))
describeIssuanceRepos('sqlite', ({ now }) => migrated(':memory:', now))
describePlatformRepos('sqlite', ({ now }) => migrated(':memory:', now))
describeHolderRepos('sqlite', ({ now }) => migrated(':memory:', now))
describeWalletRepos('sqlite', ({ now }) => migrated(':memory:', now))
describeTrustRepos('sqlite', ({ now }) => migrated(':memory:', now))

describe("a SQLite file's write lock held by another connection (the jobs thread of `emblem serve`, another process)", () => {
  it('is waited for without holding the thread, and the write goes through once the lock is released', async () => {
    const path = join(dir, `store-${++files}.db`)
    const store = await migrated(path)
    const other = new BetterSqlite3(path)
    try {
      other.exec('begin immediate')
      setTimeout(() => other.exec('commit'), 300)
      let ticks = 0
      const ticker = setInterval(() => ticks++, 10)
      const started = performance.now()
      const write = store.repos.rateLimits.add('lock-test', Date.now(), Date.now() + 60_000)
      // Reads on this connection are not queued behind the waiting write.
      await new Promise((resolve) => setTimeout(resolve, 50))
      const readMs = performance.now()
      await store.log.latestCheckpoint()
      expect(performance.now() - readMs).toBeLessThan(150)
      await write
      clearInterval(ticker)
      expect(performance.now() - started).toBeGreaterThanOrEqual(250)
      // SQLite's own busy handler would have slept ~300 ms in the thread: no timer would have fired.
      expect(ticks).toBeGreaterThan(10)
      expect(await store.repos.rateLimits.recent('lock-test', 0, 10)).toHaveLength(1)
    } finally {
      other.close()
      await store.close()
    }
  })
})
