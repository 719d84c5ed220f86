// On SQLite a kept verification report (and a kept page) is reused without reading anything while
// the store's change token reads the same (PlatformStore.changeToken: SQLite's data_version, which
// moves when ANOTHER connection commits, and this connection's own writes). These tests change the
// database through a second connection to the same file, as another `emblem serve` process would,
// and require the very next request of the first to show it. The store reads data_version once per
// turn of the event loop: a request that arrives over the network after another process committed is
// always read in a later turn than the commit, so `elsewhere` lets one turn pass after its write, as
// the network would (these tests call the app in-process).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openStore, type Store } from '../../../src/store/index.js'
import { readJson } from '../../support/platform.js'
import { startCredentialPlatform, type CredentialPlatform } from './public-credential-fixture.js'

type Report = { verified: boolean; checks: { id: string; outcome: string; code?: string; message: string; cachedFrom?: string }[] }

describe('a kept report and page on SQLite, changed through another connection', () => {
  const dir = mkdtempSync(join(tmpdir(), 'emblem-freshness-'))
  let p: CredentialPlatform
  let other: Store
  beforeAll(async () => {
    p = await startCredentialPlatform({ sqlitePath: join(dir, 'emblem.db') })
    other = await openStore({ url: join(dir, 'emblem.db') })
  })
  afterAll(async () => {
    await other?.close()
    await p?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  const report = async (uuid: string): Promise<Report> => readJson(await p.request(`/api/v1/credentials/${uuid}/verification`))
  const page = async (uuid: string) => (await p.request(`/c/${uuid}`)).text()
  const status = (r: Report) => r.checks.find((c) => c.id === 'status')!
  /** A write through the other connection, and the turn of the event loop a request from outside would arrive in. */
  const elsewhere = async (write: () => Promise<unknown>) => {
    await write()
    await new Promise((resolve) => setImmediate(resolve))
  }

  it("shows another connection's suspension, and its lifting, on the very next verification and page view", async () => {
    const issued = await p.issue({ email: 'other-connection@example.org' })
    await p.signCheckpoint()
    await report(issued.uuid)
    await page(issued.uuid)
    const kept = await report(issued.uuid)
    expect(kept.verified).toBe(true)
    // The second answer is the kept one: its proof checks say when they ran.
    expect(kept.checks.find((c) => c.id === 'proof')?.cachedFrom).toBeDefined()
    expect(await page(issued.uuid)).toContain('data-verdict="verified"')

    await elsewhere(() => other.db.updateTable('issued_credentials').set({ state: 'suspended', state_reason: 'Under review' }).where('credential_id', '=', issued.id).execute())
    const suspended = await report(issued.uuid)
    expect(suspended.verified).toBe(false)
    expect(status(suspended)).toMatchObject({ outcome: 'failed', code: 'CREDENTIAL_SUSPENDED' })
    expect(await page(issued.uuid)).toContain('data-verdict="suspended"')

    await elsewhere(() => other.db.updateTable('issued_credentials').set({ state: 'active', state_reason: null }).where('credential_id', '=', issued.id).execute())
    expect((await report(issued.uuid)).verified).toBe(true)
    expect(await page(issued.uuid)).toContain('data-verdict="verified"')
  })

  it("shows the organization's new name, written by another connection, on the very next page view", async () => {
    const issued = await p.issue({ email: 'renamed@example.org' })
    await p.signCheckpoint()
    await page(issued.uuid)
    expect(await page(issued.uuid)).toContain('— Example University')
    await elsewhere(() => other.db.updateTable('organizations').set({ name: 'Example University of the Other Process' }).where('id', '=', p.org.id).execute())
    expect(await page(issued.uuid)).toContain('— Example University of the Other Process')
  })
})
