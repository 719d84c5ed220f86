import { Hono } from 'hono'
import { z } from 'zod'
import { PlatformError } from '../../../core/errors.js'
import { MIN_ROLE } from '../../../app/platform/roles.js'
import type { WebhookDeliveryRecord } from '../../../app/webhooks/ports.js'
import type { WebhookDeliveryView, WebhookEndpointView } from '../../../app/webhooks/webhooks-use-cases.js'
import { requireOrg } from '../../auth/require.js'
import '../../context.js'
import { readJson, readQuery } from '../../request.js'
import { webhookDeliveriesQuery } from '../../schemas/webhooks.js'

const presentEndpoint = (e: WebhookEndpointView) => ({
  id: e.id, url: e.url, description: e.description, events: e.events, enabled: e.enabled, secret: e.secret, createdAt: e.createdAt, updatedAt: e.updatedAt, stats: e.stats,
})
const presentDelivery = (d: WebhookDeliveryRecord) => ({
  id: d.id,
  endpointId: d.endpointId,
  eventType: d.eventType,
  payload: JSON.parse(d.payload) as Record<string, unknown>,
  state: d.state,
  attempts: d.attempts,
  nextAttemptAt: d.state === 'pending' ? d.nextAttemptAt : null,
  retryUntil: d.retryUntil,
  lastAttemptAt: d.lastAttemptAt,
  responseStatus: d.responseStatus,
  responseBody: d.responseBody,
  lastError: d.lastError,
  createdAt: d.createdAt,
  deliveredAt: d.deliveredAt,
})
const presentLog = (d: WebhookDeliveryView) => ({
  ...presentDelivery(d),
  attemptLog: d.attemptLog.map((a) => ({ at: a.at, requestHeaders: a.requestHeaders, responseStatus: a.responseStatus, responseBody: a.responseBody, error: a.error, durationMs: a.durationMs })),
})

/** A delivery of this endpoint, else ERR_NOT_FOUND. */
const ofEndpoint = <D extends WebhookDeliveryRecord>(d: D, endpointId: string): D => {
  if (d.endpointId !== endpointId.toLowerCase()) throw new PlatformError('ERR_NOT_FOUND', 'No such webhook delivery for this endpoint')
  return d
}

/** An organization's webhooks (/api/v1/orgs/:org/webhooks), for its admins. Described in schemas/webhooks.ts. */
export const webhooksApi = (): Hono =>
  new Hono()
    .get('/orgs/:org/webhooks', async (c) => {
      const { org } = await requireOrg(c, c.req.param('org'), MIN_ROLE.manage)
      c.header('Cache-Control', 'no-store')
      return c.json({ items: (await c.get('platform').webhooks.list(org.id)).map(presentEndpoint) })
    })
    .post('/orgs/:org/webhooks', async (c) => {
      const { org } = await requireOrg(c, c.req.param('org'), MIN_ROLE.manage)
      const body = await readJson(c, z.unknown(), { maxBytes: 16 * 1024 })
      return c.json(presentEndpoint(await c.get('platform').webhooks.create(org.id, body)), 201)
    })
    .get('/orgs/:org/webhooks/:id', async (c) => {
      const { org } = await requireOrg(c, c.req.param('org'), MIN_ROLE.manage)
      c.header('Cache-Control', 'no-store')
      return c.json(presentEndpoint(await c.get('platform').webhooks.endpoint(org.id, c.req.param('id'))))
    })
    .patch('/orgs/:org/webhooks/:id', async (c) => {
      const { org } = await requireOrg(c, c.req.param('org'), MIN_ROLE.manage)
      const body = await readJson(c, z.unknown(), { maxBytes: 16 * 1024 })
      return c.json(presentEndpoint(await c.get('platform').webhooks.update(org.id, c.req.param('id'), body)))
    })
    .delete('/orgs/:org/webhooks/:id', async (c) => {
      const { org } = await requireOrg(c, c.req.param('org'), MIN_ROLE.manage)
      await c.get('platform').webhooks.remove(org.id, c.req.param('id'))
      return c.body(null, 204)
    })
    .post('/orgs/:org/webhooks/:id/rotate-secret', async (c) => {
      const { org } = await requireOrg(c, c.req.param('org'), MIN_ROLE.manage)
      return c.json(presentEndpoint(await c.get('platform').webhooks.rotateSecret(org.id, c.req.param('id'))))
    })
    .post('/orgs/:org/webhooks/:id/test', async (c) => {
      const { org } = await requireOrg(c, c.req.param('org'), MIN_ROLE.manage)
      return c.json(presentDelivery(await c.get('platform').webhooks.sendTest(org.id, c.req.param('id'))), 202)
    })
    .get('/orgs/:org/webhooks/:id/deliveries', async (c) => {
      const { org } = await requireOrg(c, c.req.param('org'), MIN_ROLE.manage)
      const { limit, cursor } = readQuery(c, webhookDeliveriesQuery)
      const { items, next } = await c.get('platform').webhooks.deliveries(org.id, c.req.param('id'), { limit, before: cursor })
      c.header('Cache-Control', 'no-store')
      return c.json({ items: items.map(presentDelivery), ...(next ? { nextCursor: next } : {}) })
    })
    .get('/orgs/:org/webhooks/:id/deliveries/:delivery', async (c) => {
      const { org } = await requireOrg(c, c.req.param('org'), MIN_ROLE.manage)
      c.header('Cache-Control', 'no-store')
      return c.json(presentLog(ofEndpoint(await c.get('platform').webhooks.delivery(org.id, c.req.param('delivery')), c.req.param('id'))))
    })
    .post('/orgs/:org/webhooks/:id/deliveries/:delivery/redeliver', async (c) => {
      const { org } = await requireOrg(c, c.req.param('org'), MIN_ROLE.manage)
      ofEndpoint(await c.get('platform').webhooks.delivery(org.id, c.req.param('delivery')), c.req.param('id'))
      return c.json(presentDelivery(await c.get('platform').webhooks.redeliver(org.id, c.req.param('delivery'))), 202)
    })
