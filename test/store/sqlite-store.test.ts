import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll } from 'vitest'
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
