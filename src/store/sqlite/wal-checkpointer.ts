import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'

/** Pages the writer's own connection lets the WAL reach before it checkpoints itself (a safety net: 40 MB). */
export const WRITER_AUTOCHECKPOINT_PAGES = 10_000

/** Milliseconds the checkpointer waits after a commit, so a run of commits shares one checkpoint. */
const DELAY_MS = 50

// CommonJS, evaluated in the worker: its own connection to the file, a PASSIVE checkpoint (never
// blocks the writer or readers) a little after each nudge, a last one on stop.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
const Database = require(workerData.driver)
const db = new Database(workerData.path)
let timer
const checkpoint = () => {
  timer = undefined
  try { db.pragma('wal_checkpoint(PASSIVE)') } catch {}
}
parentPort.on('message', (message) => {
  if (message === 'stop') {
    if (timer) clearTimeout(timer)
    checkpoint()
    db.close()
    parentPort.postMessage('stopped')
    parentPort.close()
  } else if (!timer) timer = setTimeout(checkpoint, workerData.delayMs)
})
`

/** The checkpointer of one SQLite file: `nudge()` after a commit, `stop()` before closing. */
export interface WalCheckpointer {
  nudge(): void
  stop(): Promise<void>
}

/**
 * Copies committed WAL pages into a SQLite database file from a worker thread, so the writer's
 * commits do not stop to do it (SQLite's automatic checkpoint runs inside the commit that crosses the
 * threshold: about a fifth of a bulk append's time). The thread starts at the first nudge, so a store
 * that never writes never starts one; it does not keep the process alive. Durability is SQLite's:
 * a commit is in the WAL, synced, before the checkpointer ever sees it.
 */
export function walCheckpointer(path: string): WalCheckpointer {
  let worker: Worker | undefined
  let exited: Promise<unknown> | undefined
  let stopped = false
  return {
    nudge() {
      if (stopped) return
      if (!worker) {
        const driver = createRequire(import.meta.url).resolve('better-sqlite3')
        worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { driver, path, delayMs: DELAY_MS } })
        worker.unref()
        // A checkpointer that fails leaves the writer's own threshold to bound the WAL.
        worker.on('error', () => {})
        const started = worker
        exited = new Promise((resolve) => started.once('exit', resolve))
      }
      worker.postMessage('nudge')
    },
    async stop() {
      stopped = true
      const running = worker
      worker = undefined
      if (!running) return
      // Unref'd while it runs; held now, or a process with nothing else to do would end before it answers.
      running.ref()
      running.once('message', () => void running.terminate())
      running.postMessage('stop')
      await exited
    },
  }
}
