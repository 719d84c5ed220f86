// An issuer's pushes of a credential to the learner's OB 3.0 host (routes/api/credential-pushes.ts).
import { createRoute } from '@hono/zod-openapi'
import { z } from 'zod'
import { pushCreateSchema } from '../../app/ob3client/issuer-push.js'
import { ACCESS, json, jsonBody, needs } from '../openapi/describe.js'
import { problems } from '../openapi/problem.js'
import { orgParam } from './common.js'

const tags = ['Credentials']
const params = z.object({ org: orgParam, id: z.string().describe('The credential’s UUID (or its full `urn:uuid:` id)') })

const pushView = {
  id: z.string(),
  credentialId: z.string(),
  state: z.enum(['pending', 'authorizing', 'delivered', 'failed']).describe('pending: the learner has not opened the link yet; authorizing: they were sent to their host; delivered; failed (see `reason`: the learner may try again from the link)'),
  host: z.string().nullable().describe('The learner’s host (its address), once known'),
  result: z.enum(['created', 'existing']).nullable().describe('What the host answered: a new credential, or one it kept already'),
  reason: z.string().nullable(),
  createdAt: z.string(),
  expiresAt: z.string().describe('The link works until then'),
  deliveredAt: z.string().nullable(),
}
const pushSchema = z.object(pushView).meta({ id: 'CredentialPush' })
const createdSchema = z
  .object({ ...pushView, claimUrl: z.string().describe('The learner’s page: send it to them (shown once). They name their host there (or confirm yours), authorize Emblem, and the credential is delivered') })
  .meta({ id: 'CredentialPushCreated' })

export const postCredentialPush = createRoute({
  method: 'post',
  path: '/api/v1/orgs/{org}/credentials/{id}/push',
  operationId: 'pushCredential',
  tags,
  summary: 'Send a credential to the learner’s wallet host',
  description: `${needs('issuer')} Makes a push link for the learner (\`claimUrl\`, valid 30 days). On its page the learner names their Open Badges 3.0 host (or confirms \`hostUrl\` when you gave it), authorizes Emblem there (OAuth 2.0 authorization code with PKCE, scope \`credential.upsert\`), and Emblem POSTs the credential exactly as signed to the host’s \`/credentials\`. A \`hostUrl\` is checked now (its discovery document read, Emblem registered there once). Only active credentials.`,
  security: ACCESS.write,
  request: { params, body: jsonBody(pushCreateSchema.meta({ id: 'CredentialPushRequest' }), { required: false, example: { hostUrl: 'https://wallet.example.org' } }) },
  responses: { 201: json(createdSchema, 'The push link'), ...problems([400, 'Invalid input, or `hostUrl` is not an Open Badges 3.0 host'], 401, 403, 404, [409, 'The credential is revoked or suspended'], 413, 415) },
})

export const getCredentialPushes = createRoute({
  method: 'get',
  path: '/api/v1/orgs/{org}/credentials/{id}/pushes',
  operationId: 'listCredentialPushes',
  tags,
  summary: 'The pushes of a credential to learners’ hosts',
  description: `${needs('viewer')} Each push link made for the credential, newest first, with its state: pending, authorizing, delivered (to which host, created or existing there) or failed with the reason.`,
  security: ACCESS.read,
  request: { params },
  responses: { 200: json(z.object({ items: z.array(pushSchema) }).meta({ id: 'CredentialPushes' }), 'The pushes'), ...problems(401, 404) },
})

export const credentialPushOperations = [postCredentialPush, getCredentialPushes]
