// The connected apps API (routes/api/oauth-grants.ts): the clients a learner authorized through the
// OB 3.0 API's OAuth server, and disconnecting one.
import { createRoute } from '@hono/zod-openapi'
import { z } from 'zod'
import { ACCESS, json } from '../openapi/describe.js'
import { problems } from '../openapi/problem.js'

const clientSchema = z.object({
  clientId: z.string(),
  name: z.string().describe('The name the client registered with (`client_name`)'),
  clientUri: z.string().nullable(),
  logoUri: z.string().nullable(),
  policyUri: z.string().nullable(),
  tosUri: z.string().nullable(),
  redirectUris: z.array(z.string()),
})

/** One connected client. */
export const grantSchema = z
  .object({
    id: z.string().describe('The client’s id: what `DELETE /api/v1/me/grants/{id}` names'),
    client: clientSchema,
    scopes: z.array(z.string()).describe('What you allowed it, together over your authorizations (the OB 3.0 scope URIs)'),
    grantedAt: z.string().describe('When you first allowed it'),
    expiresAt: z.string().nullable().describe('When the last of your authorizations lapses'),
  })
  .meta({ id: 'OAuthGrant' })

const tags = ['Connected apps']

export const getGrants = createRoute({
  method: 'get',
  path: '/api/v1/me/grants',
  operationId: 'listGrants',
  tags,
  summary: 'Your connected apps',
  description: 'Wallets and hosts you allowed to use your credentials or profile through the Open Badges 3.0 API (`/ims/ob/v3p0`), one entry per app.',
  security: ACCESS.personRead,
  responses: { 200: json(z.object({ grants: z.array(grantSchema) }).meta({ id: 'OAuthGrants' }), 'Your connected apps, newest first'), ...problems(401, 403) },
})

export const deleteGrant = createRoute({
  method: 'delete',
  path: '/api/v1/me/grants/{id}',
  operationId: 'revokeGrant',
  tags,
  summary: 'Disconnect an app',
  description: 'Withdraws every authorization you gave the app: its access and refresh tokens stop working at once.',
  security: ACCESS.personWrite,
  request: { params: z.object({ id: z.string().describe('The client’s id') }) },
  responses: { 204: { description: 'Disconnected' }, ...problems(401, 403, [404, 'You have no connection to such an app']) },
})

/** The connected apps operations. */
export const grantOperations = [getGrants, deleteGrant]
