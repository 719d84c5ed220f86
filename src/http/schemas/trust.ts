// Trust and endorsements: the schemas and operations of routes/api/trust.ts (trusted issuers and
// registries, for the instance's administrators), routes/api/endorsements.ts (an organization's
// endorsements) and the public endorsement document (routes/public-endorsements.ts).
import { createRoute } from '@hono/zod-openapi'
import { z } from 'zod'
import { endorsementInput } from '../../app/endorsements/endorsements-use-cases.js'
import { trustedIssuerInput, trustRegistryInput } from '../../app/trust/trust-input.js'
import { annotate } from '../openapi/annotate.js'
import { ACCESS, json, jsonBody, needs } from '../openapi/describe.js'
import { problems } from '../openapi/problem.js'
import { choiceQuery, idParam, listOf, orgParam, timestamp } from './common.js'

annotate(trustedIssuerInput, {
  id: 'NewTrustedIssuer',
  description: 'An external issuer to trust, by hand.',
  fields: { issuerId: 'The issuer’s DID (`did:key:…`, `did:web:…`) or Profile URL, exactly as its credentials name it', name: 'Who it is (at most 200 characters)', note: 'Why it is trusted (at most 1000 characters; optional)' },
})
annotate(trustRegistryInput, {
  id: 'NewTrustRegistry',
  description: 'A registry of issuers to subscribe to. It is fetched at once through the guarded fetcher, then every 6 hours.',
  fields: {
    name: 'What the pages and reports call it (the `trust.list` of a report)',
    url: 'The address of its JSON',
    format: '`dcc`: the Digital Credentials Consortium’s issuer registry (`{ "meta": …, "registry": { "<did>": { "name", "location", "url" } } }`); `list`: `[{ "id", "name" }]` or `{ "issuers": [ … ] }`',
  },
})
annotate(endorsementInput, {
  id: 'NewEndorsement',
  description: 'What the organization endorses: another organization, or one of its published achievements, with a comment.',
  fields: {
    subjectKind: '`organization` or `achievement`',
    organization: 'The endorsed organization’s slug (on this instance)',
    achievementId: 'For `achievement`: the id of its published achievement',
    comment: 'The endorsement’s words (`endorsementComment`, at most 2000 characters)',
  },
})

const trustedIssuerSchema = z
  .object({
    id: z.string(),
    issuerId: z.string().describe('The issuer’s DID or Profile URL'),
    name: z.string(),
    note: z.string(),
    source: z.enum(['manual', 'registry']),
    registryId: z.string().nullable(),
    registryName: z.string().nullable(),
    createdAt: timestamp,
  })
  .meta({ id: 'TrustedIssuer' })

const registrySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    url: z.string(),
    format: z.enum(['dcc', 'list']),
    refreshedAt: timestamp.nullable().describe('When its entries were last fetched, or null before the first success'),
    lastError: z.string().nullable().describe('Why the last fetch failed, or null when it succeeded; the entries of the last success stay trusted'),
    lastErrorAt: timestamp.nullable().describe('When the last fetch failed, or null'),
    createdAt: timestamp,
    issuerCount: z.number().int().describe('How many issuers it lists'),
  })
  .meta({ id: 'TrustRegistry' })

const idOnly = z.object({ id: idParam('Its id') })
const adminProblems: (number | [number, string])[] = [401, [403, 'Not an administrator of this instance (EMBLEM_ADMIN_EMAILS, address confirmed)']]

export const listTrustedIssuers = createRoute({
  method: 'get',
  path: '/api/v1/admin/trust/issuers',
  operationId: 'listTrustedIssuers',
  tags: ['Administration'],
  summary: 'Trusted issuers added by hand',
  description: 'The external issuers an administrator trusts by hand, newest first. This instance’s own organizations are always trusted; registries add theirs (see the registries).',
  security: ACCESS.personRead,
  responses: { 200: json(listOf(trustedIssuerSchema), 'The issuers'), ...problems(...adminProblems) },
})

export const addTrustedIssuer = createRoute({
  method: 'post',
  path: '/api/v1/admin/trust/issuers',
  operationId: 'addTrustedIssuer',
  tags: ['Administration'],
  summary: 'Trust an issuer',
  description: 'Credentials of this issuer verified here get the `trust` check passed, naming the list “Added by an administrator of this instance”.',
  security: ACCESS.personWrite,
  request: { body: jsonBody(trustedIssuerInput) },
  responses: { 201: json(trustedIssuerSchema, 'Trusted'), ...problems(400, ...adminProblems, [409, 'Already trusted by hand'], 413, 415) },
})

export const removeTrustedIssuer = createRoute({
  method: 'delete',
  path: '/api/v1/admin/trust/issuers/{id}',
  operationId: 'removeTrustedIssuer',
  tags: ['Administration'],
  summary: 'Stop trusting an issuer',
  description: 'Removes an issuer added by hand (a registry’s entries go with the registry).',
  security: ACCESS.personWrite,
  request: { params: idOnly },
  responses: { 204: { description: 'Removed' }, ...problems(...adminProblems, 404) },
})

export const listTrustRegistries = createRoute({
  method: 'get',
  path: '/api/v1/admin/trust/registries',
  operationId: 'listTrustRegistries',
  tags: ['Administration'],
  summary: 'Trust registries',
  description: 'The registries this instance subscribes to, with when each was last fetched and its last error.',
  security: ACCESS.personRead,
  responses: { 200: json(listOf(registrySchema), 'The registries'), ...problems(...adminProblems) },
})

export const addTrustRegistry = createRoute({
  method: 'post',
  path: '/api/v1/admin/trust/registries',
  operationId: 'addTrustRegistry',
  tags: ['Administration'],
  summary: 'Subscribe to a registry',
  description: 'Fetches it at once (a failure is kept as `lastError`, the subscription stays) and every 6 hours after.',
  security: ACCESS.personWrite,
  request: { body: jsonBody(trustRegistryInput) },
  responses: { 201: json(registrySchema, 'Subscribed'), ...problems(400, ...adminProblems, [409, 'Already subscribed to this address'], 413, 415) },
})

export const refreshTrustRegistry = createRoute({
  method: 'post',
  path: '/api/v1/admin/trust/registries/{id}/refresh',
  operationId: 'refreshTrustRegistry',
  tags: ['Administration'],
  summary: 'Fetch a registry now',
  description: 'Replaces its entries with what it lists now; on failure the previous entries stay and `lastError` says why.',
  security: ACCESS.personWrite,
  request: { params: idOnly },
  responses: { 200: json(registrySchema, 'The registry after the fetch'), ...problems(...adminProblems, 404) },
})

export const removeTrustRegistry = createRoute({
  method: 'delete',
  path: '/api/v1/admin/trust/registries/{id}',
  operationId: 'removeTrustRegistry',
  tags: ['Administration'],
  summary: 'Unsubscribe from a registry',
  description: 'Its issuers are no longer trusted (unless trusted otherwise).',
  security: ACCESS.personWrite,
  request: { params: idOnly },
  responses: { 204: { description: 'Removed' }, ...problems(...adminProblems, 404) },
})

const endorsementSchema = z
  .object({
    id: z.string(),
    url: z.string().describe('The signed EndorsementCredential, public at `/endorsements/{id}` while active'),
    org: z.object({ id: z.string(), slug: z.string(), name: z.string() }).describe('The endorsing organization'),
    subjectKind: z.enum(['achievement', 'organization']),
    subjectId: z.string().describe('The endorsed achievement’s id (URL) or organization’s DID: the `credentialSubject.id`'),
    subjectName: z.string(),
    subjectOrg: z.object({ id: z.string(), slug: z.string(), name: z.string() }).describe('The organization endorsed, or whose achievement is'),
    comment: z.string(),
    state: z.enum(['active', 'withdrawn']),
    createdAt: timestamp,
    withdrawnAt: timestamp.nullable(),
    credential: z.record(z.string(), z.unknown()).describe('The signed EndorsementCredential'),
  })
  .meta({ id: 'Endorsement' })

const org = z.object({ org: orgParam })
export const endorsementQuery = z.object({ direction: choiceQuery(['given', 'received'] as const, '`given` (default) or `received` (of the organization and its achievements)') })

export const createEndorsement = createRoute({
  method: 'post',
  path: '/api/v1/orgs/{org}/endorsements',
  operationId: 'createEndorsement',
  tags: ['Endorsements'],
  summary: 'Endorse an organization or achievement',
  description: `${needs('admin')} Signs an Open Badges 3.0 EndorsementCredential with the organization’s active key (its suite; VC-JWT organizations sign it with eddsa-rdfc-2022), records it in the transparency log, and shows it on the endorsed organization’s page and its credentials’ pages.`,
  security: ACCESS.write,
  request: { params: org, body: jsonBody(endorsementInput) },
  responses: { 201: json(endorsementSchema, 'Endorsed'), ...problems(400, 401, 403, [404, 'No such organization, or no such published achievement'], [409, 'Already endorsed by this organization'], 413, 415) },
})

export const listEndorsements = createRoute({
  method: 'get',
  path: '/api/v1/orgs/{org}/endorsements',
  operationId: 'listEndorsements',
  tags: ['Endorsements'],
  summary: 'Endorsements given or received',
  description: `${needs('viewer')} Newest first, withdrawn ones included.`,
  security: ACCESS.read,
  request: { params: org, query: endorsementQuery },
  responses: { 200: json(listOf(endorsementSchema), 'The endorsements'), ...problems(400, 401, 403, 404) },
})

export const withdrawEndorsement = createRoute({
  method: 'delete',
  path: '/api/v1/orgs/{org}/endorsements/{id}',
  operationId: 'withdrawEndorsement',
  tags: ['Endorsements'],
  summary: 'Withdraw an endorsement',
  description: `${needs('admin')} Only the endorsing organization withdraws its endorsement; it leaves the pages and its public document.`,
  security: ACCESS.write,
  request: { params: z.object({ org: orgParam, id: idParam('The endorsement’s id') }) },
  responses: { 204: { description: 'Withdrawn' }, ...problems(401, 403, [404, 'No active endorsement of this id given by this organization']) },
})

export const getEndorsementDocument = createRoute({
  method: 'get',
  path: '/endorsements/{id}',
  operationId: 'getEndorsement',
  tags: ['Endorsements'],
  summary: 'The signed endorsement',
  description: 'An active endorsement’s signed Open Badges 3.0 EndorsementCredential, readable from any origin; verify it with `POST /api/v1/verify`. Withdrawn: 404.',
  security: ACCESS.public,
  request: { params: z.object({ id: idParam('The endorsement’s id') }) },
  responses: {
    200: { description: 'The EndorsementCredential', content: { 'application/vc': { schema: z.record(z.string(), z.unknown()) }, 'application/json': { schema: z.record(z.string(), z.unknown()) } } },
    ...problems(404),
  },
})

export const trustLookupQuery = z.object({ issuer: z.string().min(1, 'required').max(2000, 'must be at most 2000 characters').meta({ description: 'The issuer’s DID or Profile URL (a credential’s `issuer.id`)' }) })

export const lookUpTrust = createRoute({
  method: 'get',
  path: '/api/v1/trust',
  operationId: 'lookUpTrust',
  tags: ['Verification'],
  summary: 'Is an issuer trusted here?',
  description: 'Whether this instance trusts an issuer, and by which list: what the `trust` check of a verification report says, for verifiers that check signatures in the browser. No account needed.',
  security: ACCESS.public,
  request: { query: trustLookupQuery },
  responses: {
    200: json(z.object({ trusted: z.boolean(), list: z.string().optional() }).meta({ id: 'TrustVerdict' }), 'The answer'),
    ...problems(400),
  },
})

/** The trust administration operations (under Administration). */
export const trustOperations = [listTrustedIssuers, addTrustedIssuer, removeTrustedIssuer, listTrustRegistries, addTrustRegistry, refreshTrustRegistry, removeTrustRegistry]
/** The endorsement operations. */
export const endorsementOperations = [createEndorsement, listEndorsements, withdrawEndorsement]
/** The public endorsement document. */
export const endorsementDocumentOperations = [getEndorsementDocument]
/** The public trust lookup (under Verification). */
export const trustLookupOperations = [lookUpTrust]
