// Webhooks: the schemas and operations of routes/api/webhooks.ts (an organization's endpoints and
// their delivery log; Standard Webhooks signatures).
import { createRoute } from '@hono/zod-openapi'
import { z } from 'zod'
import { TEST_EVENT, WEBHOOK_EVENTS } from '../../app/webhooks/ports.js'
import { webhookEndpointChange, webhookEndpointInput } from '../../app/webhooks/webhooks-use-cases.js'
import { annotate } from '../openapi/annotate.js'
import { ACCESS, json, jsonBody, needs } from '../openapi/describe.js'
import { problems } from '../openapi/problem.js'
import { cursorQuery, idParam, listOf, orgParam, pageOf, timestamp, wholeNumberQuery } from './common.js'

annotate(webhookEndpointInput, {
  id: 'NewWebhookEndpoint',
  description: 'Where to send which events.',
  fields: {
    url: 'The receiver’s https:// URL (at most 2000 characters). Private and loopback addresses are refused at delivery unless the instance allows them (`EMBLEM_FETCH_ALLOW_PRIVATE`).',
    description: 'What it is for (at most 200 characters; optional)',
    events: `The events to send, at least one of ${WEBHOOK_EVENTS.map((e) => `\`${e}\``).join(', ')}`,
  },
})
annotate(webhookEndpointChange, {
  id: 'WebhookEndpointChange',
  description: 'Any of the endpoint’s fields; `enabled: false` disables it (nothing is sent to it, deliveries wait), `true` enables it again.',
  fields: { url: 'The receiver’s URL', description: 'What it is for', events: 'The events to send', enabled: 'Whether deliveries are sent' },
})

const eventType = z.enum([...WEBHOOK_EVENTS, TEST_EVENT])

const endpointSchema = z
  .object({
    id: z.string(),
    url: z.string(),
    description: z.string(),
    events: z.array(z.enum(WEBHOOK_EVENTS)),
    enabled: z.boolean(),
    secret: z.string().describe('The Standard Webhooks signing secret (`whsec_` and base64): verify `webhook-signature` with it'),
    createdAt: timestamp,
    updatedAt: timestamp,
    stats: z.object({
      pending: z.number().int().describe('Deliveries waiting for their next attempt'),
      failed: z.number().int().describe('Deliveries given up after 3 days of retries (redeliver them)'),
      lastState: z.enum(['pending', 'delivered', 'failed']).nullable(),
      lastAt: timestamp.nullable(),
    }),
  })
  .meta({ id: 'WebhookEndpoint' })

const deliverySchema = z
  .object({
    id: z.string().describe('The message id, sent as `webhook-id` on every attempt and redelivery'),
    endpointId: z.string(),
    eventType,
    payload: z.record(z.string(), z.unknown()).describe('The JSON body sent: `{ type, timestamp, data }`'),
    state: z.enum(['pending', 'delivered', 'failed']),
    attempts: z.number().int(),
    nextAttemptAt: timestamp.nullable().describe('When it is tried next (pending deliveries)'),
    retryUntil: timestamp,
    lastAttemptAt: timestamp.nullable(),
    responseStatus: z.number().int().nullable(),
    responseBody: z.string().nullable().describe('The receiver’s last answer, truncated to 2000 characters'),
    lastError: z.string().nullable(),
    createdAt: timestamp,
    deliveredAt: timestamp.nullable(),
  })
  .meta({ id: 'WebhookDelivery' })

const attemptSchema = z
  .object({
    at: timestamp,
    requestHeaders: z.record(z.string(), z.string()),
    responseStatus: z.number().int().nullable(),
    responseBody: z.string().nullable(),
    error: z.string().nullable(),
    durationMs: z.number().int(),
  })
  .meta({ id: 'WebhookAttempt' })

const deliveryWithAttempts = deliverySchema.extend({ attemptLog: z.array(attemptSchema).describe('Every attempt, newest first') }).meta({ id: 'WebhookDeliveryLog' })

export const webhookDeliveriesQuery = z.object({
  limit: wholeNumberQuery({ min: 1, max: 200, fallback: 50, description: 'How many per page' }),
  cursor: cursorQuery,
})

const org = z.object({ org: orgParam })
const endpointParams = z.object({ org: orgParam, id: idParam('The endpoint’s id') })
const deliveryParams = z.object({ org: orgParam, id: idParam('The endpoint’s id'), delivery: idParam('The delivery’s message id (`msg_…`)') })
const TAGS = ['Webhooks']
const notFound: [number, string] = [404, 'No such organization or endpoint']

export const listWebhooks = createRoute({
  method: 'get', path: '/api/v1/orgs/{org}/webhooks', operationId: 'listWebhookEndpoints', tags: TAGS,
  summary: 'Webhook endpoints',
  description: `${needs('admin')} Oldest first, with their secrets and delivery counts.`,
  security: ACCESS.read, request: { params: org },
  responses: { 200: json(listOf(endpointSchema), 'The endpoints'), ...problems(401, 403, 404) },
})
export const createWebhook = createRoute({
  method: 'post', path: '/api/v1/orgs/{org}/webhooks', operationId: 'createWebhookEndpoint', tags: TAGS,
  summary: 'Add an endpoint',
  description: `${needs('admin')} A new endpoint with a new signing secret; it receives the events it subscribes to from now on. At most 20 per organization.`,
  security: ACCESS.write, request: { params: org, body: jsonBody(webhookEndpointInput) },
  responses: { 201: json(endpointSchema, 'Added'), ...problems(400, 401, 403, 404, [409, 'The organization has 20 endpoints already'], 413, 415) },
})
export const getWebhook = createRoute({
  method: 'get', path: '/api/v1/orgs/{org}/webhooks/{id}', operationId: 'getWebhookEndpoint', tags: TAGS,
  summary: 'An endpoint', description: needs('admin'),
  security: ACCESS.read, request: { params: endpointParams },
  responses: { 200: json(endpointSchema, 'The endpoint'), ...problems(401, 403, notFound) },
})
export const updateWebhook = createRoute({
  method: 'patch', path: '/api/v1/orgs/{org}/webhooks/{id}', operationId: 'updateWebhookEndpoint', tags: TAGS,
  summary: 'Change, disable or enable an endpoint', description: `${needs('admin')} A disabled endpoint gets nothing; its pending deliveries wait until it is enabled again.`,
  security: ACCESS.write, request: { params: endpointParams, body: jsonBody(webhookEndpointChange) },
  responses: { 200: json(endpointSchema, 'Changed'), ...problems(400, 401, 403, notFound, 413, 415) },
})
export const deleteWebhook = createRoute({
  method: 'delete', path: '/api/v1/orgs/{org}/webhooks/{id}', operationId: 'deleteWebhookEndpoint', tags: TAGS,
  summary: 'Remove an endpoint', description: `${needs('admin')} With its delivery log.`,
  security: ACCESS.write, request: { params: endpointParams },
  responses: { 204: { description: 'Removed' }, ...problems(401, 403, notFound) },
})
export const rotateWebhookSecret = createRoute({
  method: 'post', path: '/api/v1/orgs/{org}/webhooks/{id}/rotate-secret', operationId: 'rotateWebhookSecret', tags: TAGS,
  summary: 'Rotate the signing secret', description: `${needs('admin')} Attempts from now on are signed with the new secret; the old one stops at once.`,
  security: ACCESS.write, request: { params: endpointParams },
  responses: { 200: json(endpointSchema, 'The endpoint with its new secret'), ...problems(401, 403, notFound) },
})
export const testWebhook = createRoute({
  method: 'post', path: '/api/v1/orgs/{org}/webhooks/{id}/test', operationId: 'sendWebhookTest', tags: TAGS,
  summary: 'Send a test event', description: `${needs('admin')} Queues a \`${TEST_EVENT}\` event to this endpoint (whatever it subscribes to); it is sent within seconds and retried like any other.`,
  security: ACCESS.write, request: { params: endpointParams },
  responses: { 202: json(deliverySchema, 'Queued'), ...problems(401, 403, notFound, [409, 'The endpoint is disabled']) },
})
export const listWebhookDeliveries = createRoute({
  method: 'get', path: '/api/v1/orgs/{org}/webhooks/{id}/deliveries', operationId: 'listWebhookDeliveries', tags: TAGS,
  summary: 'The delivery log', description: `${needs('admin')} The endpoint’s deliveries, newest first.`,
  security: ACCESS.read, request: { params: endpointParams, query: webhookDeliveriesQuery },
  responses: { 200: json(pageOf(deliverySchema), 'A page of deliveries'), ...problems(400, 401, 403, notFound) },
})
export const getWebhookDelivery = createRoute({
  method: 'get', path: '/api/v1/orgs/{org}/webhooks/{id}/deliveries/{delivery}', operationId: 'getWebhookDelivery', tags: TAGS,
  summary: 'A delivery and its attempts', description: `${needs('admin')} Each attempt’s signed request headers and the receiver’s answer (truncated).`,
  security: ACCESS.read, request: { params: deliveryParams },
  responses: { 200: json(deliveryWithAttempts, 'The delivery'), ...problems(401, 403, [404, 'No such organization, endpoint or delivery']) },
})
export const redeliverWebhook = createRoute({
  method: 'post', path: '/api/v1/orgs/{org}/webhooks/{id}/deliveries/{delivery}/redeliver', operationId: 'redeliverWebhook', tags: TAGS,
  summary: 'Redeliver', description: `${needs('admin')} Sends the same message (same \`webhook-id\`) again now, retried for another 3 days if it fails.`,
  security: ACCESS.write, request: { params: deliveryParams },
  responses: { 202: json(deliverySchema, 'Queued again'), ...problems(401, 403, [404, 'No such organization, endpoint or delivery']) },
})

/** The webhook operations. */
export const webhookOperations = [listWebhooks, createWebhook, getWebhook, updateWebhook, deleteWebhook, rotateWebhookSecret, testWebhook, listWebhookDeliveries, getWebhookDelivery, redeliverWebhook]
