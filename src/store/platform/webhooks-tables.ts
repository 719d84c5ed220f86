// The tables of migration 0019 (webhooks), added to the store's Database type in schema.ts.

/** An organization's webhook endpoint. `events` is a JSON array of event types; `enabled` 1 or 0. */
export interface WebhookEndpointsTable {
  id: string
  org_id: string
  url: string
  description: string
  events: string
  enabled: number
  secret: string
  created_at: string
  updated_at: string
}

/** One message to one endpoint (the durable queue and the delivery log). */
export interface WebhookDeliveriesTable {
  id: string
  endpoint_id: string
  org_id: string
  event_type: string
  payload: string
  state: 'pending' | 'delivered' | 'failed'
  attempts: number
  next_attempt_at: string
  retry_until: string
  last_attempt_at: string | null
  response_status: number | null
  response_body: string | null
  last_error: string | null
  created_at: string
  delivered_at: string | null
}

/** One attempt of a delivery. `request_headers` is JSON. */
export interface WebhookAttemptsTable {
  id: string
  delivery_id: string
  at: string
  request_headers: string
  response_status: number | null
  response_body: string | null
  error: string | null
  duration_ms: number
}

export interface WebhookTables {
  webhook_endpoints: WebhookEndpointsTable
  webhook_deliveries: WebhookDeliveriesTable
  webhook_attempts: WebhookAttemptsTable
}
