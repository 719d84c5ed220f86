// The instance administration API's schemas and operations (routes/api/admin.ts).
import { createRoute } from '@hono/zod-openapi'
import { z } from 'zod'
import { ACCESS, json } from '../openapi/describe.js'
import { problems } from '../openapi/problem.js'
import { cursorQuery, pageOf, timestamp, wholeNumberQuery } from './common.js'

/** `GET /api/v1/admin/outbox` query. */
export const instanceOutboxQuery = z.object({
  limit: wholeNumberQuery({ min: 1, max: 200, fallback: 50, description: 'How many per page' }),
  cursor: cursorQuery,
})

/** A message of the instance's own e-mail. */
export const instanceMessageSchema = z
  .object({
    id: z.string(),
    to: z.string(),
    subject: z.string(),
    text: z.string().describe('The plain-text version, links included'),
    html: z.string().describe('The HTML version'),
    state: z.enum(['queued', 'sent', 'failed', 'held']).describe('`held`: kept here because this server has no SMTP configured'),
    createdAt: timestamp,
    sentAt: timestamp.nullable(),
  })
  .meta({ id: 'InstanceMessage' })

export const listInstanceOutbox = createRoute({
  method: 'get',
  path: '/api/v1/admin/outbox',
  operationId: 'listInstanceOutbox',
  tags: ['Administration'],
  summary: "The instance's own e-mail",
  description:
    "For the instance's administrators (`EMBLEM_ADMIN_EMAILS`): e-mail not tied to an organization (address confirmations, password resets), newest first. Without SMTP these messages are held here. An administrator whose own address is not confirmed yet sees only the messages sent to it. `scope` says which.",
  security: ACCESS.personRead,
  request: { query: instanceOutboxQuery },
  responses: {
    200: json(pageOf(instanceMessageSchema).extend({ scope: z.enum(['all', 'own']).describe('`own`: only messages to your address, until you confirm it') }).meta({ id: 'InstanceOutbox' }), 'A page of messages'),
    ...problems(400, [401, 'Not signed in (API keys act for an organization, not the instance)'], [403, 'Not an administrator of this instance']),
  },
})

/** The administration operations, in the order the reference lists them. */
export const adminOperations = [listInstanceOutbox]
