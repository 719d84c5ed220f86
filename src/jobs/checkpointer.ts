import type { LogHead } from '../app/log-head.js'
import type { LogStore } from '../app/log-store.js'
import { signCheckpoint } from '../app/log-checkpoint.js'
import type { StoredCheckpoint } from '../app/ports.js'
import type { NoteSigner } from '../core/transparency-log/index.js'
import { startWorker, type Worker } from './coalescing-worker.js'

/** Options of the checkpoint scheduler. */
export interface CheckpointerOptions {
  store: Pick<LogStore, 'transaction'>
  /** The log's note signer (key management comes later; tests generate one). */
  signer: NoteSigner
  /** The log's origin, `<host>/log`. */
  origin: string
  /** Longest wait between signings while leaves are pending, e.g. appended by another process (default 5,000 ms). */
  intervalMs?: number
  clock?: { now(): Date }
  /** The log's high-water mark outside the database: checked before each signing, moved up after (see signCheckpoint). */
  head?: Pick<LogHead, 'checkBeforeSigning' | 'recordSigned'>
  /** Called with each new checkpoint, after it is stored. */
  onSigned?: (stored: StoredCheckpoint) => void
  /** Called when a signing fails (the scheduler keeps running); default: console.error. */
  onError?: (err: unknown) => void
  /** Told after each run whether it went through and how long it took (metrics). */
  observe?: (run: { ok: boolean; seconds: number }) => void
}

/** A running checkpoint scheduler: notify after each appended batch; stop waits for a signing in progress. */
export type Checkpointer = Worker

/**
 * Signs a checkpoint after each batch (`notify`) and at least every `intervalMs` while leaves are
 * pending (a signing with nothing new stores nothing), one signing at a time. Signs once at start.
 * @example
 * const checkpointer = startCheckpointer({ store, signer, origin: logOrigin(config.publicUrl) })
 * await appendToLog({ store, onAppended: checkpointer.notify }, credentials)
 */
export function startCheckpointer(options: CheckpointerOptions): Checkpointer {
  const { intervalMs, onSigned, onError, observe, ...deps } = {
    intervalMs: 5000,
    onError: (err: unknown) => console.error('checkpointer: signing failed', err),
    ...options,
  }
  return startWorker({
    intervalMs,
    onError,
    ...(observe ? { observe } : {}),
    work: async () => {
      const { stored, isNew } = await signCheckpoint(deps)
      if (isNew) onSigned?.(stored)
    },
  })
}
