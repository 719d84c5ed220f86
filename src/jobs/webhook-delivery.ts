import { deliverWebhook, dueWebhooks, DEFAULT_WEBHOOK_POLICY, type WebhookPolicy } from '../app/webhooks/deliver-webhook.js'
import type { PlatformPorts } from '../app/platform/ports.js'
import type { WebhookDeliveryRecord, WebhookSender } from '../app/webhooks/ports.js'
import { startWorker, type Worker } from './coalescing-worker.js'

/** What the webhook delivery worker needs. */
export interface WebhookDeliveryOptions {
  platform: Pick<PlatformPorts, 'store' | 'clock' | 'random' | 'secrets'>
  sender: WebhookSender
  /** How often to look for due deliveries besides notify() (default 5 s: retries and other processes' events come due this way). */
  intervalMs?: number
  backoffMs?: number
  maxBackoffMs?: number
  leaseMs?: number
  /** Deliveries sent at once (default 4): one slow receiver does not hold up the others for long. */
  concurrency?: number
  onFailure?: (delivery: WebhookDeliveryRecord, error: string, final: boolean) => void
  onError?: (err: unknown) => void
  observe?: (run: { ok: boolean; seconds: number }) => void
}

const BATCH = 50

/**
 * Drains the webhook queue: due deliveries, oldest first, a few at a time. Each is claimed before
 * it is sent (a lease in the store), so workers here or in other processes never send one twice at
 * once; failures come back with exponential backoff until their 3-day window ends.
 */
export function startWebhookDelivery({ platform, sender, intervalMs = 5_000, concurrency = 4, onError = () => {}, observe, ...rest }: WebhookDeliveryOptions): Worker {
  const policy: WebhookPolicy = {
    sender,
    backoffMs: rest.backoffMs ?? DEFAULT_WEBHOOK_POLICY.backoffMs,
    maxBackoffMs: rest.maxBackoffMs ?? DEFAULT_WEBHOOK_POLICY.maxBackoffMs,
    leaseMs: rest.leaseMs ?? DEFAULT_WEBHOOK_POLICY.leaseMs,
    ...(rest.onFailure ? { onFailure: rest.onFailure } : {}),
  }
  return startWorker({
    intervalMs,
    onError,
    runAtStart: true,
    ...(observe ? { observe } : {}),
    work: async (isStopped) => {
      while (!isStopped()) {
        const due = await dueWebhooks(platform, BATCH)
        if (due.length === 0) return
        for (let i = 0; i < due.length && !isStopped(); i += concurrency) await Promise.all(due.slice(i, i + concurrency).map((d) => deliverWebhook(platform, d, policy)))
        if (due.length < BATCH) return
      }
    },
  })
}
