import { deliverMail, dueMail } from '../app/mail/deliver-mail.js'
import type { MailTransport, OutboxEntry } from '../app/mail/ports.js'
import type { PlatformPorts } from '../app/platform/ports.js'
import { startWorker, type Worker } from './coalescing-worker.js'

/** What the delivery worker needs. */
export interface MailDeliveryOptions {
  platform: Pick<PlatformPorts, 'store' | 'clock'>
  transport: MailTransport
  /** The From address (EMBLEM_MAIL_FROM); each message's fromName is its display name. */
  from: string
  /** How often to look for due messages besides notify() (default 30 s; retries come due this way). */
  intervalMs?: number
  /** Attempts before a message is marked 'failed' (default 5). */
  maxAttempts?: number
  /** Wait after the first failed attempt, doubled after each further one (default 60 s: 1, 2, 4, 8 min). */
  backoffMs?: number
  /** How long a claimed message stays out of other workers' reach while it is being sent (default 10 min). */
  leaseMs?: number
  /** Called after each failed attempt (for the log); `final` when the message will not be tried again. */
  onFailure?: (entry: OutboxEntry, error: string, final: boolean) => void
  /** Called when draining itself fails (the store is down); the next notify or tick tries again. */
  onError?: (err: unknown) => void  /** Told after each run whether it went through and how long it took (metrics). */
  observe?: (run: { ok: boolean; seconds: number }) => void
}

/** A running delivery worker: notify after queueing mail (`platform.onWake('mail', notify)`); stop waits for the message in flight and leaves the transport open for its owner to close. */
export type MailDelivery = Worker

const BATCH = 50

/**
 * Drains the outbox over `transport`: due queued messages, oldest first, one at a time. Each is
 * claimed before sending (a lease in the store), so two drains, here or in another process, never
 * send the same message; a failure is retried with exponential backoff, and after `maxAttempts`
 * (or a permanent 5xx refusal) the message is 'failed' with the server's reply kept.
 */
export function startMailDelivery({
  platform,
  transport,
  from,
  intervalMs = 30_000,
  maxAttempts = 5,
  backoffMs = 60_000,
  leaseMs = 10 * 60_000,
  onFailure = () => {},
  onError = () => {},
  observe,
}: MailDeliveryOptions): MailDelivery {
  const policy = { transport, from, maxAttempts, backoffMs, leaseMs, onFailure }
  return startWorker({
    intervalMs,
    onError,
    runAtStart: false,
    ...(observe ? { observe } : {}),
    work: async (isStopped) => {
      while (!isStopped()) {
        const due = await dueMail(platform, BATCH)
        if (due.length === 0) return
        for (const entry of due) {
          if (isStopped()) return
          await deliverMail(platform, entry, policy)
        }
      }
    },
  })
}
