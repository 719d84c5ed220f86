// The holder API's request and response schemas and its operations (routes/api/holder.ts and
// routes/public-presentations.ts): the account's DID, presentations, export, notification settings,
// account deletion.
import { createRoute } from '@hono/zod-openapi'
import { z } from 'zod'
import { accountDeletionSchema, notificationSettingsSchema, presentationCheckSchema, presentationRequestSchema } from '../../app/holder/holder-input.js'
import { ACCESS, bytes, header, json, jsonBody } from '../openapi/describe.js'
import { problems } from '../openapi/problem.js'
import { binary } from './common.js'
import { reportSchema } from './public-documents.js'

const presentationRequest = presentationRequestSchema.meta({ id: 'PresentationRequest' })
const presentationCheck = presentationCheckSchema.meta({ id: 'PresentationCheckRequest' })
const notificationSettings = notificationSettingsSchema.meta({ id: 'NotificationSettings' })
const accountDeletion = accountDeletionSchema.meta({ id: 'AccountDeletion' })

/** `GET /api/v1/me/did`. */
export const holderDidSchema = z
  .object({
    did: z.string().describe('The account’s DID (`did:key`): issuers may issue to it, and presentations are signed by its key'),
    publicKeyMultibase: z.string().describe('The holder key’s public half (Ed25519 Multikey)'),
    verificationMethod: z.string().describe('What proofs made with the key cite'),
  })
  .meta({ id: 'HolderDid' })

/** A Verifiable Presentation as Emblem signs it. */
export const presentationSchema = z
  .looseObject({
    '@context': z.array(z.string()),
    id: z.string(),
    type: z.array(z.string()),
    holder: z.string().describe('The account’s DID'),
    verifiableCredential: z.array(z.record(z.string(), z.unknown())).describe('The chosen credentials as stored: JSON ones as they are, VC-JWTs as `EnvelopedVerifiableCredential` with a `data:application/vc+jwt,` URL'),
    proof: z.record(z.string(), z.unknown()).describe('DataIntegrityProof, eddsa-rdfc-2022, proofPurpose `authentication`, with `challenge` and `domain`'),
  })
  .meta({ id: 'VerifiablePresentation' })

const holderProofSchema = z.object({
  verified: z.boolean().describe('The proof verified, was made by the holder’s key, and carries the expected challenge and domain'),
  controller: z.string().optional().describe('The DID whose key made the proof'),
  challengeMatches: z.boolean(),
  domainMatches: z.boolean(),
  code: z.string().optional().describe('Why it failed: `PROOF_MISSING`, `PROOF_SIGNATURE_INVALID`, `PROOF_PURPOSE_MISMATCH`, `PROOF_HOLDER_MISMATCH`, `PROOF_CHALLENGE_MISMATCH`, `PROOF_DOMAIN_MISMATCH`, `PRESENTATION_MALFORMED`, …'),
  message: z.string().optional(),
})

/** `POST /api/v1/presentations/verify`. */
export const presentationCheckResultSchema = z
  .object({
    verified: z.boolean().describe('True only when the holder’s proof and every credential verified'),
    holder: z.string().nullable(),
    holderProof: holderProofSchema,
    credentials: z.array(
      z.object({
        index: z.number().int(),
        id: z.string().optional(),
        format: z.enum(['json', 'jwt']),
        verified: z.boolean(),
        boundToHolder: z.boolean().describe('The credential was issued to the holder’s DID (its subject id is the holder), and the holder proved control of it'),
        report: reportSchema,
      }),
    ),
  })
  .meta({ id: 'PresentationCheck' })

const holderTags = ['Presentations']
const privacyTags = ['Privacy']

export const getHolderDid = createRoute({
  method: 'get',
  path: '/api/v1/me/did',
  operationId: 'getHolderDid',
  tags: holderTags,
  summary: 'Your DID',
  description: 'The DID of your holder key (made on first use; its private half is sealed on the server). A credential issued to this DID is bound to you: your presentations prove you hold its key.',
  security: ACCESS.personRead,
  responses: { 200: json(holderDidSchema, 'Your DID'), ...problems(401) },
})

export const postPresentation = createRoute({
  method: 'post',
  path: '/api/v1/wallet/presentations',
  operationId: 'createPresentation',
  tags: holderTags,
  summary: 'Present credentials',
  description:
    'Signs a W3C Verifiable Presentation of the chosen wallet credentials with your holder key (Data Integrity, eddsa-rdfc-2022, proofPurpose `authentication`), the verifier’s `challenge` and `domain` in its proof. Only your own wallet credentials (404 for any other id). Open Badges 2.0 assertions are not verifiable credentials and are refused.',
  security: ACCESS.personWrite,
  request: { body: jsonBody(presentationRequest, { example: { credentials: ['w_x2b9…'], challenge: '2c2a1f0e-8a1f-4f6b-9c1e-6b1d2a8f3e7d', domain: 'jobs.example.com' } }) },
  responses: { 200: json(presentationSchema, 'The signed presentation'), ...problems(400, 401, 403, [404, 'A credential is not in your wallet'], 413, 422) },
})

export const postPresentationCheck = createRoute({
  method: 'post',
  path: '/api/v1/presentations/verify',
  operationId: 'verifyPresentation',
  tags: holderTags,
  summary: 'Verify a presentation',
  description:
    'For verifiers (employers): checks the holder’s proof (signed by the holder’s key, purpose `authentication`, your challenge and domain in it) and every credential in the presentation, each with its full report. No account needed. A presentation that does not verify is a result (200), not an error.',
  security: ACCESS.public,
  request: { body: jsonBody(presentationCheck) },
  responses: { 200: { ...json(presentationCheckResultSchema, 'The result, verified or not'), headers: { 'Access-Control-Allow-Origin': header('`*`') } }, ...problems(400, 413) },
})

export const getExport = createRoute({
  method: 'get',
  path: '/api/v1/me/export',
  operationId: 'exportAccount',
  tags: privacyTags,
  summary: 'Export your data',
  description:
    'A zip of everything Emblem keeps about you: every wallet credential exactly as received (`credentials/<id>.json` or `.jwt`), `account.json` (profile, e-mail addresses, collections, share links, settings; never your password hash or tokens) and a `README.txt` explaining the files.',
  security: ACCESS.personRead,
  responses: {
    200: { ...bytes(binary, ['application/zip'], 'The zip'), headers: { 'Content-Disposition': header('`attachment; filename="emblem-export-<date>.zip"`') } },
    ...problems(401),
  },
})

export const getNotifications = createRoute({
  method: 'get',
  path: '/api/v1/me/notifications',
  operationId: 'getNotificationSettings',
  tags: privacyTags,
  summary: 'Your notification settings',
  security: ACCESS.personRead,
  responses: { 200: json(notificationSettings, 'Your settings'), ...problems(401) },
})

export const putNotifications = createRoute({
  method: 'put',
  path: '/api/v1/me/notifications',
  operationId: 'setNotificationSettings',
  tags: privacyTags,
  summary: 'Change your notification settings',
  security: ACCESS.personWrite,
  request: { body: jsonBody(notificationSettings, { example: { expiryReminders: true, productNews: false } }) },
  responses: { 200: json(notificationSettings, 'Your settings, saved'), ...problems(400, 401, 403, 413) },
})

export const deleteMe = createRoute({
  method: 'delete',
  path: '/api/v1/me',
  operationId: 'deleteAccount',
  tags: privacyTags,
  summary: 'Delete your account',
  description:
    'Deletes your account after checking your password: your e-mail addresses, sessions, wallet copies, collections, share links, profile and holder key. Credentials organizations issued to you stay verifiable (they are the issuers’ records). Refused (409) while you are the last owner of an organization.',
  security: ACCESS.personWrite,
  request: { body: jsonBody(accountDeletion) },
  responses: { 204: { description: 'Deleted; the session cookie is cleared' }, ...problems([400, 'The password is wrong or missing'], 401, 403, [409, 'You are the last owner of an organization'], 413, 429) },
})

/** The holder operations, in the order the reference lists them. */
export const holderOperations = [getHolderDid, postPresentation, postPresentationCheck]
/** The privacy operations. */
export const privacyOperations = [getExport, getNotifications, putNotifications, deleteMe]
