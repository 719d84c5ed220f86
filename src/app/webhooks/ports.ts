// Webhooks (issue #13 item 4): an organization's endpoints, and the durable queue of deliveries to
// them. Events are queued inside the transaction that made them happen (an outbox), delivered later
// by the worker role (src/jobs/webhook-delivery.ts) through the WebhookSender port (src/fetch).

/** The events an endpoint can subscribe to. `enrolment.completed` is defined for the enrolments feature and emitted by it. */
export const WEBHOOK_EVENTS = [
  'credential.issued',
  'credential.claimed',
  'credential.revoked',
  'credential.suspended',
  'credential.verified',
  'batch.finished',
  'enrolment.completed',
] as const
export type WebhookEventType = (typeof WEBHOOK_EVENTS)[number]
/** What "Send test event" sends: to one endpoint, whatever it subscribes to. */
export const TEST_EVENT = 'webhook.test'
export type DeliveredEventType = WebhookEventType | typeof TEST_EVENT

/**
 * An endpoint as stored. `secret` is the Standard Webhooks `whsec_…` signing secret sealed under the
 * master key (`v1.…`, context `webhook-secret:<id>`); rows written before 0023 hold it plain until
 * sealStoredWebhookSecrets runs (every start).
 */
export interface WebhookEndpointRecord {
  id: string
  orgId: string
  url: string
  description: string
  events: WebhookEventType[]
  enabled: boolean
  secret: string
  createdAt: string
  updatedAt: string
}

export type DeliveryState = 'pending' | 'delivered' | 'failed'

/** One message to one endpoint: its payload, and how its delivery went so far. */
export interface WebhookDeliveryRecord {
  /** The message id (the `webhook-id` header): the same on every attempt and redelivery, so receivers deduplicate. */
  id: string
  endpointId: string
  orgId: string
  eventType: DeliveredEventType
  /** The JSON body sent (`{ type, timestamp, data }`). */
  payload: string
  state: DeliveryState
  attempts: number
  nextAttemptAt: string
  /** Retries stop after this (3 days after the event, or after a redelivery). */
  retryUntil: string
  lastAttemptAt: string | null
  /** The receiver's last HTTP status, or null when it was not reached. */
  responseStatus: number | null
  /** The receiver's last answer, truncated. */
  responseBody: string | null
  lastError: string | null
  createdAt: string
  deliveredAt: string | null
}

/** One attempt of a delivery, for the log. */
export interface WebhookAttemptRecord {
  id: string
  deliveryId: string
  at: string
  /** The signed request's headers (the signature included), as sent. */
  requestHeaders: Record<string, string>
  responseStatus: number | null
  responseBody: string | null
  error: string | null
  durationMs: number
}

/** An event to queue for an organization's subscribed, enabled endpoints. */
export interface WebhookEvent {
  type: WebhookEventType
  data: Record<string, unknown>
}

/** Where endpoints and deliveries are kept (implemented by the store). */
export interface WebhooksRepo {
  insertEndpoint(endpoint: WebhookEndpointRecord): Promise<void>
  updateEndpoint(orgId: string, id: string, change: Partial<Pick<WebhookEndpointRecord, 'url' | 'description' | 'events' | 'enabled' | 'secret'>> & { updatedAt: string }): Promise<boolean>
  deleteEndpoint(orgId: string, id: string): Promise<boolean>
  /** Endpoints whose secret is still stored plain (`whsec_…`), at most `limit`. */
  endpointsWithPlainSecret(limit: number): Promise<WebhookEndpointRecord[]>
  /** Replaces the stored secret `from` by `to`; false when it is no longer `from`. */
  replaceSecret(id: string, from: string, to: string): Promise<boolean>
  endpoint(orgId: string, id: string): Promise<WebhookEndpointRecord | undefined>
  /** The organization's endpoints, oldest first. */
  endpoints(orgId: string): Promise<WebhookEndpointRecord[]>
  /**
   * Queues `events` of `orgId` for each of its enabled endpoints subscribed to their type (one
   * delivery row per endpoint and event). Call it in the transaction that made the events happen.
   * Returns how many deliveries were queued (none: no statement beyond the endpoint lookup).
   */
  enqueue(orgId: string, events: readonly WebhookEvent[], at: Date, retryUntil: Date): Promise<number>
  /** Queues one delivery to one endpoint (the test event). */
  enqueueTo(endpointId: string, orgId: string, type: DeliveredEventType, payload: string, id: string, at: Date, retryUntil: Date): Promise<void>
  delivery(orgId: string, id: string): Promise<WebhookDeliveryRecord | undefined>
  /** An endpoint's deliveries, newest first; `before` is the id of the last of the previous page. */
  deliveries(orgId: string, endpointId: string, options: { limit: number; before?: string | undefined }): Promise<WebhookDeliveryRecord[]>
  attempts(deliveryId: string): Promise<WebhookAttemptRecord[]>
  /** Pending deliveries due at `now`, oldest first, of enabled endpoints. */
  due(now: Date, limit: number): Promise<WebhookDeliveryRecord[]>
  /** Takes a due delivery for one attempt (moves its next attempt to `leaseUntil`); false when another worker took it. */
  claim(id: string, now: Date, leaseUntil: Date): Promise<boolean>
  /** Records an attempt and the delivery's new state (pending again at `nextAttemptAt`, delivered, or failed). */
  recordAttempt(attempt: WebhookAttemptRecord, outcome: { state: DeliveryState; nextAttemptAt: Date | null; lastError: string | null; deliveredAt: string | null }): Promise<void>
  /** Makes a delivery pending again now, retried until `retryUntil` (redelivery). */
  requeue(orgId: string, id: string, at: Date, retryUntil: Date): Promise<boolean>
  /** The latest delivery state per endpoint of the organization (for the list page). */
  summaries(orgId: string): Promise<Map<string, { pending: number; failed: number; lastState: DeliveryState | null; lastAt: string | null }>>
}

/** One signed request to send. */
export interface WebhookRequest {
  url: string
  headers: Record<string, string>
  body: string
}

/** A receiver's answer (body truncated by the sender). */
export interface WebhookResponse {
  status: number
  body: string
}

/**
 * Sends one webhook request under the guarded fetcher's rules (src/fetch: public addresses only
 * unless configured, a deadline, no redirects followed). Rejects with ERR_FETCH_BLOCKED or
 * ERR_FETCH_FAILED when the receiver cannot be reached; any HTTP answer resolves.
 */
export type WebhookSender = (request: WebhookRequest) => Promise<WebhookResponse>
