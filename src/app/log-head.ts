// The log's high-water mark (RELIABILITY.md §2.15, R28): the latest checkpoint this instance signed,
// kept outside the database, so that a database restored from an older backup or snapshot, whose log
// is consistent with itself, is still caught: the server refuses to start, sign or report ready.
import { PlatformError } from '../core/errors.js'
import { emptyRoot, foldRange, isSameHash, parseCheckpoint, rangeNodes, type Checkpoint, type Hash, type NodeId } from '../core/transparency-log/index.js'
import type { LogStore, LogWriter } from './log-store.js'
import type { StoredCheckpoint } from './ports.js'

/** Where the operator reads what to do about a refused log. */
export const LOG_HEAD_DOCS = 'docs/OPERATIONS.md#the-server-refuses-a-rewound-log'

/**
 * The port: where the mark is kept, outside the database and outside its backups (keys/log-head-file.ts:
 * `<data dir>/log-head`). It holds the latest signed checkpoint note this instance recorded.
 */
export interface LogHeadFile {
  /** Where the mark is kept (a path), for messages. */
  readonly location: string
  /** The recorded signed checkpoint note, or undefined when there is none yet. */
  read(): Promise<string | undefined>
  /** Records `note` atomically (never a half-written mark). */
  write(note: string): Promise<void>
}

/** The database's log as compared with the mark: its origin, its size, and its root at the mark's size (when it is that large). */
export interface TreeAtHead {
  origin: string
  size: number
  /** The root of the first `head.size` leaves; undefined when `size < head.size`. */
  rootAtHeadSize: Hash | undefined
}

/** Why a database's log does not extend the mark. */
export type HeadMismatch = { kind: 'origin' } | { kind: 'behind' } | { kind: 'fork' }

/**
 * The comparison, pure: undefined when the tree extends the mark (same origin, at least as many
 * leaves, the same root at the mark's size); otherwise what differs.
 */
export function compareWithHead(head: Checkpoint, tree: TreeAtHead): HeadMismatch | undefined {
  if (tree.origin !== head.origin) return { kind: 'origin' }
  if (tree.size < head.size || tree.rootAtHeadSize === undefined) return { kind: 'behind' }
  if (!isSameHash(tree.rootAtHeadSize, head.root)) return { kind: 'fork' }
  return undefined
}

/** The checkpoint body of a signed note (the text before the blank line). */
export function checkpointOfNote(note: string): Checkpoint {
  const end = note.indexOf('\n\n')
  return parseCheckpoint(end < 0 ? note : note.slice(0, end + 1))
}

const WAY_OUT =
  `Restore the newest backup instead; or, if going back is really meant, run \`emblem log forget-head --yes\` and start again: ` +
  `monitors and witnesses that saw the larger log will then report the rollback (${LOG_HEAD_DOCS}).`

/** The refusal, saying what happened, the sizes, and what to do. */
export function headMismatchError(mismatch: HeadMismatch, head: Checkpoint, tree: Pick<TreeAtHead, 'origin' | 'size'>, location: string): PlatformError {
  const what =
    mismatch.kind === 'origin'
      ? `The last checkpoint recorded in ${location} is of the log ${head.origin}, but this instance's log is ${tree.origin}: the data directory belongs to another instance.`
      : mismatch.kind === 'behind'
        ? `The transparency log in the database has ${tree.size} entries, fewer than the ${head.size} of the last checkpoint this instance signed and published (recorded in ${location}): ` +
          `the database was restored from an older backup or snapshot, or rolled back, and the ${head.size - tree.size} credentials logged after the first ${tree.size} would silently leave the log.`
        : `The transparency log in the database (${tree.size} entries) does not extend the last checkpoint this instance signed and published (size ${head.size}, recorded in ${location}): ` +
          `its first ${head.size} entries differ (a database restored from an older backup and written to since, or another instance's database).`
  return new PlatformError('ERR_LOG_INCONSISTENT', `${what} Refusing to serve or sign checkpoints. ${WAY_OUT}`)
}

/** RFC 9162 §2.1.1: the root of the first `size` leaves, from the stored subtree hashes of a tree of `treeSize`. */
async function rootOfFirst(nodes: (ids: readonly NodeId[], treeSize: number) => Promise<Hash[]>, size: number, treeSize: number): Promise<Hash> {
  if (size === 0) return emptyRoot()
  return foldRange(await nodes(rangeNodes(0, size), treeSize))
}

/** What {@link createLogHead} needs: the mark's file, the log's origin, the store, and how often readiness looks again. */
export interface LogHeadDeps {
  file: LogHeadFile
  /** The log's origin, `<host>/log` (logOrigin). */
  origin: string
  store: Pick<LogStore, 'transaction' | 'log'>
  /** Readiness compares the mark with the database at most this often (default 5,000 ms); in between it answers from the last look. */
  recheckMs?: number
  clock?: { now(): Date }
  /**
   * Told when the mark could not be written (a full disk, a read-only data directory): the mark stays
   * where it was, behind the database (less protection, never a false alarm), and nothing else fails.
   */
  onWriteError: (err: unknown) => void
}

/** The guard a serving process keeps over its log. Once it refused, it refuses until the process restarts. */
export interface LogHead {
  /**
   * At start, before anything is served or signed: throws ERR_LOG_INCONSISTENT when the database's
   * log has fewer leaves than the mark or another root at its size; moves the mark up to the
   * database's latest checkpoint when that is newer (signed by another process, or by a version
   * before the mark existed).
   */
  checkAtStart(): Promise<void>
  /** Inside the signing transaction (the log's writer lock held), before a checkpoint is signed: the same check. */
  checkBeforeSigning(log: LogWriter): Promise<void>
  /** After a checkpoint was committed to the database: records it, unless the mark is already as large. Never throws (see onWriteError). */
  recordSigned(stored: StoredCheckpoint): Promise<void>
  /** Readiness: throws ERR_LOG_UNAVAILABLE (503) with the reason once the log was refused (looked at again every `recheckMs`). */
  ready(): Promise<void>
}

/**
 * The high-water mark over `file`: a mark that cannot be read or parsed fails closed too (the
 * operator's way out is the same: `emblem log forget-head --yes`). Mark writes are serialized in
 * the process and never lower the mark; the mark is read before the database, and written only
 * after a checkpoint committed, so a process killed at any moment never finds the mark ahead of its
 * database (no false alarm after kill -9).
 */
export function createLogHead({ file, origin, store, recheckMs = 5_000, clock, onWriteError }: LogHeadDeps): LogHead {
  const now = () => (clock?.now() ?? new Date()).getTime()
  let refused: PlatformError | undefined
  let lastLook = Number.NEGATIVE_INFINITY
  let looking: Promise<void> | undefined
  let writes: Promise<void> = Promise.resolve()

  /** Readiness's answer: 503 (the log is unavailable here), with the reason. */
  const throwIfRefused = (): void => {
    if (refused) throw new PlatformError('ERR_LOG_UNAVAILABLE', refused.message, { cause: refused })
  }
  const refuse = (err: PlatformError): never => {
    refused ??= err
    throw err
  }

  async function readHead(): Promise<Checkpoint | undefined> {
    let note: string | undefined
    try {
      note = await file.read()
      return note === undefined ? undefined : checkpointOfNote(note)
    } catch (err) {
      return refuse(
        new PlatformError(
          'ERR_LOG_INCONSISTENT',
          `The log's high-water mark ${file.location} cannot be read (${err instanceof Error ? err.message : String(err)}). Refusing to serve or sign checkpoints until it is. ${WAY_OUT}`,
          { cause: err },
        ),
      )
    }
  }

  async function compare(head: Checkpoint, size: number, rootAt: () => Promise<Hash>): Promise<void> {
    const tree = { origin, size, rootAtHeadSize: size >= head.size ? await rootAt() : undefined }
    const mismatch = compareWithHead(head, tree)
    if (mismatch) refuse(headMismatchError(mismatch, head, tree, file.location))
  }

  /** The writer-lock check: every leaf counts, signed or not. */
  async function checkWriter(log: LogWriter, head: Checkpoint | undefined): Promise<void> {
    if (refused) throw refused
    if (!head) return
    const size = await log.size()
    await compare(head, size, () => rootOfFirst((ids, treeSize) => log.nodes(ids, treeSize), head.size, size))
  }

  /** Writes `stored` unless the mark is already as large; says whether it wrote. */
  async function raiseTo(stored: StoredCheckpoint): Promise<boolean> {
    const head = await file.read().catch(() => undefined)
    const current = head === undefined ? undefined : safeCheckpoint(head)
    if (current && current.origin === stored.checkpoint.origin && current.size >= stored.checkpoint.size) return false
    await file.write(stored.note)
    return true
  }

  function recordSigned(stored: StoredCheckpoint): Promise<void> {
    const write = writes.then(async () => {
      if (!(await raiseTo(stored))) return
      // The mark is a file, not a lock: another process (a second worker) may have written a larger mark
      // between this read and this write, which this write then lowered. The database's latest checkpoint is
      // committed, so the mark may always be raised to it: a lowered mark is put back now rather than at the
      // next checkpoint (a mark behind the database only protects less; it never raises a false alarm).
      const latest = await store.log.latestCheckpoint()
      if (latest && latest.checkpoint.origin === stored.checkpoint.origin && latest.checkpoint.size > stored.checkpoint.size) await raiseTo(latest)
    })
    writes = write.catch((err: unknown) => void onWriteError(err))
    return writes
  }

  async function look(): Promise<void> {
    const head = await readHead()
    if (!head) return
    const latest = await store.log.latestCheckpoint()
    const size = latest?.checkpoint.size ?? 0
    await compare(head, size, async () => (latest && latest.checkpoint.size === head.size ? latest.checkpoint.root : rootOfFirst((ids, treeSize) => store.log.nodes(ids, treeSize), head.size, size)))
  }

  return {
    async checkAtStart() {
      if (refused) throw refused
      // The mark first, then the database: a checkpoint another process records meanwhile is already committed.
      const head = await readHead()
      const latest = await store.transaction(async ({ log }) => {
        await checkWriter(log, head)
        return log.latestCheckpoint()
      })
      if (latest && latest.checkpoint.origin === origin && (!head || latest.checkpoint.size > head.size)) await recordSigned(latest)
      lastLook = now()
    },
    async checkBeforeSigning(log) {
      if (refused) throw refused
      await log.size() // takes the writer lock: every checkpoint the mark can hold is committed and visible from here
      await checkWriter(log, await readHead())
    },
    recordSigned,
    async ready() {
      throwIfRefused()
      if (now() - lastLook >= recheckMs) {
        looking ??= look()
          // The database being away is readiness's own business (it answered just before): only a refusal counts here.
          .catch(() => {})
          .finally(() => {
            lastLook = now()
            looking = undefined
          })
        await looking
      }
      throwIfRefused()
    },
  }
}

function safeCheckpoint(note: string): Checkpoint | undefined {
  try {
    return checkpointOfNote(note)
  } catch {
    return undefined
  }
}
