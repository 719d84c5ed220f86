// The transparency log's cases: batched appends (SQLite, PostgreSQL), inclusion proofs at 1M and
// 10M leaves, full-tile reads. One call of a case's `run` is one leaf, one proof or one tile.
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import type { LogAppend, LogStore } from '../src/app/log-store.js'
import { signCheckpoint } from '../src/app/log-checkpoint.js'
import {
  TILE_WIDTH,
  assembleProof,
  createNoteSigner,
  hashLeaf,
  inclusionProof,
  innerNodesOfTile,
  inclusionProofPlan,
  nodeReaderFromTiles,
  proofNodeIds,
  rangeNodes,
  rootFromTiles,
  rootOf,
  verifyInclusion,
  type Hash,
  type TileId,
} from '../src/core/transparency-log/index.js'
import { openPostgresStore, openStore, type Store } from '../src/store/index.js'
import { readNodes } from '../src/store/log-tiles.js'
import type { BenchCase, Comparison } from './cases.js'
import type { Target } from './report.js'

const BATCH = 1000
const ORIGIN = 'bench.example/log'
const signer = createNoteSigner(ORIGIN, new Uint8Array(32).fill(9))
const utf8 = new TextEncoder()

/** A log entry shaped like DESIGN.md §3's, unique per `n` (the log never parses entries). */
function entryOf(n: number): LogAppend {
  const credentialId = `urn:uuid:00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`
  const json = `{"credential":"${credentialId}","digest":"47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU","issuer":"did:web:bench.example","issued":"2025-03-01T09:00:00Z"}`
  return { entry: utf8.encode(json), credentialId, issuer: 'did:web:bench.example' }
}

/**
 * A case whose every call queues one leaf and every 1,000th call commits the queue in one
 * transaction (as the sequencer batches issuance), so its rate is leaves per second, commits included.
 */
function batchedAppend(name: string, store: Pick<LogStore, 'transaction'>, firstN: number): BenchCase {
  let n = firstN
  let queue: LogAppend[] = []
  return {
    name,
    run: () => {
      queue.push(entryOf(n++))
      if (queue.length < BATCH) return undefined
      const batch = queue
      queue = []
      return store.transaction((tx) => tx.log.append(batch))
    },
  }
}

/** Fills a store with `size` leaves in batches of 10,000 and signs a checkpoint. */
async function fill(store: Store, size: number): Promise<void> {
  for (let at = 0; at < size; at += 10_000) {
    const batch = Array.from({ length: Math.min(10_000, size - at) }, (_, i) => entryOf(at + i))
    await store.transaction((tx) => tx.log.append(batch))
  }
  await signCheckpoint({ store, signer, origin: ORIGIN })
}

/** A synthetic log's tiles, and the inner nodes of its full tiles (what the store keeps since migration 0003). */
interface SyntheticTiles {
  readTile: (tile: TileId) => Hash[]
  readInner: (tile: TileId) => Uint8Array | undefined
}

/**
 * The tiles of a synthetic log of any size whose leaves repeat every 65,536 (leaf i is the entry
 * of i mod 65,536): a full level-0 tile is one of 256, every full level-1 tile is the same, every
 * level-2 hash the same. Built in a second; proofs over it cost what they cost over any tiles.
 */
function syntheticTiles(): SyntheticTiles {
  const leaves = Array.from({ length: 65_536 }, (_, i) => hashLeaf(entryOf(i).entry))
  const level0 = Array.from({ length: TILE_WIDTH }, (_, t) => leaves.slice(t * TILE_WIDTH, (t + 1) * TILE_WIDTH))
  const level1 = level0.map(rootOf)
  const level2 = rootOf(level1)
  const inner0 = level0.map(innerNodesOfTile)
  const inner1 = innerNodesOfTile(level1)
  const inner2 = innerNodesOfTile(Array.from({ length: TILE_WIDTH }, () => level2))
  return {
    readTile: ({ level, index, width }) => {
      if (level === 0) return level0[index % TILE_WIDTH]!.slice(0, width)
      if (level === 1) return level1.slice(0, width)
      if (level === 2) return Array.from({ length: width }, () => level2)
      throw new TypeError('the synthetic log has no tiles above level 2 (under 16.7M leaves)')
    },
    readInner: ({ level, index, width }) => (width !== TILE_WIDTH ? undefined : level === 0 ? inner0[index % TILE_WIDTH] : level === 1 ? inner1 : inner2),
  }
}

/**
 * A case that proves pseudo-random leaves of a synthetic log of `size` from in-memory tiles, cold:
 * each proof gets a fresh tile reader, so nothing is cached from one proof to the next. `stored`: the
 * reader has what the store keeps since migration 0003 (full tiles' inner nodes, the checkpoint's
 * compact range) and reads those nodes; otherwise it hashes them from the tiles, as before.
 */
function memoryProofCase(name: string, size: number, { readTile, readInner }: SyntheticTiles, stored: boolean): BenchCase {
  const root = rootFromTiles(size, readTile)
  // What signing a checkpoint of this size stores beside it.
  const reader = nodeReaderFromTiles(size, readTile)
  const options = stored ? { readInner, compactRange: rangeNodes(0, size).map(({ level, index }) => reader(level, index)) } : {}
  let i = 0
  const indexAt = (k: number) => (k * 2_654_435_761) % size
  const leafAt = (index: number) => readTile({ level: 0, index: Math.floor(index / TILE_WIDTH), width: TILE_WIDTH })[index % TILE_WIDTH]!
  for (let k = 0; k < 20; k++) {
    const index = indexAt(k)
    if (!verifyInclusion(index, size, leafAt(index), inclusionProof(index, size, nodeReaderFromTiles(size, readTile, options)), root)) {
      throw new Error(`Bench setup: the proof of leaf ${index} of ${size} does not verify`)
    }
  }
  return { name, run: () => inclusionProof(indexAt(i++), size, nodeReaderFromTiles(size, readTile, options)) }
}

/** A PostgreSQL store in a fresh schema, dropped when the bench process is about to exit. */
async function benchPostgresStore(url: string): Promise<Store> {
  const schema = `emblem_bench_${randomBytes(6).toString('hex')}`
  const run = async (statement: string) => {
    const client = new pg.Client({ connectionString: url })
    await client.connect()
    await client.query(statement).finally(() => client.end())
  }
  await run(`create schema ${schema}`)
  const store = await openPostgresStore({ url, schema, allowExitOnIdle: true })
  await store.migrate()
  process.once('beforeExit', () => void store.close().then(() => run(`drop schema ${schema} cascade`)))
  return store
}

/** The log's bench cases and their rows (the 10M proof reading inner nodes against the one hashing them). */
export async function logBenchCases(): Promise<{ cases: BenchCase[]; comparisons: Comparison[]; targets: Target[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'emblem-bench-log-'))
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }))
  const cases: BenchCase[] = []

  // PostgreSQL first: the SQLite store checkpoints its WAL in a worker thread shortly after its
  // commits, and that work should not fall into the PostgreSQL case's time, which comes next in a round.
  const databaseUrl = process.env.TEST_DATABASE_URL
  if (databaseUrl) cases.push(batchedAppend('log-append-postgres-leaf', await benchPostgresStore(databaseUrl), 0))
  const appendStore = await openStore({ url: join(dir, 'append.db') })
  await appendStore.migrate()
  cases.push(batchedAppend('log-append-sqlite-leaf', appendStore, 0))

  // 1M leaves in a SQLite file through the store's own append path (about 10 s on 2 cores).
  const started = performance.now()
  const million = await openStore({ url: join(dir, 'million.db') })
  await million.migrate()
  await fill(million, 1_000_000)
  process.stderr.write(`log bench: 1M-leaf SQLite log built in ${((performance.now() - started) / 1000).toFixed(1)} s\n`)
  const checkpoint = (await million.log.latestCheckpoint())!.checkpoint
  let k = 0
  const proveStored = async () => {
    const index = (k++ * 2_654_435_761) % checkpoint.size
    const plan = inclusionProofPlan(index, checkpoint.size)
    return { index, proof: assembleProof(plan, await million.log.nodes(proofNodeIds(plan), checkpoint.size)) }
  }
  for (let s = 0; s < 20; s++) {
    const { index, proof } = await proveStored()
    if (!verifyInclusion(index, checkpoint.size, (await million.log.leaf(index))!.leafHash, proof, checkpoint.root)) {
      throw new Error(`Bench setup: the stored proof of leaf ${index} does not verify`)
    }
  }
  cases.push({ name: 'log-inclusion-proof-1M-sqlite', run: proveStored })

  // Cold: a fresh Kysely instance over the same connection per proof, so no tile or node is cached.
  let c = 0
  const proveCold = async () => {
    const index = (c++ * 2_654_435_761 + 12_345) % checkpoint.size
    const plan = inclusionProofPlan(index, checkpoint.size)
    return assembleProof(plan, await readNodes(million.db.withoutPlugins(), proofNodeIds(plan), checkpoint.size))
  }
  cases.push({ name: 'log-inclusion-proof-1M-sqlite-cold', run: proveCold })

  // 10M leaves: a database that size takes minutes to build here, so proofs run over in-memory tiles,
  // with the inner nodes and compact range the store keeps since migration 0003 and, as the baseline, without.
  process.stderr.write('log bench: the 1M-memory and 10M-memory proof cases read in-memory tiles of a synthetic log (leaves repeat every 65,536)\n')
  const tiles = syntheticTiles()
  cases.push(
    memoryProofCase('log-inclusion-proof-1M-memory', 1_000_000, tiles, true),
    memoryProofCase('log-inclusion-proof-10M-memory', 10_000_000, tiles, true),
    memoryProofCase('log-inclusion-proof-10M-memory-hashing', 10_000_000, tiles, false),
  )

  const fullTiles = Math.floor(checkpoint.size / TILE_WIDTH)
  let t = 0
  cases.push({ name: 'log-hash-tile-full-sqlite', run: () => million.log.hashTile(0, (t++ * 7919) % fullTiles, TILE_WIDTH) })

  const comparisons: Comparison[] = [
    ...(databaseUrl ? [{ name: 'log-append-postgres-leaf', baseline: null }] : []),
    { name: 'log-append-sqlite-leaf', baseline: null },
    { name: 'log-inclusion-proof-1M-sqlite', baseline: null },
    { name: 'log-inclusion-proof-1M-sqlite-cold', baseline: null },
    { name: 'log-inclusion-proof-1M-memory', baseline: null },
    { name: 'log-inclusion-proof-10M-memory-hashing', baseline: null },
    { name: 'log-inclusion-proof-10M-memory', baseline: 'log-inclusion-proof-10M-memory-hashing' },
    { name: 'log-hash-tile-full-sqlite', baseline: null },
  ]
  // Issue #9: appends of at least 100,000 leaves/s on a SQLite file and 60,000 on PostgreSQL; a cold
  // proof at 10M leaves in at most 1 ms (1,000 proofs/s).
  const targets: Target[] = [
    { name: 'log-append-sqlite-leaf', atLeast: 100_000, unit: 'leaves/s' },
    ...(databaseUrl ? [{ name: 'log-append-postgres-leaf', atLeast: 60_000, unit: 'leaves/s' }] : []),
    { name: 'log-inclusion-proof-10M-memory', atLeast: 1000, unit: 'proofs/s (<= 1 ms each)' },
  ]
  return { cases, comparisons, targets }
}
