// Delivering queued webhooks, one attempt at a time, for the delivery worker
// (src/jobs/webhook-delivery.ts): each delivery is claimed before it is sent, signed per Standard
// Webhooks (webhook-id, webhook-timestamp, webhook-signature), and retried with exponential backoff
// until its retry window (3 days) ends; then it is failed, until someone redelivers it.
import { Webhook } from 'standardwebhooks'
import type { PlatformPorts } from '../platform/ports.js'
import type { WebhookDeliveryRecord, WebhookSender } from './ports.js'
import { openWebhookSecret } from './webhooks-use-cases.js'

/** How attempts are made and retried. */
export interface WebhookPolicy {
  sender: WebhookSender
  /** Wait after the first failed attempt, doubled after each further one (default 30 s). */
  backoffMs: number
  /** The longest wait between two attempts (default 6 h). */
  maxBackoffMs: number
  /** How long a claimed delivery stays out of other workers' reach while it is sent. */
  leaseMs: number
  /** Told after each failed attempt; `final` when it will not be retried. */
  onFailure?: (delivery: WebhookDeliveryRecord, error: string, final: boolean) => void
}

export const DEFAULT_WEBHOOK_POLICY = { backoffMs: 30_000, maxBackoffMs: 6 * 60 * 60 * 1000, leaseMs: 2 * 60_000 } as const

/** Longest response body kept in the log. */
export const MAX_LOGGED_BODY = 2000

/** Pending deliveries due now, oldest first. */
export const dueWebhooks = ({ store, clock }: Pick<PlatformPorts, 'store' | 'clock'>, limit: number): Promise<WebhookDeliveryRecord[]> =>
  store.repos.webhooks.due(clock.now(), limit)

/** The wait before attempt `attempts + 1`, after `attempts` failed ones: backoff · 2^(attempts-1), capped. */
export const backoffAfter = (attempts: number, policy: Pick<WebhookPolicy, 'backoffMs' | 'maxBackoffMs'>): number =>
  Math.min(policy.maxBackoffMs, policy.backoffMs * 2 ** Math.max(0, attempts - 1))

/** The signed request of a delivery at `at`: the Standard Webhooks headers over its payload. */
export function signedRequest(delivery: Pick<WebhookDeliveryRecord, 'id' | 'payload'>, secret: string, url: string, at: Date) {
  const signature = new Webhook(secret).sign(delivery.id, at, delivery.payload)
  return {
    url,
    body: delivery.payload,
    headers: {
      'content-type': 'application/json',
      'user-agent': 'Emblem-Webhooks/1',
      'webhook-id': delivery.id,
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': signature,
    },
  }
}

/**
 * One attempt: claims the delivery (nothing happens when another worker has it, or its endpoint is
 * gone or disabled), signs and sends it; a 2xx answer delivers it, anything else (another status, a
 * timeout, a refused address) schedules the next attempt with exponential backoff, or fails it when
 * that would fall after its retry window.
 */
export async function deliverWebhook({ store, clock, random, secrets }: Pick<PlatformPorts, 'store' | 'clock' | 'random' | 'secrets'>, delivery: WebhookDeliveryRecord, policy: WebhookPolicy): Promise<void> {
  const { webhooks } = store.repos
  const now = clock.now()
  const endpoint = await webhooks.endpoint(delivery.orgId, delivery.endpointId)
  if (!endpoint || !endpoint.enabled) return
  if (!(await webhooks.claim(delivery.id, now, new Date(now.getTime() + policy.leaseMs)))) return
  const request = signedRequest(delivery, openWebhookSecret({ secrets }, endpoint), endpoint.url, now)
  const started = Date.now()
  let status: number | null = null
  let body: string | null = null
  let error: string | null = null
  try {
    const response = await policy.sender(request)
    status = response.status
    body = response.body.slice(0, MAX_LOGGED_BODY)
    if (status < 200 || status > 299) error = `The endpoint answered HTTP ${status}`
  } catch (err) {
    error = err instanceof Error ? err.message : String(err)
  }
  const after = clock.now()
  const attempts = delivery.attempts + 1
  const next = new Date(after.getTime() + backoffAfter(attempts, policy))
  const final = error !== null && next.getTime() > Date.parse(delivery.retryUntil)
  await webhooks.recordAttempt(
    { id: random.uuid(), deliveryId: delivery.id, at: now.toISOString(), requestHeaders: request.headers, responseStatus: status, responseBody: body, error, durationMs: Date.now() - started },
    error === null
      ? { state: 'delivered', nextAttemptAt: null, lastError: null, deliveredAt: after.toISOString() }
      : { state: final ? 'failed' : 'pending', nextAttemptAt: final ? null : next, lastError: error, deliveredAt: null },
  )
  if (error !== null) policy.onFailure?.(delivery, error, final)
}
