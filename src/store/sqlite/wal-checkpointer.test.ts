import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { afterAll, describe, expect, it } from 'vitest'
import { openSqliteStore } from './open-sqlite-store.js'

const dir = mkdtempSync(join(tmpdir(), 'emblem-wal-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const entry = (n: number) => ({ entry: new TextEncoder().encode(`{"n":${n}}`), credentialId: `urn:uuid:${n}`, issuer: 'did:web:a.example' })

describe('the SQLite WAL checkpointer', () => {
  it('copies committed pages into the database file soon after a commit, long before the WAL would fill', async () => {
    const path = join(dir, 'a.db')
    const store = await openSqliteStore({ path })
    await store.migrate()
    await sleep(300)
    const before = statSync(path).size
    await store.transaction((tx) => tx.log.append(Array.from({ length: 2000 }, (_, n) => entry(n))))
    // The writer's own threshold is 10,000 pages; these few hundred reach the file only through the checkpointer.
    let after = before
    for (let i = 0; i < 50 && after === before; i++) {
      await sleep(20)
      after = statSync(path).size
    }
    expect(after).toBeGreaterThan(before)
    await store.close()
  })

  it('lets a store close and reopen with every leaf in place', async () => {
    const path = join(dir, 'b.db')
    const store = await openSqliteStore({ path })
    await store.migrate()
    for (let b = 0; b < 5; b++) await store.transaction((tx) => tx.log.append(Array.from({ length: 500 }, (_, n) => entry(b * 500 + n))))
    await store.close()
    const reopened = await openSqliteStore({ path })
    expect(await reopened.transaction((tx) => tx.log.size())).toBe(2500)
    await reopened.close()
  })
})
