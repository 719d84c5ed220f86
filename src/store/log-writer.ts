import type { Kysely } from 'kysely'
import type { LogWriter } from '../app/log-store.js'
import { PlatformError } from '../core/errors.js'
import { hashLeaf } from '../core/transparency-log/index.js'
import { insertCheckpoint, readCheckpoints } from './checkpoints.js'
import { appendLeaves, logSize, type InsertLeaves } from './log-append.js'
import { readNodes } from './log-tiles.js'
import type { Database } from './schema.js'

/**
 * The log inside one transaction `q`. `lock` takes the single-writer lock (PostgreSQL's advisory
 * lock; a no-op on SQLite, whose BEGIN IMMEDIATE already holds it) and runs before each method.
 */
export function logWriter(q: Kysely<Database>, lock: () => Promise<void>, now: () => Date, insertLeaves?: InsertLeaves): LogWriter {
  return {
    async append(entries) {
      // Hash the leaves while the lock is being taken (a round trip on PostgreSQL).
      const locked = lock()
      await new Promise(setImmediate)
      const leafHashes = entries.map((e) => hashLeaf(e.entry))
      await locked
      return appendLeaves(q, entries, now().toISOString(), insertLeaves, leafHashes)
    },
    async size() {
      await lock()
      return logSize(q)
    },
    async nodes(ids, treeSize) {
      await lock()
      const size = await logSize(q)
      if (treeSize > size) throw new PlatformError('ERR_INPUT_INVALID', `Tree size ${treeSize} is past the log's size (${size})`)
      return readNodes(q, ids, treeSize)
    },
    async latestCheckpoint() {
      await lock()
      return (await readCheckpoints(q, 1))[0]
    },
    async addCheckpoint(checkpoint) {
      await lock()
      await insertCheckpoint(q, checkpoint)
    },
  }
}
