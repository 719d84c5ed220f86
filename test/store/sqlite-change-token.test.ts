// PlatformStore.changeToken on SQLite: equal while nothing readers could see was written, by this
// connection or another; a write to a counting table (verification events) leaves it as it is.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openStore, type Store } from '../../src/store/index.js'
import { isWatchedWrite } from '../../src/store/sqlite/open-sqlite-store.js'

describe('the SQLite store change token', () => {
  const dir = mkdtempSync(join(tmpdir(), 'emblem-change-token-'))
  let store: Store
  let other: Store
  beforeAll(async () => {
    store = await openStore({ url: join(dir, 'emblem.db') })
    await store.migrate()
    other = await openStore({ url: join(dir, 'emblem.db') })
  })
  afterAll(async () => {
    await other?.close()
    await store?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  const insertOrg = (s: Store, slug: string) => s.db.insertInto('organizations').values({ id: slug, slug, name: slug, created_at: new Date().toISOString() }).execute()

  it('stays equal across reads, and changes with a write of this connection or a commit of another', async () => {
    const first = store.changeToken!()
    await store.db.selectFrom('organizations').selectAll().execute()
    expect(store.changeToken!()).toBe(first)

    await insertOrg(store, 'own-write')
    const afterOwn = store.changeToken!()
    expect(afterOwn).not.toBe(first)

    // Another connection's commit shows from the next turn of the event loop (data_version is read
    // once a turn): where a request that came over the network after that commit is read.
    await insertOrg(other, 'other-write')
    await new Promise((resolve) => setImmediate(resolve))
    expect(store.changeToken!()).not.toBe(afterOwn)
  })

  it("reads another connection's commits once per turn of the event loop", async () => {
    const before = store.changeToken!()
    await insertOrg(other, 'same-turn')
    expect(store.changeToken!(), 'still this turn').toBe(before)
    await new Promise((resolve) => setImmediate(resolve))
    expect(store.changeToken!(), 'the next turn').not.toBe(before)
  })

  it('changes within a transaction of this connection, before its commit', async () => {
    const before = store.changeToken!()
    let during: string | undefined
    await store.db.transaction().execute(async (trx) => {
      await trx.updateTable('organizations').set({ name: 'renamed' }).where('id', '=', 'own-write').execute()
      during = store.changeToken!()
    })
    expect(during).not.toBe(before)
  })

  it('leaves the token as it is for a counted look (verification events)', async () => {
    await insertOrg(store, 'counted')
    const before = store.changeToken!()
    await store.repos.credentialViews.recordVerifications([{ credentialId: 'urn:uuid:00000000-0000-4000-8000-000000000000', orgId: 'counted', kind: 'view', verified: true, at: new Date().toISOString() }])
    expect(store.changeToken!()).toBe(before)
  })

  it('counts every statement but reads, transaction control and the counting tables as a watched write', () => {
    expect(isWatchedWrite('select * from "organizations"')).toBe(false)
    expect(isWatchedWrite('begin immediate')).toBe(false)
    expect(isWatchedWrite('commit')).toBe(false)
    expect(isWatchedWrite('insert into "verification_events" ("a") values (?)')).toBe(false)
    expect(isWatchedWrite('delete from "rate_limit_events" where "at" < ?')).toBe(false)
    expect(isWatchedWrite('insert into "issued_credentials" ("a") values (?)')).toBe(true)
    expect(isWatchedWrite('update "org_keys" set "state" = ?')).toBe(true)
    expect(isWatchedWrite('with x as (select 1) update "status_lists" set "version" = 2')).toBe(true)
    expect(isWatchedWrite('pragma foreign_keys = ON')).toBe(true)
  })
})
