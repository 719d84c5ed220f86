import { randomUUID } from 'node:crypto'
import type { Kysely, Selectable } from 'kysely'
import type { DeliveredEventType, WebhookAttemptRecord, WebhookDeliveryRecord, WebhookEndpointRecord, WebhookEventType, WebhooksRepo } from '../../app/webhooks/ports.js'
import type { Database } from '../schema.js'

const endpointOf = (r: Selectable<Database['webhook_endpoints']>): WebhookEndpointRecord => ({
  id: r.id,
  orgId: r.org_id,
  url: r.url,
  description: r.description,
  events: JSON.parse(r.events) as WebhookEventType[],
  enabled: Number(r.enabled) === 1,
  secret: r.secret,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
})

const deliveryOf = (r: Selectable<Database['webhook_deliveries']>): WebhookDeliveryRecord => ({
  id: r.id,
  endpointId: r.endpoint_id,
  orgId: r.org_id,
  eventType: r.event_type as DeliveredEventType,
  payload: r.payload,
  state: r.state,
  attempts: Number(r.attempts),
  nextAttemptAt: r.next_attempt_at,
  retryUntil: r.retry_until,
  lastAttemptAt: r.last_attempt_at,
  responseStatus: r.response_status === null ? null : Number(r.response_status),
  responseBody: r.response_body,
  lastError: r.last_error,
  createdAt: r.created_at,
  deliveredAt: r.delivered_at,
})

const attemptOf = (r: Selectable<Database['webhook_attempts']>): WebhookAttemptRecord => ({
  id: r.id,
  deliveryId: r.delivery_id,
  at: r.at,
  requestHeaders: JSON.parse(r.request_headers) as Record<string, string>,
  responseStatus: r.response_status === null ? null : Number(r.response_status),
  responseBody: r.response_body,
  error: r.error,
  durationMs: Number(r.duration_ms),
})

/** Errors are kept short. */
const MAX_ERROR = 1000

/**
 * Webhook endpoints, the delivery queue and its attempts over `q` (a connection or a transaction).
 * Message ids (`msg_<uuid>`) of queued events are drawn here, from node's CSPRNG.
 */
export function webhooksRepo(q: Kysely<Database>): WebhooksRepo {
  return {
    async insertEndpoint(e) {
      await q
        .insertInto('webhook_endpoints')
        .values({ id: e.id, org_id: e.orgId, url: e.url, description: e.description, events: JSON.stringify(e.events), enabled: e.enabled ? 1 : 0, secret: e.secret, created_at: e.createdAt, updated_at: e.updatedAt })
        .execute()
    },
    async updateEndpoint(orgId, id, change) {
      const result = await q
        .updateTable('webhook_endpoints')
        .set({
          ...(change.url !== undefined ? { url: change.url } : {}),
          ...(change.description !== undefined ? { description: change.description } : {}),
          ...(change.events !== undefined ? { events: JSON.stringify(change.events) } : {}),
          ...(change.enabled !== undefined ? { enabled: change.enabled ? 1 : 0 } : {}),
          ...(change.secret !== undefined ? { secret: change.secret } : {}),
          updated_at: change.updatedAt,
        })
        .where('id', '=', id)
        .where('org_id', '=', orgId)
        .executeTakeFirst()
      return Number(result.numUpdatedRows) === 1
    },
    async endpointsWithPlainSecret(limit) {
      const rows = await q.selectFrom('webhook_endpoints').selectAll().where('secret', 'like', 'whsec%').orderBy('id').limit(limit).execute()
      return rows.map(endpointOf)
    },
    async replaceSecret(id, from, to) {
      const result = await q.updateTable('webhook_endpoints').set({ secret: to }).where('id', '=', id).where('secret', '=', from).executeTakeFirst()
      return Number(result.numUpdatedRows) === 1
    },
    async deleteEndpoint(orgId, id) {
      const owned = await q.selectFrom('webhook_endpoints').select('id').where('id', '=', id).where('org_id', '=', orgId).executeTakeFirst()
      if (!owned) return false
      const deliveries = q.selectFrom('webhook_deliveries').select('id').where('endpoint_id', '=', id)
      await q.deleteFrom('webhook_attempts').where('delivery_id', 'in', deliveries).execute()
      await q.deleteFrom('webhook_deliveries').where('endpoint_id', '=', id).execute()
      await q.deleteFrom('webhook_endpoints').where('id', '=', id).execute()
      return true
    },
    async endpoint(orgId, id) {
      const row = await q.selectFrom('webhook_endpoints').selectAll().where('id', '=', id).where('org_id', '=', orgId).executeTakeFirst()
      return row ? endpointOf(row) : undefined
    },
    async endpoints(orgId) {
      const rows = await q.selectFrom('webhook_endpoints').selectAll().where('org_id', '=', orgId).orderBy('created_at').orderBy('id').execute()
      return rows.map(endpointOf)
    },

    async enqueue(orgId, events, at, retryUntil) {
      const endpoints = (await q.selectFrom('webhook_endpoints').selectAll().where('org_id', '=', orgId).where('enabled', '=', 1).execute()).map(endpointOf)
      if (endpoints.length === 0) return 0
      const when = at.toISOString()
      const rows = []
      for (const event of events) {
        const payload = JSON.stringify({ type: event.type, timestamp: when, data: event.data })
        for (const endpoint of endpoints) {
          if (!endpoint.events.includes(event.type)) continue
          rows.push({ id: `msg_${randomUUID()}`, endpoint_id: endpoint.id, org_id: orgId, event_type: event.type, payload, state: 'pending' as const, attempts: 0, next_attempt_at: when, retry_until: retryUntil.toISOString(), created_at: when })
        }
      }
      // 10 values a row: 500 rows stay far below both databases' parameter limits.
      for (let i = 0; i < rows.length; i += 500) await q.insertInto('webhook_deliveries').values(rows.slice(i, i + 500)).execute()
      return rows.length
    },
    async enqueueTo(endpointId, orgId, type, payload, id, at, retryUntil) {
      const when = at.toISOString()
      await q
        .insertInto('webhook_deliveries')
        .values({ id, endpoint_id: endpointId, org_id: orgId, event_type: type, payload, state: 'pending', attempts: 0, next_attempt_at: when, retry_until: retryUntil.toISOString(), created_at: when })
        .execute()
    },
    async delivery(orgId, id) {
      const row = await q.selectFrom('webhook_deliveries').selectAll().where('id', '=', id).where('org_id', '=', orgId).executeTakeFirst()
      return row ? deliveryOf(row) : undefined
    },
    async deliveries(orgId, endpointId, { limit, before }) {
      let query = q.selectFrom('webhook_deliveries').selectAll().where('org_id', '=', orgId).where('endpoint_id', '=', endpointId)
      if (before !== undefined) {
        const cursor = await q.selectFrom('webhook_deliveries').select(['created_at', 'id']).where('id', '=', before).where('endpoint_id', '=', endpointId).executeTakeFirst()
        if (!cursor) return []
        query = query.where((eb) => eb.or([eb('created_at', '<', cursor.created_at), eb.and([eb('created_at', '=', cursor.created_at), eb('id', '<', cursor.id)])]))
      }
      const rows = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute()
      return rows.map(deliveryOf)
    },
    async attempts(deliveryId) {
      const rows = await q.selectFrom('webhook_attempts').selectAll().where('delivery_id', '=', deliveryId).orderBy('at', 'desc').orderBy('id').execute()
      return rows.map(attemptOf)
    },
    async due(at, limit) {
      const rows = await q
        .selectFrom('webhook_deliveries')
        .innerJoin('webhook_endpoints', 'webhook_endpoints.id', 'webhook_deliveries.endpoint_id')
        .selectAll('webhook_deliveries')
        .where('webhook_deliveries.state', '=', 'pending')
        .where('webhook_deliveries.next_attempt_at', '<=', at.toISOString())
        .where('webhook_endpoints.enabled', '=', 1)
        .orderBy('webhook_deliveries.next_attempt_at')
        .orderBy('webhook_deliveries.created_at')
        .limit(limit)
        .execute()
      return rows.map(deliveryOf)
    },
    async claim(id, at, leaseUntil) {
      const result = await q
        .updateTable('webhook_deliveries')
        .set({ next_attempt_at: leaseUntil.toISOString() })
        .where('id', '=', id)
        .where('state', '=', 'pending')
        .where('next_attempt_at', '<=', at.toISOString())
        .executeTakeFirst()
      return Number(result.numUpdatedRows) === 1
    },
    async recordAttempt(attempt, outcome) {
      await q
        .insertInto('webhook_attempts')
        .values({
          id: attempt.id,
          delivery_id: attempt.deliveryId,
          at: attempt.at,
          request_headers: JSON.stringify(attempt.requestHeaders),
          response_status: attempt.responseStatus,
          response_body: attempt.responseBody,
          error: attempt.error?.slice(0, MAX_ERROR) ?? null,
          duration_ms: Math.max(0, Math.round(attempt.durationMs)),
        })
        .execute()
      await q
        .updateTable('webhook_deliveries')
        .set((eb) => ({
          state: outcome.state,
          attempts: eb('attempts', '+', 1),
          last_attempt_at: attempt.at,
          response_status: attempt.responseStatus,
          response_body: attempt.responseBody,
          last_error: outcome.lastError?.slice(0, MAX_ERROR) ?? null,
          delivered_at: outcome.deliveredAt,
          ...(outcome.nextAttemptAt ? { next_attempt_at: outcome.nextAttemptAt.toISOString() } : {}),
        }))
        .where('id', '=', attempt.deliveryId)
        .execute()
    },
    async requeue(orgId, id, at, retryUntil) {
      const result = await q
        .updateTable('webhook_deliveries')
        .set({ state: 'pending', next_attempt_at: at.toISOString(), retry_until: retryUntil.toISOString(), delivered_at: null })
        .where('id', '=', id)
        .where('org_id', '=', orgId)
        .executeTakeFirst()
      return Number(result.numUpdatedRows) === 1
    },
    async summaries(orgId) {
      const counts = await q
        .selectFrom('webhook_deliveries')
        .select((eb) => ['endpoint_id', 'state', eb.fn.countAll().as('n'), eb.fn.max('created_at').as('last')])
        .where('org_id', '=', orgId)
        .groupBy(['endpoint_id', 'state'])
        .execute()
      const out = new Map<string, { pending: number; failed: number; lastState: WebhookDeliveryRecord['state'] | null; lastAt: string | null }>()
      for (const row of counts) {
        const entry = out.get(row.endpoint_id) ?? { pending: 0, failed: 0, lastState: null, lastAt: null }
        if (row.state === 'pending') entry.pending = Number(row.n)
        if (row.state === 'failed') entry.failed = Number(row.n)
        const last = row.last as string | null
        if (last !== null && (entry.lastAt === null || last > entry.lastAt)) {
          entry.lastAt = last
          entry.lastState = row.state
        }
        out.set(row.endpoint_id, entry)
      }
      return out
    },
  }
}
