/** A background worker's handle. */
export interface Worker {
  /** Asks for a run soon. Notifications during a run coalesce into one more run; never two runs at once. */
  notify(): void
  /** Resolves when no run is in progress or asked for. */
  settled(): Promise<void>
  /** Stops the timer and waits for the run in progress; nothing runs after it resolves. */
  stop(): Promise<void>
}

/** What a worker runs and how often. */
export interface WorkerOptions {
  /** One run. `isStopped()` turns true when stop() is called: long runs check it between steps. */
  work(isStopped: () => boolean): Promise<void>
  /** Runs at least this often while the process lives (the timer never keeps the process alive). */
  intervalMs: number
  /** A failed run is reported here; the worker keeps going. */
  onError(err: unknown): void
  /** Run once right away (default true). */
  runAtStart?: boolean
  /** Cleanup after the last run when stopped (a thread pool, say). */
  onStop?: () => Promise<void> | void
  /** Told after each run whether it went through and how long it took (metrics). */
  observe?: (run: { ok: boolean; seconds: number }) => void
}

/**
 * The scheduling every background job shares (checkpoints, batches, e-mail): run `work` when
 * notified and on a timer, one run at a time, a notification that arrives while a run ends never
 * lost, and a stop that waits for the run in flight.
 */
export function startWorker({ work, intervalMs, onError, runAtStart = true, onStop, observe }: WorkerOptions): Worker {
  let running: Promise<void> | undefined
  let isAsked = false
  let isStopped = false
  const stopped = () => isStopped

  const run = async () => {
    while (isAsked && !isStopped) {
      isAsked = false
      const started = performance.now()
      try {
        await work(stopped)
        observe?.({ ok: true, seconds: (performance.now() - started) / 1000 })
      } catch (err) {
        observe?.({ ok: false, seconds: (performance.now() - started) / 1000 })
        onError(err)
      }
    }
  }
  const notify = () => {
    if (isStopped) return
    isAsked = true
    running ??= run().finally(() => {
      running = undefined
      // A notification between the loop's last check and here must not be lost.
      if (isAsked) notify()
    })
  }
  const timer = setInterval(notify, intervalMs)
  timer.unref()
  if (runAtStart) notify()

  return {
    notify,
    settled: async () => {
      while (running) await running
    },
    async stop() {
      isStopped = true
      clearInterval(timer)
      while (running) await running
      await onStop?.()
    },
  }
}
