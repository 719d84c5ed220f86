import { availableParallelism, hostname } from 'node:os'
import { loadCohort } from '../app/issuance/cohort.js'
import { inlineSigner, type CohortSigner } from '../app/issuance/cohort-signer.js'
import { csvRows, type CsvRow } from '../app/issuance/csv-rows.js'
import { batchFailureOf, commitBatchChunk, LeaseLost, prepareBatchChunk, type PreparedChunk } from '../app/issuance/issue-batch-chunk.js'
import { finishBatch, finishBatchPart, leaseNextBatch, pruneBatchUploads, releaseBatch } from '../app/issuance/batch-run.js'
import type { BatchLease, BatchRecord } from '../app/issuance/ports.js'
import { createSlotReservation } from '../app/issuance/status-slots.js'
import type { Cohort } from '../app/issuance/cohort.js'
import type { PlatformPorts } from '../app/platform/ports.js'
import { PlatformError } from '../core/errors.js'
import { startWorker, type Worker } from './coalescing-worker.js'
import { createSigningPool, defaultSigningThreads } from './signing-pool.js'

/** How often expired uploads (previews never confirmed) and stray files are looked for and deleted. */
const PRUNE_EVERY_MS = 3_600_000

/** A failure that says nothing about the batch (the database is away): the batch is left running and resumes, never marked failed. */
const transient = (err: PlatformError): boolean => err.code === 'ERR_STORE_UNAVAILABLE'

/** Chunks built and signed ahead of the one committing; more used more memory and were no faster (measured with one signing thread). */
const PREPARE_AHEAD = 1

/**
 * Lets the event loop answer what waits (requests, timers) before the runner goes on: between
 * chunks and before each commit, so a batch never holds the thread longer than one chunk's
 * transaction (SQLite commits synchronously) or one chunk's preparation (issue #11 item 7).
 */
const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

/**
 * Rows per chunk (one transaction) when not configured. On SQLite a commit runs synchronously on the
 * process's one thread, so nothing else is answered while it writes: 1,000 rows held it 0.5–1.5 s on
 * a loaded 2-core machine, 250 rows a quarter of that, for ~20 % less throughput (docs/PERFORMANCE.md,
 * issue #11 item 7). PostgreSQL commits without holding the thread.
 */
export const chunkRowsFor = (dialect: 'sqlite' | 'postgres'): number => (dialect === 'sqlite' ? 250 : 1000)

/** Options of the batch runner. */
export interface BatchRunnerOptions {
  platform: PlatformPorts
  /** Rows per transaction (default 1,000). */
  chunkSize?: number
  /** Who holds leases; unique per runner (default host:pid:random). */
  workerId?: string
  /** How long a part's lease lasts without renewal; renewed with every chunk (default 60 s). */
  leaseMs?: number
  /** How often to look for work nobody announced: batches of other processes, expired leases (default 5 s). */
  pollMs?: number
  /**
   * Signing threads to start (default: the cores less one when there are several, else none); 0
   * signs on this thread. Ignored when `signerFor` is given.
   */
  signingThreads?: number
  /** How a batch's credentials are signed, e.g. by a pool shared with others (jobs/signing-pool.ts). */
  signerFor?: (cohort: Cohort, publicUrl: string) => CohortSigner & { release?(): void }
  /** Called with an unexpected failure (the runner keeps going); default: console.error. */
  onError?: (err: unknown) => void
  /** Called after each committed chunk with its rows issued and failed (metrics). */
  onChunk?: (outcome: { issued: number; failed: number }) => void
  /** Called after each run of the worker: whether it went through, and how long it took (metrics). */
  observe?: (run: { ok: boolean; seconds: number }) => void
}

/**
 * A running batch runner: notify when a batch is queued (`platform.onWake('batches', runner.notify)`);
 * stop finishes the chunk in progress and releases the lease of the part it stopped in, so another
 * runner (another process) resumes it at once after the last committed chunk.
 */
export type BatchRunner = Worker

/**
 * Runs CSV batches part by part (a part is a range of a batch's rows, BATCH_PART_ROWS): leases the
 * first part that waits (one whose lease expired is taken over), streams the file from the part's
 * `next_row` and issues it a chunk per transaction (credentials, log entries, status entries,
 * e-mails, row errors, the part's progress and the batch's counts, all or nothing), renewing the
 * part's lease with each chunk. Several runners (processes) share a batch by taking its parts; a
 * batch's chunks commit one at a time, so a repeated e-mail is refused whichever part meets it
 * second. A process killed mid-part loses at most the chunk in flight; the next runner resumes after
 * the last committed chunk and never issues a row twice. The runner that finishes a batch's last
 * part marks the batch done.
 * @example
 * const runner = startBatchRunner({ platform })
 * platform.onWake('batches', runner.notify)
 */
export function startBatchRunner(options: BatchRunnerOptions): BatchRunner {
  const { platform, chunkSize = 1000, leaseMs = 60_000, pollMs = 5_000 } = options
  const workerId = options.workerId ?? `${hostname()}:${process.pid}:${platform.random.token(6)}`
  const onError = options.onError ?? ((err: unknown) => console.error('batch runner:', err))
  const threads = options.signingThreads ?? (availableParallelism() > 1 ? defaultSigningThreads() : 0)
  const pool = options.signerFor || threads === 0 ? undefined : createSigningPool({ threads })
  const signerFor = options.signerFor ?? pool?.signerFor ?? ((cohort: Cohort, publicUrl: string) => inlineSigner(cohort, publicUrl))
  /** Whether stop() was called; long loops check it between chunks. Set by the worker. */
  let stopped: () => boolean = () => false

  const leaseUntil = () => new Date(platform.clock.now().getTime() + leaseMs).toISOString()

  /**
   * Where this runner is in a batch's file: the part that follows the one it just ran usually starts
   * where that one ended, and continues the same stream instead of reading the file from its start.
   */
  let cursor: RowCursor | undefined
  const closeCursor = async () => {
    const open = cursor
    cursor = undefined
    await open?.rows.return?.(undefined)
  }
  const cursorAt = async (batch: BatchRecord, from: number): Promise<RowCursor> => {
    if (cursor?.batchId === batch.id && cursor.position === from) return cursor
    await closeCursor()
    cursor = { batchId: batch.id, position: from, rows: csvRows(platform.batchFiles.read(batch.fileDigest), { skip: from })[Symbol.asyncIterator](), ahead: undefined }
    return cursor
  }

  async function runPart(lease: BatchLease): Promise<void> {
    const { batch } = lease
    let cohort: Cohort
    try {
      if (!(await platform.batchFiles.has(batch.fileDigest))) throw new PlatformError('ERR_NOT_FOUND', 'The uploaded CSV file of this batch is gone; upload it again')
      cohort = await loadCohort(platform, platform.store.repos, { orgId: batch.orgId, achievementId: batch.achievementId })
    } catch (err) {
      if (!(err instanceof PlatformError) || transient(err)) throw err
      await finishBatch(platform, batch, { state: 'failed', error: batchFailureOf(err) })
      return
    }
    const signer: CohortSigner & { release?(): void } = signerFor(cohort, platform.publicUrl)
    try {
      await issuePart(lease, cohort, signer)
    } finally {
      signer.release?.()
    }
  }

  async function issuePart(lease: BatchLease, cohort: Cohort, signer: CohortSigner): Promise<void> {
    const { batch, part } = lease
    // Entries claimed ahead, for this part's rows: parts of one batch run by other runners never collide with them.
    const planner = createSlotReservation(platform.store, batch.orgId, platform.random, { rows: part.endRow - part.nextRow })
    let fromRow = part.nextRow
    let rows: CsvRow[] = []
    // A pipeline: up to PREPARE_AHEAD chunks being built and signed (in the signing threads) while
    // the chunk before them commits; chunks commit one at a time, in order.
    const preparing: Promise<PreparedChunk>[] = []
    let committing: Promise<unknown> | undefined
    const commitNext = async () => {
      const prepared = await preparing.shift()!
      await committing
      await yieldToEventLoop()
      committing = commitBatchChunk(platform, prepared, { owner: workerId, leaseUntil: leaseUntil() }).then((outcome) => {
        options.onChunk?.(outcome)
        return outcome
      })
      committing.catch(() => {}) // awaited before the next commit or at the end
    }
    const enqueue = async () => {
      await yieldToEventLoop()
      const nextRow = rowIndexOf(rows.at(-1)!) + 1
      const next = prepareBatchChunk(platform, { cohort, batchId: batch.id, part, rows, fromRow, nextRow, planner, signer })
      next.catch(() => {}) // awaited in order by commitNext
      preparing.push(next)
      fromRow = nextRow
      rows = []
      if (preparing.length > PREPARE_AHEAD) await commitNext()
    }
    try {
      const from = await cursorAt(batch, part.nextRow)
      for (let row = await nextRowOf(from, part.endRow); row !== undefined; row = await nextRowOf(from, part.endRow)) {
        rows.push(row)
        if (rows.length >= chunkSize) await enqueue()
        if (stopped()) break
      }
      if (rows.length > 0 && !stopped()) await enqueue()
      while (preparing.length > 0 && !stopped()) await commitNext()
      await committing
      if (stopped()) {
        // Shutting down mid-part: give the lease back so another worker takes the part up now, not after the lease.
        await closeCursor()
        await releaseBatch(platform, part, workerId)
        return
      }
    } catch (err) {
      await Promise.allSettled([...preparing, committing])
      await closeCursor()
      if (err instanceof LeaseLost) return
      if (!(err instanceof PlatformError) || transient(err)) throw err
      await finishBatch(platform, batch, { state: 'failed', error: batchFailureOf(err) })
      return
    }
    await finishBatchPart(platform, lease, workerId)
  }

  let lastPrune = 0
  return startWorker({
    intervalMs: pollMs,
    onError,
    ...(options.observe ? { observe: options.observe } : {}),
    onStop: () => pool?.close(),
    work: async (isStopped) => {
      stopped = isStopped
      if (Date.now() - lastPrune > PRUNE_EVERY_MS) {
        lastPrune = Date.now()
        // File times are the system's, not the platform clock's: files a day old that nothing reads go.
        await pruneBatchUploads(platform, { filesOlderThan: new Date(Date.now() - 86_400_000) })
      }
      try {
        while (!isStopped()) {
          const lease = await leaseNextBatch(platform, workerId, new Date(leaseUntil()))
          if (!lease) break
          await runPart(lease)
        }
      } finally {
        // Nothing left to run (or a failure): the file's stream is not kept open meanwhile.
        await closeCursor()
      }
    },
  })
}

/** A runner's place in a batch's file: the rows' stream, the index of the row it yields next, and a row read past the end of the last part. */
interface RowCursor {
  batchId: string
  position: number
  rows: AsyncIterator<CsvRow>
  ahead: CsvRow | undefined
}

/** A CSV row's index among the file's recipient rows (0 for the row after the header; CsvRow.row numbers the header 1). */
const rowIndexOf = (row: CsvRow): number => row.row - 2

/** The cursor's next row when it comes before `endRow` (the part's end); else undefined, and a row read past the end is kept for the next part. */
async function nextRowOf(cursor: RowCursor, endRow: number): Promise<CsvRow | undefined> {
  let row = cursor.ahead
  cursor.ahead = undefined
  if (row === undefined) {
    const next = await cursor.rows.next()
    if (next.done) return undefined
    row = next.value
  }
  if (rowIndexOf(row) >= endRow) {
    cursor.ahead = row
    cursor.position = rowIndexOf(row)
    return undefined
  }
  cursor.position = rowIndexOf(row) + 1
  return row
}
