// The issuance API's schemas and operations (routes/api/issuance.ts): issuing one credential,
// listing and reading issued credentials, revoking and suspending them.
import { createRoute } from '@hono/zod-openapi'
import { z } from 'zod'
import { REASON_MAX } from '../../app/issuance/change-status.js'
import { IDEMPOTENCY_KEY } from '../../app/issuance/idempotency.js'
import { issueBodySchema } from '../../app/issuance/issue-input.js'
import { annotate } from '../openapi/annotate.js'
import { ACCESS, header, json, jsonBody, needs } from '../openapi/describe.js'
import { problems } from '../openapi/problem.js'
import { choiceQuery, cursorQuery, idParam, orgParam, pageOf, textQuery, timestamp, wholeNumberQuery } from './common.js'

annotate(issueBodySchema, {
  id: 'IssueRequest',
  description: 'One award: the learner and the optional parts of the credential. Unknown fields are refused, never signed.',
  fields: {
    recipient: 'The learner: `email` (the claim link goes there; only a salted hash is in the credential), `name`, and optionally their `did`',
    evidence: 'Evidence of the learner’s work: each a URL (`id`) and/or a `narrative` or `name` (at most 20)',
    results: 'Results against the achievement’s result descriptions (at most 20)',
    validUntil: 'When the credential expires, a date-time with a time zone; default: the achievement’s validity',
    showName: 'Whether the public page shows the learner’s name (default true; the learner decides when claiming)',
  },
})

/** `POST …/credentials/{id}/revoke|suspend|unsuspend`: why. */
export const reasonBody = z
  .strictObject({ reason: z.string().max(REASON_MAX, `must be at most ${REASON_MAX} characters`).optional().describe('Why (shown to verifiers as the status detail)') })
  .meta({ id: 'StatusChange' })

/** An issued credential as the issuer's API returns it (one shape for create, read and list). */
export const issuedSchema = z
  .object({
    id: z.string().describe('The credential id, `urn:uuid:…`'),
    achievementId: z.string(),
    achievementName: z.string(),
    recipient: z.object({ email: z.string(), name: z.string() }),
    state: z.enum(['active', 'revoked', 'suspended']),
    stateReason: z.string().nullable(),
    stateChangedAt: timestamp.nullable(),
    claimed: z.boolean().describe('Whether the learner has accepted it through the claim link'),
    claimedAt: timestamp.nullable(),
    declinedAt: timestamp.nullable().describe('When the learner declined it from the claim link (the link no longer works); null otherwise'),
    issuedAt: timestamp,
    batchId: z.string().nullable().describe('The batch that issued it, if any'),
    batchRow: z.number().int().nullable(),
    format: z.enum(['json', 'jwt']).describe('`json`: a credential with an embedded Data Integrity proof; `jwt`: a compact VC-JWT'),
    credential: z.union([z.record(z.string(), z.unknown()), z.string()]).describe('The signed OpenBadgeCredential: JSON, or the compact VC-JWT'),
    links: z.object({ document: z.string().describe('The signed credential, public'), page: z.string().describe('The credential’s public page') }),
  })
  .meta({ id: 'IssuedCredential' })

/** `GET …/credentials` query. */
export const listCredentialsQuery = z.object({
  q: textQuery(200, 'Part of the learner’s e-mail address or name'),
  achievement: textQuery(100, 'Only credentials of this achievement (its id)'),
  state: choiceQuery(['active', 'revoked', 'suspended'], 'Only credentials in this state'),
  batch: textQuery(100, 'Only credentials of this batch (its id)'),
  issuedFrom: textQuery(40, 'Issued on or after: a date (`2026-03-01`, from its start) or a date-time'),
  issuedTo: textQuery(40, 'Issued on or before: a date (through its end) or a date-time'),
  limit: wholeNumberQuery({ min: 1, max: 200, fallback: 50, description: 'How many per page' }),
  cursor: cursorQuery,
})

const org = z.object({ org: orgParam })
const credential = z.object({ org: orgParam, id: idParam('The credential’s UUID, or its full `urn:uuid:` id') })
const tags = ['Credentials']

export const issueCredential = createRoute({
  method: 'post',
  path: '/api/v1/orgs/{org}/achievements/{achievement}/credentials',
  operationId: 'issueCredential',
  tags,
  summary: 'Issue a credential',
  description: `${needs('issuer')} Signs an OpenBadgeCredential for a published achievement, appends it to the transparency log and e-mails the learner a claim link. Send an \`Idempotency-Key\` to retry safely: the same key with the same body replays the first answer (\`Idempotent-Replayed: true\`); with another body it is refused (422).`,
  security: ACCESS.write,
  request: {
    params: z.object({ org: orgParam, achievement: idParam('The achievement id') }),
    headers: z.object({ 'Idempotency-Key': z.string().regex(IDEMPOTENCY_KEY).optional().describe('A unique string per award (a UUID will do): 1–200 printable ASCII characters') }),
    body: jsonBody(issueBodySchema, {
      example: { recipient: { email: 'learner@example.org', name: 'Jamie Rivera' }, evidence: [{ id: 'https://portfolio.example/jamie/project', name: 'Final project' }] },
    }),
  },
  responses: {
    201: { ...json(issuedSchema, 'Issued (or, with `Idempotent-Replayed: true`, the first answer replayed)'), headers: { Location: header('The issued credential'), 'Idempotent-Replayed': header('`true` when this answer is a replay') } },
    ...problems(400, 401, 403, [404, 'No such organization or achievement'], [409, 'The achievement is not published'], 413, [422, 'The Idempotency-Key was used with another body']),
  },
})

export const listCredentials = createRoute({
  method: 'get',
  path: '/api/v1/orgs/{org}/credentials',
  operationId: 'listCredentials',
  tags,
  summary: 'Issued credentials',
  description: `${needs('viewer')} Newest first, filtered.`,
  security: ACCESS.read,
  request: { params: org, query: listCredentialsQuery },
  responses: { 200: json(pageOf(issuedSchema), 'A page of credentials'), ...problems(400, 401, 404) },
})

export const getCredential = createRoute({
  method: 'get',
  path: '/api/v1/orgs/{org}/credentials/{id}',
  operationId: 'getCredential',
  tags,
  summary: 'An issued credential',
  description: needs('viewer'),
  security: ACCESS.read,
  request: { params: credential },
  responses: { 200: json(issuedSchema, 'The credential'), ...problems(401, 404) },
})

const statusChange = (action: 'revoke' | 'suspend' | 'unsuspend', summary: string, description: string) =>
  createRoute({
    method: 'post',
    path: `/api/v1/orgs/{org}/credentials/{id}/${action}`,
    operationId: `${action}Credential`,
    tags,
    summary,
    description: `${needs('issuer')} ${description}`,
    security: ACCESS.write,
    request: { params: credential, body: jsonBody(reasonBody, { required: false, example: { reason: 'Issued to the wrong learner' } }) },
    responses: { 200: json(issuedSchema, 'The credential in its new state'), ...problems(400, 401, 403, 404, [409, 'Not allowed in its current state'], 413) },
  })

export const revokeCredential = statusChange('revoke', 'Revoke a credential', 'Sets its revocation bit (for good) and re-signs the status list; verifiers see it revoked within a minute.')
export const suspendCredential = statusChange('suspend', 'Suspend a credential', 'Sets its suspension bit until it is unsuspended.')
export const unsuspendCredential = statusChange('unsuspend', 'Unsuspend a credential', 'Clears its suspension bit.')

/** What `POST …/credentials/{id}/claim-link` answers. */
export const claimLinkSentSchema = z
  .object({
    credentialId: z.string().describe('The credential’s `urn:uuid:` id'),
    sentTo: z.string().describe('The e-mail address on record the new link was sent to (never another one)'),
    claimed: z.boolean().describe('Whether the learner had already accepted the credential (the link then opens its page with a reminder)'),
  })
  .meta({ id: 'ClaimLinkSent' })

export const resendClaimLink = createRoute({
  method: 'post',
  path: '/api/v1/orgs/{org}/credentials/{id}/claim-link',
  operationId: 'resendClaimLink',
  tags,
  summary: 'Send the learner a new claim link',
  description: `${needs('issuer')} Mails a fresh claim link to the address the credential was issued to; the previous link stops working (its page offers the learner a new one). At most 5 an hour per credential.`,
  security: ACCESS.write,
  request: { params: credential },
  responses: { 202: json(claimLinkSentSchema, 'The e-mail is queued'), ...problems(401, 403, 404, [409, 'The credential is revoked'], 429) },
})

/** The credential operations. */
export const issuanceOperations = [issueCredential, listCredentials, getCredential, revokeCredential, suspendCredential, unsuspendCredential, resendClaimLink]
