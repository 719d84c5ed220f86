import type { LogStore } from '../app/log-store.js'
import { signCheckpoint } from '../app/log-checkpoint.js'
import type { StoredCheckpoint } from '../app/ports.js'
import type { NoteSigner } from '../core/transparency-log/index.js'

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
  /** Called with each new checkpoint, after it is stored. */
  onSigned?: (stored: StoredCheckpoint) => void
  /** Called when a signing fails (the scheduler keeps running); default: console.error. */
  onError?: (err: unknown) => void
}

/** A running checkpoint scheduler. */
export interface Checkpointer {
  /** Asks for a checkpoint soon: call after each appended batch. Notifications during a signing coalesce into one more. */
  notify(): void
  /** Resolves when no signing is running or asked for. */
  settled(): Promise<void>
  /** Stops the timer and waits for a signing in progress; nothing is signed after it resolves. */
  stop(): Promise<void>
}

/**
 * Signs a checkpoint after each batch (`notify`) and at least every `intervalMs` while leaves are
 * pending (a signing with nothing new stores nothing), one signing at a time. Signs once at start.
 * @example
 * const checkpointer = startCheckpointer({ store, signer, origin: logOrigin(config.publicUrl) })
 * await appendToLog({ store, onAppended: checkpointer.notify }, credentials)
 */
export function startCheckpointer(options: CheckpointerOptions): Checkpointer {
  const { intervalMs, onSigned, onError, ...deps } = {
    intervalMs: 5000,
    onError: (err: unknown) => console.error('checkpointer: signing failed', err),
    ...options,
  }
  let running: Promise<void> | undefined
  let isAsked = false
  let isStopped = false

  const run = async () => {
    while (isAsked && !isStopped) {
      isAsked = false
      try {
        const { stored, isNew } = await signCheckpoint(deps)
        if (isNew) onSigned?.(stored)
      } catch (err) {
        onError(err)
      }
    }
  }
  const notify = () => {
    if (isStopped) return
    isAsked = true
    running ??= run().finally(() => {
      running = undefined
    })
  }
  const timer = setInterval(notify, intervalMs)
  // The timer alone never keeps the process alive; the server or worker does.
  timer.unref()
  notify()

  return {
    notify,
    settled: async () => {
      while (running) await running
    },
    async stop() {
      isStopped = true
      clearInterval(timer)
      await running
    },
  }
}
