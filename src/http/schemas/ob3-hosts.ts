// The connected hosts API (routes/api/ob3-hosts.ts): other Open Badges 3.0 hosts a learner connected,
// importing everything they keep, and sending a wallet credential to one.
import { createRoute } from '@hono/zod-openapi'
import { z } from 'zod'
import { ACCESS, json, jsonBody } from '../openapi/describe.js'
import { problems } from '../openapi/problem.js'

const importResult = z
  .object({
    total: z.number().int().describe('What the host said it holds (X-Total-Count)'),
    read: z.number().int(),
    imported: z.number().int().describe('New in your wallet'),
    duplicates: z.number().int().describe('Your wallet held them already'),
    unverified: z.number().int().describe('Imported, but they did not verify (kept, marked so)'),
    failed: z.number().int(),
    pages: z.number().int(),
    failures: z.array(z.string()).describe('Why credentials failed (the first ten)'),
    at: z.string(),
  })
  .meta({ id: 'Ob3ImportResult' })

export const hostSchema = z
  .object({
    id: z.string(),
    name: z.string().describe('The host (its address)'),
    apiUrl: z.string().describe('Its OB 3.0 API base'),
    state: z.enum(['pending', 'connected', 'revoked']).describe('pending: waiting for your authorization there; revoked: the host withdrew access, connect it again'),
    scopes: z.array(z.string()),
    connectedAt: z.string().nullable(),
    lastImport: importResult.nullable(),
    lastError: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'Ob3Host' })

const tags = ['Connected hosts']
const params = z.object({ id: z.string().describe('The connected host’s id') })

export const listHosts = createRoute({
  method: 'get', path: '/api/v1/me/hosts', operationId: 'listHosts', tags,
  summary: 'Your connected hosts',
  description: 'Other Open Badges 3.0 hosts (wallets, issuers’ platforms) you connected Emblem to.',
  security: ACCESS.personRead,
  responses: { 200: json(z.object({ hosts: z.array(hostSchema) }).meta({ id: 'Ob3Hosts' }), 'Your hosts, oldest first'), ...problems(401, 403) },
})

export const connectHost = createRoute({
  method: 'post', path: '/api/v1/me/hosts', operationId: 'connectHost', tags,
  summary: 'Connect a host',
  description: 'Reads the host’s Service Description (`<baseUrl>/ims/ob/v3p0/discovery`), registers Emblem there (once per host) and starts an authorization: send your browser to `authorizationUrl`; the host sends it back to `/oauth/callback/ob3`.',
  security: ACCESS.personWrite,
  request: { body: jsonBody(z.object({ baseUrl: z.string().describe('The host’s address, e.g. https://badges.example.org') })) },
  responses: {
    201: json(z.object({ host: hostSchema, authorizationUrl: z.string() }).meta({ id: 'Ob3HostConnect' }), 'Registered; authorize Emblem at `authorizationUrl`'),
    ...problems([400, 'Invalid input, or the address is not an Open Badges 3.0 host (no valid discovery)'], 401, 403, [409, 'You connected 20 hosts already'], 413, 415),
  },
})

export const deleteHost = createRoute({
  method: 'delete', path: '/api/v1/me/hosts/{id}', operationId: 'deleteHost', tags,
  summary: 'Forget a host', description: 'Forgets the host and Emblem’s tokens for it.',
  security: ACCESS.personWrite, request: { params },
  responses: { 204: { description: 'Forgotten' }, ...problems(401, 403, [404, 'No such host of yours']) },
})

export const importFromHost = createRoute({
  method: 'post', path: '/api/v1/me/hosts/{id}/import', operationId: 'importFromHost', tags,
  summary: 'Import everything from a host',
  description: 'Reads every page of the host’s `GET /credentials` (following `Link: rel="next"`) and imports each credential into your wallet, verified and deduplicated.',
  security: ACCESS.personWrite, request: { params },
  responses: { 200: json(importResult, 'What was imported'), ...problems(401, 403, [404, 'No such host of yours'], [409, 'The host is not connected, or withdrew access: connect it again'], 502) },
})

export const pushToHost = createRoute({
  method: 'post', path: '/api/v1/me/hosts/{id}/push', operationId: 'pushToHost', tags,
  summary: 'Send a credential to a host',
  description: 'Sends one credential of your wallet to the host (`POST /credentials` of its OB 3.0 API).',
  security: ACCESS.personWrite,
  request: { params, body: jsonBody(z.object({ credentialId: z.string().describe('The wallet credential’s id') })) },
  responses: {
    200: json(z.object({ status: z.enum(['created', 'existing']), credentialId: z.string(), host: z.string() }).meta({ id: 'Ob3PushResult' }), 'Sent: `created`, or the host held it already'),
    ...problems(400, 401, 403, [404, 'No such host or credential of yours'], [409, 'The host is not connected, withdrew access, or refused the credential'], 413, 415, 502),
  },
})

export const hostOperations = [listHosts, connectHost, deleteHost, importFromHost, pushToHost]
