// The jobs thread of `emblem serve` (role `all`) on SQLite: the background jobs (checkpointer, batch
// runner, e-mail, webhooks, …) with their own SQLite connection, so that better-sqlite3's synchronous
// writes (a batch's chunks, a checkpoint) never hold the HTTP thread. The same as a `--role worker`
// process beside a `--role web` one, in one process: WAL lets the HTTP thread read while this thread
// writes, transactions are BEGIN IMMEDIATE with a busy timeout, batches and e-mails are leased and
// checkpoints signed under the log's writer lock. A composition root (like main.ts): main.ts's
// startJobsThread starts it and talks to it through the messages below.
import { isMainThread, parentPort, workerData } from 'node:worker_threads'
import type { Config } from './config.js'
import { createLogger } from './http/logger.js'
import type { Metrics } from './metrics/index.js'
import { openServices, type JobName } from './main.js'

/** What the HTTP thread sends: wake a job (it queued work for it), or stop. */
export type ToJobsThread = { type: 'nudge'; job: JobName } | { type: 'stop' }

/** What the jobs thread sends: started (or could not), a count for the metrics, stopped. */
export type FromJobsThread =
  | { type: 'ready' }
  | { type: 'failed'; message: string; code?: string }
  | { type: 'job'; job: string; run: { ok: boolean; seconds: number } }
  | { type: 'issued'; count: number }
  | { type: 'batch-rows'; outcome: { issued: number; failed: number } }
  | { type: 'stopped' }

/** What the thread is started with. */
export interface JobsThreadData {
  config: Config
}

/** Metrics that count nothing here: each count goes to the HTTP thread, whose /metrics reports it. */
function forwardingMetrics(send: (message: FromJobsThread) => void): Metrics {
  return {
    observeRequest: () => {},
    observeJob: (job, run) => send({ type: 'job', job, run }),
    credentialsIssued: (count) => send({ type: 'issued', count }),
    batchRows: (outcome) => send({ type: 'batch-rows', outcome: { issued: outcome.issued, failed: outcome.failed } }),
    render: () => Promise.reject(new Error('the jobs thread serves no metrics: the HTTP thread does')),
  }
}

async function run(port: NonNullable<typeof parentPort>, { config }: JobsThreadData): Promise<void> {
  const send = (message: FromJobsThread) => port.postMessage(message)
  const log = createLogger(config.logLevel)
  let services: Awaited<ReturnType<typeof openServices>>
  try {
    services = await openServices(config, log, { role: 'worker', metricsRole: 'all', metrics: forwardingMetrics(send) })
  } catch (err) {
    const code = (err as { code?: unknown }).code
    send({ type: 'failed', message: err instanceof Error ? err.message : String(err), ...(typeof code === 'string' ? { code } : {}) })
    port.close()
    return
  }
  const { checkpointer, batches } = services
  const wake: Record<JobName, () => void> = {
    checkpointer: () => checkpointer.notify(),
    batches: () => batches.notify(),
    // E-mail and webhooks look on their own timers too; what the HTTP thread queued is sent at once.
    mail: () => services.platform.ports.wake('mail'),
    webhooks: () => services.platform.ports.wake('webhooks'),
  }
  let stopping: Promise<void> | undefined
  port.on('message', (message: ToJobsThread) => {
    if (message.type === 'nudge') wake[message.job]()
    else
      stopping ??= services
        .close()
        .catch((err: unknown) => log.error('the jobs thread did not close cleanly', { error: err instanceof Error ? err.message : String(err) }))
        .then(() => {
          send({ type: 'stopped' })
          port.close()
        })
  })
  send({ type: 'ready' })
}

if (!isMainThread && parentPort && (workerData as { jobsThread?: JobsThreadData } | undefined)?.jobsThread) await run(parentPort, (workerData as { jobsThread: JobsThreadData }).jobsThread)
