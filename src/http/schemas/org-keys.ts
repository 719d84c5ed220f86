// Signing keys and API keys of an organization: schemas and operations (routes/api/orgs.ts).
import { createRoute } from '@hono/zod-openapi'
import { z } from 'zod'
import { apiKeySchema, keyRevocationSchema } from '../../app/orgs/org-input.js'
import { annotate } from '../openapi/annotate.js'
import { ACCESS, header, json, jsonBody, needs } from '../openapi/describe.js'
import { problems } from '../openapi/problem.js'
import { idParam, listOf, orgParam, timestamp } from './common.js'

annotate(apiKeySchema, { id: 'NewApiKey', fields: { name: 'A name to recognise the key by (at most 100 characters)', role: 'What the key may do; API keys are never owners' } })
annotate(keyRevocationSchema, { id: 'KeyRevocation', fields: { reason: 'Why the key is revoked (kept with the key; at most 500 characters)' } })

const signingKeySchema = z
  .object({
    id: z.string(),
    publicKeyMultibase: z.string().describe('The Ed25519 public key as a Multikey (`z6Mk…`)'),
    state: z.enum(['active', 'retired', 'revoked']).describe('`active` signs new credentials; `retired` still verifies old ones; `revoked` leaves the DID document'),
    createdAt: timestamp,
    retiredAt: timestamp.nullable(),
    revokedAt: timestamp.nullable(),
    revocationReason: z.string().nullable(),
    verificationMethod: z.string().describe('The key in the DID document: `did:web:…#<id>`'),
  })
  .meta({ id: 'SigningKey' })

const apiKeyView = z
  .object({
    id: z.string(),
    name: z.string(),
    role: z.enum(['admin', 'issuer', 'viewer']),
    prefix: z.string().describe('The start of the secret (`emb_<prefix>_`), to recognise it'),
    createdAt: timestamp,
    lastUsedAt: timestamp.nullable(),
    revokedAt: timestamp.nullable(),
  })
  .meta({ id: 'ApiKey' })

const org = z.object({ org: orgParam })

export const listKeys = createRoute({
  method: 'get',
  path: '/api/v1/orgs/{org}/keys',
  operationId: 'listSigningKeys',
  tags: ['Signing keys'],
  summary: 'Signing keys',
  description: `${needs('viewer')} Every key, oldest first.`,
  security: ACCESS.read,
  request: { params: org },
  responses: { 200: json(listOf(signingKeySchema), 'The keys'), ...problems(401, 404) },
})

export const rotateKey = createRoute({
  method: 'post',
  path: '/api/v1/orgs/{org}/keys/rotate',
  operationId: 'rotateSigningKey',
  tags: ['Signing keys'],
  summary: 'Rotate the signing key',
  description: `${needs('admin')} A new key signs from now on; the previous one is retired and stays in the DID document so credentials it signed still verify.`,
  security: ACCESS.write,
  request: { params: org },
  responses: { 201: { ...json(signingKeySchema, 'The new active key'), headers: { Location: header('The key list') } }, ...problems(401, 403, 404) },
})

export const revokeKey = createRoute({
  method: 'post',
  path: '/api/v1/orgs/{org}/keys/{keyId}/revoke',
  operationId: 'revokeSigningKey',
  tags: ['Signing keys'],
  summary: 'Revoke a compromised key',
  description: `${needs('owner')} The key leaves the DID document, so credentials it signed stop verifying. Rotate first: the active key cannot be revoked.`,
  security: ACCESS.write,
  request: { params: z.object({ org: orgParam, keyId: idParam('The key id') }), body: jsonBody(keyRevocationSchema, { example: { reason: 'Private key exposed in a backup' } }) },
  responses: { 200: json(signingKeySchema, 'The revoked key'), ...problems(400, 401, 403, 404, [409, 'The key is active or already revoked'], 413) },
})

export const listApiKeys = createRoute({
  method: 'get',
  path: '/api/v1/orgs/{org}/api-keys',
  operationId: 'listApiKeys',
  tags: ['API keys'],
  summary: 'API keys',
  description: `${needs('admin')} Live and revoked keys, without their secrets.`,
  security: ACCESS.read,
  request: { params: org },
  responses: { 200: json(listOf(apiKeyView), 'The keys'), ...problems(401, 403, 404) },
})

export const createApiKey = createRoute({
  method: 'post',
  path: '/api/v1/orgs/{org}/api-keys',
  operationId: 'createApiKey',
  tags: ['API keys'],
  summary: 'Create an API key',
  description: 'Needs an **admin** or owner signed in as a person (an API key cannot make keys). The secret is in this answer only; store it now.',
  security: ACCESS.personWrite,
  request: { params: org, body: jsonBody(apiKeySchema, { example: { name: 'Student information system', role: 'issuer' } }) },
  responses: {
    201: { ...json(apiKeyView.extend({ secret: z.string().describe('The bearer secret `emb_<prefix>_<secret>`, shown once') }), 'Created'), headers: { Location: header('The key') } },
    ...problems(400, 401, 403, 404, 413),
  },
})

export const deleteApiKey = createRoute({
  method: 'delete',
  path: '/api/v1/orgs/{org}/api-keys/{id}',
  operationId: 'revokeApiKey',
  tags: ['API keys'],
  summary: 'Revoke an API key',
  description: `${needs('admin')} The key stops working at once.`,
  security: ACCESS.write,
  request: { params: z.object({ org: orgParam, id: idParam('The API key id') }) },
  responses: { 204: { description: 'Revoked' }, ...problems(401, 403, 404) },
})

/** The signing key and API key operations. */
export const orgKeyOperations = [listKeys, rotateKey, revokeKey, listApiKeys, createApiKey, deleteApiKey]
