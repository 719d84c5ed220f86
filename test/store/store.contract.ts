import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { appendToLog, credentialRowOf, logAppendOf } from '../../src/app/log-append.js'
import { signCheckpoint } from '../../src/app/log-checkpoint.js'
import { checkpointOfNote, createLogHead, type LogHeadFile } from '../../src/app/log-head.js'
import {
  checkConsistency,
  decodeEntryBundle,
  decodeHashTile,
  formatCheckpoint,
  signNote,
  type Checkpoint,
  hashLeaf,
  hashTileFromLeaves,
  rootOf,
  tilesForSize,
  verifyInclusion,
  type Hash,
} from '../../src/core/transparency-log/index.js'
import type { StoredCheckpoint } from '../../src/app/ports.js'
import type { Store } from '../../src/store/index.js'
import { ORIGIN, appendRange, consistencyProofFrom, inclusionProofFrom, testCredential, testSigner } from './log-fixtures.js'

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex')
const code = (c: string) => expect.objectContaining({ code: c })
/** A checkpoint signed by the log's own key, as a stored row: how a fork or a rollback would look. */
const signed = (checkpoint: Checkpoint): StoredCheckpoint => ({
  checkpoint,
  note: signNote(formatCheckpoint(checkpoint), [testSigner()]),
  createdAt: '2025-03-01T09:00:00.000Z',
})

/** The log's high-water mark in memory (the data directory's `log-head` file in production): what it holds, and every write. */
function memoryHead(): LogHeadFile & { note: string | undefined; writes: number } {
  const file = {
    location: '/srv/emblem/log-head',
    note: undefined as string | undefined,
    writes: 0,
    read: async () => file.note,
    write: async (note: string) => {
      file.note = note
      file.writes++
    },
  }
  return file
}
/** What a test's mark does when it cannot be written: fail the test. */
const rethrow = (err: unknown) => {
  throw err
}
const markSize = (file: { note: string | undefined }) => (file.note === undefined ? undefined : checkpointOfNote(file.note).size)

/** The storage contract every backend passes (STYLE.md 4.8): `open` gives a fresh, migrated store. */
export function describeStore(name: string, open: () => Promise<Store>): void {
  describe(`${name} store`, () => {
    let store: Store
    const sign = () => signCheckpoint({ store, signer: testSigner(), origin: ORIGIN })
    /** Every leaf hash of the log up to the latest checkpoint, read through the reader. */
    const leafHashes = async (size: number): Promise<Hash[]> =>
      Promise.all(Array.from({ length: size }, async (_, i) => (await store.log.leaf(i))!.leafHash))

    beforeEach(async () => {
      store = await open()
    })
    afterEach(async () => {
      await store.close()
    })

    it('migrates twice without harm and starts with an empty log', async () => {
      await store.migrate()
      expect(await store.transaction((tx) => tx.log.size())).toBe(0)
      expect(await store.log.latestCheckpoint()).toBeUndefined()
    })

    it('returns the credential it stored and refuses a second one with the same id', async () => {
      const credential = testCredential(1)
      await store.transaction((tx) => tx.credentials.insert([credentialRowOf(credential)]))
      expect((await store.credentials.get(credential.id as string))?.credential).toEqual(credential)
      expect((await store.credentials.get(credential.id as string))?.issuer).toBe('did:web:badges.example.edu')
      await expect(store.transaction((tx) => tx.credentials.insert([credentialRowOf(credential)]))).rejects.toThrow(code('ERR_CREDENTIAL_EXISTS'))
      expect(await store.credentials.get('urn:uuid:missing')).toBeUndefined()
    })

    it('commits a credential and its log leaf together', async () => {
      const { first, size } = await appendToLog({ store }, [testCredential(1), testCredential(2)])
      expect([first, size]).toEqual([0, 2])
      await sign()
      expect(await store.log.indexOfCredential(testCredential(2).id as string)).toBe(1)
      expect(await store.credentials.get(testCredential(2).id as string)).toBeDefined()
    })

    it('leaves no credential and no log leaf when the transaction that wrote them throws', async () => {
      await appendRange(store, 0, 3)
      const failed = store.transaction(async (tx) => {
        await tx.credentials.insert([credentialRowOf(testCredential(10))])
        await tx.log.append([logAppendOf(testCredential(10))])
        throw new Error('issuance failed after the append')
      })
      await expect(failed).rejects.toThrow('issuance failed after the append')
      expect(await store.credentials.get(testCredential(10).id as string)).toBeUndefined()
      expect(await store.transaction((tx) => tx.log.size())).toBe(3)
      await appendRange(store, 3, 4)
      await sign()
      expect(await store.log.indexOfCredential(testCredential(10).id as string)).toBeUndefined()
      expect((await store.log.leaf(3))?.credentialId).toBe(testCredential(3).id)
    })

    it('rejects a whole batch when one of its credentials is already in the log', async () => {
      await appendRange(store, 0, 2)
      const batch = [testCredential(5), testCredential(1)].map(logAppendOf)
      await expect(store.transaction((tx) => tx.log.append(batch))).rejects.toThrow(code('ERR_CREDENTIAL_EXISTS'))
      expect(await store.transaction((tx) => tx.log.size())).toBe(2)
    })

    it('never skips or repeats an index when many transactions append at once', async () => {
      const sizes = Array.from({ length: 24 }, (_, i) => 1 + ((i * 7) % 13))
      let next = 0
      const batches = sizes.map((n) => [(next += n) - n, next] as const)
      const landed = await Promise.all(
        batches.map(([from, to]) => store.transaction((tx) => tx.log.append(Array.from({ length: to - from }, (_, i) => logAppendOf(testCredential(from + i)))))),
      )
      const ranges = landed.map(({ first, size }) => [first, size]).sort((a, b) => a[0]! - b[0]!)
      ranges.forEach(([first], i) => expect(first).toBe(i === 0 ? 0 : ranges[i - 1]![1]))
      expect(ranges.at(-1)![1]).toBe(next)
      await sign()
      // Each batch's credentials sit at the indexes its append returned, in order.
      for (const [b, [from, to]] of batches.entries()) {
        for (let n = from; n < to; n++) expect(await store.log.indexOfCredential(testCredential(n).id as string)).toBe(landed[b]!.first + n - from)
      }
    })

    it('serves hash tiles and entry bundles equal to those core computes from the same leaves', async () => {
      const size = 256 * 5 + 3
      for (let at = 0; at < size; at += 250) await appendRange(store, at, Math.min(size, at + 250))
      await sign()
      const leaves = await leafHashes(size)
      const tiles = tilesForSize(size)
      expect(tiles.map((t) => `${t.level}/${t.index}/${t.width}`)).toEqual(['0/0/256', '0/1/256', '0/2/256', '0/3/256', '0/4/256', '0/5/3', '1/0/5'])
      for (const tile of tiles) {
        const served = await store.log.hashTile(tile.level, tile.index, tile.width)
        expect(decodeHashTile(served!, tile.width).map(hex)).toEqual(hashTileFromLeaves(tile, leaves).map(hex))
      }
      // A partial tile an older checkpoint published stays servable.
      expect((await store.log.hashTile(0, 5, 2))?.length).toBe(64)
      const bundle = decodeEntryBundle((await store.log.entryBundle(5, 3))!, 3)
      expect(bundle.map((entry) => hex(hashLeaf(entry)))).toEqual(leaves.slice(1280).map(hex))
      expect(bundle.map((entry) => hex(entry))).toEqual([1280, 1281, 1282].map((n) => hex(logAppendOf(testCredential(n)).entry)))
    })

    it('serves inclusion proofs that verify against the checkpoint root for every leaf', async () => {
      let size = 0
      for (const target of [1, 2, 7, 256, 300]) {
        await appendRange(store, size, target)
        size = target
        const { stored } = await sign()
        expect(stored.checkpoint.size).toBe(size)
        const leaves = await leafHashes(size)
        expect(hex(stored.checkpoint.root)).toBe(hex(rootOf(leaves)))
        for (let i = 0; i < size; i++) {
          expect(verifyInclusion(i, size, leaves[i]!, await inclusionProofFrom(store.log, i, size), stored.checkpoint.root), `${i} of ${size}`).toBe(true)
        }
      }
    })

    it('signs checkpoints that never shrink and each prove consistent with the ones before', async () => {
      expect((await sign()).stored.checkpoint.size).toBe(0)
      for (const size of [3, 8, 9, 200]) {
        await appendRange(store, (await store.log.latestCheckpoint())!.checkpoint.size, size)
        expect((await sign()).isNew).toBe(true)
      }
      expect((await sign()).isNew).toBe(false)
      const all = (await store.log.checkpoints(10)).map((s) => s.checkpoint)
      expect(all.map((c) => c.size)).toEqual([200, 9, 8, 3, 0])
      expect((await store.log.checkpoints(2)).map((s) => s.checkpoint.size)).toEqual([200, 9])
      for (const older of all.slice(1, -1)) {
        const proof = await consistencyProofFrom(store.log, older.size, 200)
        expect(() => checkConsistency(older.size, 200, proof, older.root, all[0]!.root)).not.toThrow()
      }
    })

    it('never serves leaves, tiles or entries past the latest checkpoint', async () => {
      await appendRange(store, 0, 5)
      await sign()
      await appendRange(store, 5, 300)
      // What the reader has seen signed (the checkpoint, a leaf within it) bounds what it serves, never more.
      expect((await store.log.latestCheckpoint())?.checkpoint.size).toBe(5)
      expect(await store.log.indexOfCredential(testCredential(4).id as string)).toBe(4)
      expect(await store.log.leaf(4)).toBeDefined()
      expect(await store.log.leaf(5)).toBeUndefined()
      expect(await store.log.indexOfCredential(testCredential(6).id as string)).toBeUndefined()
      expect(await store.log.hashTile(0, 0, 5)).toBeDefined()
      expect(await store.log.hashTile(0, 0, 6)).toBeUndefined()
      expect(await store.log.hashTile(0, 0, 256)).toBeUndefined()
      expect(await store.log.entryBundle(0, 6)).toBeUndefined()
      await expect(store.log.nodes([{ level: 0, index: 5 }], 6)).rejects.toThrow(code('ERR_INPUT_INVALID'))
      await sign()
      expect(await store.log.hashTile(0, 0, 256)).toBeDefined()
      expect(await store.log.hashTile(1, 0, 1)).toBeDefined()
      expect(await store.log.hashTile(1, 0, 2)).toBeUndefined()
      expect(await store.log.leaf(299)).toBeDefined()
      expect(await store.log.leaf(300)).toBeUndefined()
      expect(await store.log.indexOfCredential(testCredential(299).id as string)).toBe(299)
      await expect(store.log.nodes([{ level: 0, index: 5 }], 301)).rejects.toThrow(code('ERR_INPUT_INVALID'))
    })

    it('refuses to sign over a checkpoint the stored leaves do not extend', async () => {
      await appendRange(store, 0, 10)
      const { stored } = await sign()
      await appendRange(store, 10, 12)
      // A checkpoint at size 11 whose root is not the stored tree's: a fork the signer must not extend.
      await store.transaction((tx) => tx.log.addCheckpoint(signed({ ...stored.checkpoint, size: 11, root: hashLeaf(new Uint8Array([1])) })))
      await expect(sign()).rejects.toThrow(code('ERR_LOG_INCONSISTENT'))
      // A checkpoint past the stored leaves: signing now would shrink the log.
      await store.transaction((tx) => tx.log.addCheckpoint(signed({ ...stored.checkpoint, size: 50 })))
      await expect(sign()).rejects.toThrow(code('ERR_LOG_INCONSISTENT'))
      expect((await store.log.latestCheckpoint())?.checkpoint.size).toBe(50)
    })

    it('refuses to store a checkpoint that its note does not sign', async () => {
      await appendRange(store, 0, 2)
      const { stored } = await sign()
      const mismatched = { ...stored, checkpoint: { ...stored.checkpoint, size: 1 } }
      await expect(store.transaction((tx) => tx.log.addCheckpoint(mismatched))).rejects.toThrow(TypeError)
    })

    it('keeps a high-water mark of what it signed outside the database, and refuses a database behind it or forked from it (RELIABILITY R28)', async () => {
      const file = memoryHead()
      const head = () => createLogHead({ file, origin: ORIGIN, onWriteError: rethrow, store, recheckMs: 0 })
      const signWith = (h = head(), on: Store = store) => signCheckpoint({ store: on, signer: testSigner(), origin: ORIGIN, head: h })
      // A fresh instance: nothing recorded, nothing refused.
      await head().checkAtStart()
      expect(file.note).toBeUndefined()
      await appendRange(store, 0, 10)
      await signWith()
      expect(markSize(file)).toBe(10)
      await appendRange(store, 10, 12)
      expect((await signWith()).stored.checkpoint.size).toBe(12)
      expect(markSize(file)).toBe(12)
      expect(file.note).toBe((await store.log.latestCheckpoint())!.note)
      // A normal restart, with leaves appended but not yet signed: no false alarm.
      await appendRange(store, 12, 13)
      const restarted = head()
      await restarted.checkAtStart()
      await restarted.ready()
      // Never lowered: an older checkpoint recorded late (another process, a slow write) leaves the mark where it is.
      await restarted.recordSigned((await store.log.checkpoints(2))[1]!)
      expect(markSize(file)).toBe(12)

      // The database restored from an older backup: its log (5 entries, consistent with itself) is behind the mark.
      const older = await open()
      try {
        await appendRange(older, 0, 5)
        await signCheckpoint({ store: older, signer: testSigner(), origin: ORIGIN })
        const onOlder = createLogHead({ file, origin: ORIGIN, onWriteError: rethrow, store: older, recheckMs: 0 })
        const refused = onOlder.checkAtStart()
        await expect(refused).rejects.toThrow(code('ERR_LOG_INCONSISTENT'))
        await expect(refused).rejects.toThrow(/has 5 entries, fewer than the 12 of the last checkpoint this instance signed .*\/srv\/emblem\/log-head.*emblem log forget-head --yes.*docs\/OPERATIONS\.md/)
        await expect(onOlder.ready()).rejects.toThrow(code('ERR_LOG_UNAVAILABLE'))
        // Nothing is signed over it, even once it grows past the mark with other entries (a fork).
        await appendRange(older, 1000, 1010)
        const forked = signWith(createLogHead({ file, origin: ORIGIN, onWriteError: rethrow, store: older }), older)
        await expect(forked).rejects.toThrow(/does not extend the last checkpoint this instance signed and published \(size 12/)
        expect((await older.log.latestCheckpoint())!.checkpoint.size).toBe(5)
        expect(markSize(file)).toBe(12)
        const forkAtStart = createLogHead({ file, origin: ORIGIN, onWriteError: rethrow, store: older }).checkAtStart()
        await expect(forkAtStart).rejects.toThrow(code('ERR_LOG_INCONSISTENT'))
        await expect(forkAtStart).rejects.toThrow(/its first 12 entries differ/)
      } finally {
        await older.close()
      }

      // Found while running: another process recorded a checkpoint this database does not have.
      const running = head()
      await running.ready()
      const ahead = { ...checkpointOfNote(file.note!), size: 40 }
      file.note = signNote(formatCheckpoint(ahead), [testSigner()])
      await expect(running.ready()).rejects.toThrow(/has 12 entries, fewer than the 40/)
      await expect(signWith(running)).rejects.toThrow(code('ERR_LOG_INCONSISTENT'))
      // Once refused, it stays refused (fail closed until the operator acts and restarts).
      file.note = undefined
      await expect(running.ready()).rejects.toThrow(code('ERR_LOG_UNAVAILABLE'))
      // The way out (emblem log forget-head removes the mark): the next start accepts the database and records its checkpoint.
      await head().checkAtStart()
      expect(markSize(file)).toBe(12)
    })

    it('puts back a mark another process raised while this one was writing a smaller one', async () => {
      const file = memoryHead()
      await appendRange(store, 0, 10)
      const first = await signCheckpoint({ store, signer: testSigner(), origin: ORIGIN, head: createLogHead({ file, origin: ORIGIN, onWriteError: rethrow, store }) })
      await appendRange(store, 10, 14)
      const later = await signCheckpoint({ store, signer: testSigner(), origin: ORIGIN })
      // Process A records the checkpoint of 10… (the mark is empty when it reads it)
      file.note = undefined
      // …and between its read and its write, process B records the checkpoint of 14.
      let raced = false
      const racing = {
        ...file,
        read: async () => {
          const note = file.note
          if (!raced) {
            raced = true
            file.note = later.stored.note
          }
          return note
        },
      }
      await createLogHead({ file: racing, origin: ORIGIN, onWriteError: rethrow, store }).recordSigned(first.stored)
      expect(markSize(file)).toBe(14)
    })

    it('moves a mark left behind by a process killed between commit and mark up at the next start', async () => {
      const file = memoryHead()
      await appendRange(store, 0, 4)
      await signCheckpoint({ store, signer: testSigner(), origin: ORIGIN, head: createLogHead({ file, origin: ORIGIN, onWriteError: rethrow, store }) })
      // Killed after the commit of the checkpoint of 9, before its mark was written.
      await appendRange(store, 4, 9)
      await signCheckpoint({ store, signer: testSigner(), origin: ORIGIN })
      expect(markSize(file)).toBe(4)
      await createLogHead({ file, origin: ORIGIN, onWriteError: rethrow, store }).checkAtStart()
      expect(markSize(file)).toBe(9)
      // A mark that cannot be written (full disk, read-only directory) fails nothing: it is reported and stays behind.
      const failures: unknown[] = []
      const full = { ...file, write: async () => Promise.reject(Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' })) }
      await appendRange(store, 9, 11)
      expect((await signCheckpoint({ store, signer: testSigner(), origin: ORIGIN, head: createLogHead({ file: full, origin: ORIGIN, store, onWriteError: (err) => failures.push(err) }) })).isNew).toBe(true)
      expect(failures).toHaveLength(1)
      expect(markSize(file)).toBe(9)
      // A mark that cannot be parsed fails closed too.
      file.note = 'not a checkpoint'
      await expect(createLogHead({ file, origin: ORIGIN, onWriteError: rethrow, store }).checkAtStart()).rejects.toThrow(/high-water mark \/srv\/emblem\/log-head cannot be read/)
      // Another log's mark (another instance's data directory) is refused.
      file.note = signNote(formatCheckpoint({ origin: 'elsewhere.example/log', size: 1, root: hashLeaf(new Uint8Array([1])), extensions: [] }), [testSigner()])
      await expect(createLogHead({ file, origin: ORIGIN, onWriteError: rethrow, store }).checkAtStart()).rejects.toThrow(/is of the log elsewhere\.example\/log, but this instance's log is badges\.example\.edu\/log/)
    })

    it('refuses to sign the log under another origin', async () => {
      await appendRange(store, 0, 2)
      await sign()
      await expect(signCheckpoint({ store, signer: testSigner(), origin: 'elsewhere.example/log' })).rejects.toThrow(code('ERR_LOG_INCONSISTENT'))
    })
  })
}
