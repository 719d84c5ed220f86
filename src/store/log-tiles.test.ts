import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { logAppendOf } from '../app/log-append.js'
import { signCheckpoint } from '../app/log-checkpoint.js'
import {
  TILE_WIDTH,
  assembleProof,
  decodeHashTile,
  hashLeaf,
  hashTileFromLeaves,
  inclusionProofPlan,
  innerNodesOfTile,
  proofNodeIds,
  rangeNodes,
  rootOf,
  tilesForSize,
  verifyInclusion,
  type Hash,
} from '../core/transparency-log/index.js'
import { ORIGIN, inclusionProofFrom, testCredential, testSigner } from '../../test/store/log-fixtures.js'
import { openStore, type Store } from './index.js'
import { backfillInnerNodes } from './log-tile-nodes-migration.js'
import { readNodes } from './log-tiles.js'

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

  it('keeps the inner nodes of every full tile, as core computes them from its hashes', async () => {
    const rows = await store.db.selectFrom('log_tiles').selectAll().execute()
    expect(rows.length).toBe(Math.floor(SIZE / 256) + 1)
    for (const row of rows) expect(hex(row.inner_nodes!), `${row.level}/${row.idx}`).toBe(hex(innerNodesOfTile(decodeHashTile(row.hashes, TILE_WIDTH))))
  })

  it('proves from tiles without inner nodes, and the 0004 backfill gives them back the same nodes', async () => {
    const before = await store.db.selectFrom('log_tiles').select(['level', 'idx', 'inner_nodes']).orderBy('level').orderBy('idx').execute()
    await store.db.updateTable('log_tiles').set({ inner_nodes: null }).execute()
    const root = (await store.log.latestCheckpoint())!.checkpoint.root
    // A fresh Kysely instance over the same connection: nothing cached from the proofs above.
    const cold = store.db.withoutPlugins()
    for (const index of [3, 40_000, 65_600]) {
      const plan = inclusionProofPlan(index, SIZE)
      const proof = assembleProof(plan, await readNodes(cold, proofNodeIds(plan), SIZE))
      expect(verifyInclusion(index, SIZE, leafHashes[index]!, proof, root), `leaf ${index}`).toBe(true)
    }
    await backfillInnerNodes(store.db)
    const after = await store.db.selectFrom('log_tiles').select(['level', 'idx', 'inner_nodes']).orderBy('level').orderBy('idx').execute()
    expect(after.map((r) => hex(r.inner_nodes!))).toEqual(before.map((r) => hex(r.inner_nodes!)))
  })

  it('keeps with the checkpoint the hashes of its compact range, the subtrees its root folds from', async () => {
    const row = await store.db.selectFrom('checkpoints').select(['size', 'range_nodes']).where('size', '=', SIZE).executeTakeFirstOrThrow()
    const expected = rangeNodes(0, SIZE).map(({ level, index }) => hex(rootOf(leafHashes.slice(index * 2 ** level, (index + 1) * 2 ** level))))
    expect(hex(row.range_nodes!)).toBe(expected.join(''))
  })
})
