// Delivering the outbox, one message at a time, for the delivery worker (src/jobs/mail-delivery.ts):
// each message is claimed before it is sent, so two workers never send it twice.
import type { PlatformPorts } from '../platform/ports.js'
import { MailDeliveryError, type MailTransport, type OutboxEntry } from './ports.js'

/** How a delivery attempt is made and retried. */
export interface DeliveryPolicy {
  transport: MailTransport
  /** The From address (EMBLEM_MAIL_FROM); each message's fromName is its display name. */
  from: string
  /** Attempts before a message is marked 'failed'. */
  maxAttempts: number
  /** Wait after the first failed attempt, doubled after each further one. */
  backoffMs: number
  /** How long a claimed message stays out of other workers' reach while it is being sent. */
  leaseMs: number
  /** Called after each failed attempt; `final` when the message will not be tried again. */
  onFailure?: (entry: OutboxEntry, error: string, final: boolean) => void
}

/** Queued messages due now, oldest first. */
export const dueMail = ({ store, clock }: Pick<PlatformPorts, 'store' | 'clock'>, limit: number): Promise<OutboxEntry[]> => store.repos.outbox.due(clock.now(), limit)

/**
 * One delivery attempt: claims the message (nothing happens when another worker has it), sends it,
 * and records the outcome: sent, retried with exponential backoff, or failed for good after
 * `maxAttempts` or a permanent refusal (the server's reply kept).
 */
export async function deliverMail({ store, clock }: Pick<PlatformPorts, 'store' | 'clock'>, entry: OutboxEntry, policy: DeliveryPolicy): Promise<void> {
  const { outbox } = store.repos
  const now = clock.now()
  if (!(await outbox.claim(entry.id, now, new Date(now.getTime() + policy.leaseMs)))) return
  try {
    await policy.transport.send(entry, policy.from)
  } catch (err) {
    const attempts = entry.attempts + 1
    const final = attempts >= policy.maxAttempts || (err instanceof MailDeliveryError && err.permanent)
    const error = err instanceof Error ? err.message : String(err)
    await outbox.markFailed(entry.id, error, final ? null : new Date(clock.now().getTime() + policy.backoffMs * 2 ** (attempts - 1)))
    policy.onFailure?.(entry, error, final)
    return
  }
  await outbox.markSent(entry.id, clock.now())
}
