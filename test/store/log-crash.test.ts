import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import { signCheckpoint } from '../../src/app/log-checkpoint.js'
import {
  checkConsistency,
  decodeHashTile,
  hashLeaf,
  hashTileFromLeaves,
  isSameHash,
  openNote,
  parseVerifierKey,
  rootOf,
  type Hash,
} from '../../src/core/transparency-log/index.js'
import { openStore } from '../../src/store/index.js'
import { ORIGIN, appendRange, consistencyProofFrom, testSigner, testVerifierKey } from './log-fixtures.js'

const dir = mkdtempSync(join(tmpdir(), 'emblem-crash-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** Runs the appender until it has signed `checkpoints` checkpoints past `leaves` leaves, then SIGKILLs it; returns its last acknowledged size. */
function appendThenKill(path: string, leaves: number, checkpoints: number): Promise<number> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/store/fixtures/append-forever.ts', path], { stdio: ['ignore', 'pipe', 'inherit'] })
  let acknowledged = 0
  let signedPast = 0
  let buffered = ''
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000)
    child.stdout.on('data', (chunk: Buffer) => {
      const lines = (buffered + chunk.toString()).split('\n')
      buffered = lines.pop()!
      for (const line of lines) {
        const [what, n] = line.split(' ')
        if (what === 'appended') acknowledged = Number(n)
        if (what === 'signed' && Number(n) >= leaves) signedPast++
      }
      if (signedPast >= checkpoints) child.kill('SIGKILL')
    })
    child.on('error', reject)
    child.on('exit', (_code, signal) => {
      clearTimeout(timer)
      if (signal === 'SIGKILL' && signedPast >= checkpoints) resolve(acknowledged)
      else reject(new Error(`appender ended with ${signal ?? _code} before ${checkpoints} checkpoints past ${leaves} leaves`))
    })
  })
}

/** The on-disk state read with a separate, read-only connection: what an auditor would find. */
function readDisk(path: string) {
  const db = new BetterSqlite3(path, { readonly: true })
  try {
    const integrity = db.pragma('integrity_check', { simple: true })
    const leaves = db.prepare('select idx, leaf_hash, entry, credential_id from log_leaves order by idx').all() as { idx: number; leaf_hash: Buffer; entry: Buffer; credential_id: string }[]
    const credentials = db.prepare('select count(*) as n from credentials join log_leaves on log_leaves.credential_id = credentials.id').get() as { n: number }
    const credentialRows = db.prepare('select count(*) as n from credentials').get() as { n: number }
    const tiles = db.prepare('select level, idx, hashes from log_tiles order by level, idx').all() as { level: number; idx: number; hashes: Buffer }[]
    const checkpoints = db.prepare('select size, root, note from checkpoints order by size').all() as { size: number; root: Buffer; note: string }[]
    return { integrity, leaves, joined: credentials.n, credentialRows: credentialRows.n, tiles, checkpoints }
  } finally {
    db.close()
  }
}

describe('a log killed with SIGKILL mid-append', () => {
  it('reopens consistent: contiguous leaves, every acknowledged batch kept, checkpoints that match the leaves, and carries on', async () => {
    const path = join(dir, 'log.db')
    const acknowledged = await appendThenKill(path, 1500, 3)
    const disk = readDisk(path)
    expect(disk.integrity).toBe('ok')
    const size = disk.leaves.length
    expect(size).toBeGreaterThanOrEqual(acknowledged)
    disk.leaves.forEach((leaf, i) => expect(leaf.idx).toBe(i))
    const leafHashes: Hash[] = disk.leaves.map((leaf) => leaf.leaf_hash)
    disk.leaves.forEach((leaf, i) => expect(isSameHash(hashLeaf(leaf.entry), leafHashes[i]!), `leaf ${i}`).toBe(true))
    // A credential and its leaf commit together: no credential without its leaf, no leaf without its credential.
    expect([disk.credentialRows, disk.joined]).toEqual([size, size])
    for (const tile of disk.tiles) {
      const expected = hashTileFromLeaves({ level: tile.level, index: tile.idx, width: 256 }, leafHashes)
      expect(decodeHashTile(tile.hashes, 256).every((h, i) => isSameHash(h, expected[i]!)), `tile ${tile.level}/${tile.idx}`).toBe(true)
    }
    const verifier = parseVerifierKey(testVerifierKey())
    expect(disk.checkpoints.length).toBeGreaterThanOrEqual(3)
    for (const checkpoint of disk.checkpoints) {
      expect(checkpoint.size).toBeLessThanOrEqual(size)
      expect(isSameHash(checkpoint.root, rootOf(leafHashes.slice(0, checkpoint.size))), `checkpoint ${checkpoint.size}`).toBe(true)
      expect(openNote(checkpoint.note, [verifier]).text).toContain(`\n${checkpoint.size}\n`)
    }

    const store = await openStore({ url: path })
    try {
      await store.migrate()
      const latest = (await store.log.latestCheckpoint())!.checkpoint
      for (const older of disk.checkpoints.filter((c) => c.size > 0 && c.size < latest.size)) {
        const proof = await consistencyProofFrom(store.log, older.size, latest.size)
        expect(() => checkConsistency(older.size, latest.size, proof, older.root, latest.root)).not.toThrow()
      }
      // Restart: the sequencer carries on after the last committed leaf, and signing extends the old checkpoints.
      await appendRange(store, 1_000_000, 1_000_100)
      const { stored } = await signCheckpoint({ store, signer: testSigner(), origin: ORIGIN })
      expect(stored.checkpoint.size).toBe(size + 100)
      expect((await store.log.leaf(size))?.credentialId).toMatch(/0f4240$/)
    } finally {
      await store.close()
    }
  })
})

