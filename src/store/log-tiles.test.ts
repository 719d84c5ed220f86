import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { logAppendOf } from '../app/log-append.js'
import { signCheckpoint } from '../app/log-checkpoint.js'
import { decodeHashTile, hashLeaf, hashTileFromLeaves, rootOf, tilesForSize, verifyInclusion, type Hash } from '../core/transparency-log/index.js'
import { ORIGIN, inclusionProofFrom, testCredential, testSigner } from '../../test/store/log-fixtures.js'
import { openStore, type Store } from './index.js'

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex')
// Past one full level-1 tile (65,536 leaves), so tiles exist at levels 0, 1 and 2.
const SIZE = 65_536 + 256 * 3 + 5

describe('the stored tiles of a log past one full level-1 tile', () => {
  let store: Store
  const leafHashes: Hash[] = []
  beforeAll(async () => {
    store = await openStore({ url: ':memory:' })
    await store.migrate()
    // Uneven batches, so tiles complete in the middle of a batch and across batches.
    const appends = Array.from({ length: SIZE }, (_, i) => logAppendOf(testCredential(i)))
    for (let at = 0, n = 0; at < SIZE; n++) {
      const to = Math.min(SIZE, at + 1 + ((n * 7919) % 6000))
      await store.transaction((tx) => tx.log.append(appends.slice(at, to)))
      at = to
    }
    await signCheckpoint({ store, signer: testSigner(), origin: ORIGIN })
    // The leaf hashes computed apart from the store, from the same entries.
    for (const { entry } of appends) leafHashes.push(hashLeaf(entry))
  })
  afterAll(() => store.close())

  it('serves every tile of the tree equal to the tile core computes from the leaves', async () => {
    const tiles = tilesForSize(SIZE)
    expect(tiles.filter((t) => t.level > 0).map((t) => `${t.level}/${t.index}/${t.width}`)).toEqual(['1/0/256', '1/1/3', '2/0/1'])
    for (const tile of tiles) {
      const served = decodeHashTile((await store.log.hashTile(tile.level, tile.index, tile.width))!, tile.width)
      expect(served.map(hex), `${tile.level}/${tile.index}`).toEqual(hashTileFromLeaves(tile, leafHashes).map(hex))
    }
  })

  it('serves inclusion proofs that verify against the signed root', async () => {
    const root = (await store.log.latestCheckpoint())!.checkpoint.root
    expect(hex(root)).toBe(hex(rootOf(leafHashes)))
    for (const index of [0, 1, 255, 256, 40_000, 65_535, 65_536, 66_000, SIZE - 6, SIZE - 1]) {
      expect(verifyInclusion(index, SIZE, leafHashes[index]!, await inclusionProofFrom(store.log, index, SIZE), root), `leaf ${index}`).toBe(true)
    }
  })
})
