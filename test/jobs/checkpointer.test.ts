import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { appendToLog } from '../../src/app/log-append.js'
import type { StoredCheckpoint } from '../../src/app/ports.js'
import { openStore, type Store } from '../../src/store/index.js'
import { ORIGIN, appendRange, testCredential, testSigner } from '../store/log-fixtures.js'
import { startCheckpointer, type Checkpointer } from '../../src/jobs/checkpointer.js'

const latestSize = async (store: Store) => (await store.log.latestCheckpoint())?.checkpoint.size

async function eventually(check: () => Promise<boolean>, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time')
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

describe('startCheckpointer', () => {
  let store: Store
  let checkpointer: Checkpointer | undefined
  beforeEach(async () => {
    store = await openStore({ url: ':memory:' })
    await store.migrate()
  })
  afterEach(async () => {
    await checkpointer?.stop()
    await store.close()
  })

  it('signs a checkpoint of the empty log at start, then one after each notified batch', async () => {
    const signed: StoredCheckpoint[] = []
    checkpointer = startCheckpointer({ store, signer: testSigner(), origin: ORIGIN, intervalMs: 60_000, onSigned: (s) => signed.push(s) })
    await checkpointer.settled()
    expect(await latestSize(store)).toBe(0)
    await appendToLog({ store, onAppended: checkpointer.notify }, [testCredential(1), testCredential(2)])
    await checkpointer.settled()
    expect(await latestSize(store)).toBe(2)
    expect(signed.map((s) => s.checkpoint.size)).toEqual([0, 2])
  })

  it('signs leaves it was not told about within the interval', async () => {
    checkpointer = startCheckpointer({ store, signer: testSigner(), origin: ORIGIN, intervalMs: 30 })
    await checkpointer.settled()
    await appendRange(store, 0, 5)
    await eventually(async () => (await latestSize(store)) === 5)
  })

  it('coalesces notifications that arrive during a signing into one more checkpoint', async () => {
    const sizes: number[] = []
    checkpointer = startCheckpointer({ store, signer: testSigner(), origin: ORIGIN, intervalMs: 60_000, onSigned: (s) => sizes.push(s.checkpoint.size) })
    await checkpointer.settled()
    await appendRange(store, 0, 3)
    for (let i = 0; i < 10; i++) checkpointer.notify()
    await checkpointer.settled()
    expect(sizes).toEqual([0, 3])
  })

  it('signs nothing once stopped', async () => {
    checkpointer = startCheckpointer({ store, signer: testSigner(), origin: ORIGIN, intervalMs: 20 })
    await checkpointer.stop()
    const before = await latestSize(store)
    await appendRange(store, 0, 4)
    checkpointer.notify()
    await new Promise((resolve) => setTimeout(resolve, 80))
    expect(await latestSize(store)).toBe(before)
  })

  it('reports each failed signing and still tries the next one', async () => {
    const errors: unknown[] = []
    checkpointer = startCheckpointer({ store, signer: testSigner(), origin: 'other.example/log', intervalMs: 60_000, onError: (err) => errors.push(err) })
    await checkpointer.settled()
    await checkpointer.stop()
    // The log now has an origin; a scheduler under another origin fails each time it is asked, and says so.
    checkpointer = startCheckpointer({ store, signer: testSigner(), origin: ORIGIN, intervalMs: 60_000, onError: (err) => errors.push(err) })
    await checkpointer.settled()
    expect(errors).toEqual([expect.objectContaining({ code: 'ERR_LOG_INCONSISTENT' })])
    await appendRange(store, 0, 1)
    checkpointer.notify()
    await checkpointer.settled()
    expect(errors).toHaveLength(2)
    expect(await latestSize(store)).toBe(0)
  })
})
