// The wallet API's request and response schemas and its operations (routes/api/wallet.ts): a
// learner's kept credentials, claims, collections, and the account's e-mail addresses.
import { createRoute } from '@hono/zod-openapi'
import { z } from 'zod'
import { EXPIRY_FILTERS, WALLET_SORTS, WALLET_STATUSES } from '../../app/wallet/wallet.js'
import { ACCESS, json, jsonBody } from '../openapi/describe.js'
import { problems } from '../openapi/problem.js'
import { choiceQuery, idParam, listOf, textQuery, timestamp } from './common.js'
import { reportSchema } from './public-documents.js'

const skillSchema = z.object({ label: z.string(), code: z.string().optional(), framework: z.string().optional(), uri: z.string().optional() }).meta({ id: 'WalletSkill' })

/** What a person reads of a credential. */
export const displaySchema = z
  .object({
    name: z.string(),
    description: z.string().optional(),
    imageUrl: z.string().optional().describe('An http(s) or data: image URL'),
    issuer: z.object({ id: z.string().optional(), name: z.string(), url: z.string().optional(), imageUrl: z.string().optional() }),
    recipientName: z.string().optional(),
    issuedAt: z.string().optional(),
    expiresAt: z.string().optional(),
    achievementType: z.string().optional(),
    criteria: z.string().optional(),
    skills: z.array(skillSchema),
  })
  .meta({ id: 'CredentialDisplay' })

/** A kept credential. */
export const walletItemSchema = z
  .object({
    id: z.string().describe('The wallet item’s id (`w_…`)'),
    source: z.enum(['claim', 'import']),
    format: z.enum(['vc-json', 'vc-jwt', 'ob2']),
    credentialId: z.string().nullable().describe('The credential’s own `id`'),
    issuedCredentialId: z.string().nullable().describe('This instance’s issued credential, when claimed here'),
    verified: z.boolean().describe('The latest verification’s outcome'),
    status: z.enum(WALLET_STATUSES as [string, ...string[]]).describe('From the latest report and the expiry date'),
    checkedAt: timestamp,
    display: displaySchema,
    hidden: z.boolean(),
    public: z.boolean(),
    showName: z.boolean(),
    addedAt: timestamp,
  })
  .meta({ id: 'WalletItem' })

/** A kept credential with its report re-checked now. */
export const walletItemDetailSchema = walletItemSchema
  .extend({
    report: reportSchema,
    collections: z.array(z.object({ id: z.string(), name: z.string() })).describe('The collections holding it'),
  })
  .meta({ id: 'WalletItemDetail' })

export const listWalletQuery = z.object({
  issuer: textQuery(300, 'Only credentials of this issuer (its name or id)'),
  skill: textQuery(300, 'Only credentials aligned to this skill (its label or URI)'),
  status: choiceQuery(WALLET_STATUSES as [string, ...string[]], 'Only credentials in this standing'),
  expiresWithin: choiceQuery(EXPIRY_FILTERS as [string, ...string[]], '`30` or `90`: expiring within that many days; `none`: never expiring'),
  sort: choiceQuery(WALLET_SORTS as [string, ...string[]], 'Order (default `newest`; in a collection, its own order unless given)'),
  collection: textQuery(100, 'Only the credentials of this collection'),
  hidden: choiceQuery(['include'] as const, '`include`: hidden credentials too'),
})

export const walletItemPatch = z
  .strictObject({
    hidden: z.boolean().optional().describe('Hide it from the wallet’s list (it stays kept)'),
    showName: z.boolean().optional().describe('Show your name with it; for a credential claimed here, its public page follows'),
    public: z.boolean().optional().describe('Show it on your public profile'),
  })
  .meta({ id: 'WalletItemChange' })

export const collectionSchema = z
  .object({ id: z.string(), name: z.string(), description: z.string(), position: z.number().int(), createdAt: timestamp, itemIds: z.array(z.string()).describe('Its credentials, in order') })
  .meta({ id: 'WalletCollection' })

export const collectionBody = z.strictObject({ name: z.string().max(1000), description: z.string().max(5000).optional() }).meta({ id: 'NewWalletCollection' })
export const collectionPatch = z
  .strictObject({
    name: z.string().max(1000).optional(),
    description: z.string().max(5000).optional(),
    itemIds: z.array(z.string().max(100)).max(2000).optional().describe('The collection’s credentials in this order (replaces them)'),
  })
  .meta({ id: 'WalletCollectionChange' })

export const emailSchema = z
  .object({ email: z.string(), verified: z.boolean(), verifiedAt: timestamp.nullable(), createdAt: timestamp, primary: z.boolean().describe('The address you sign in with') })
  .meta({ id: 'AccountEmail' })
export const emailsSchema = z.object({ items: z.array(emailSchema), expiryReminders: z.boolean().describe('Whether you get e-mail reminders before wallet credentials expire') }).meta({ id: 'AccountEmails' })
export const emailBody = z.strictObject({ email: z.string().max(1000) }).meta({ id: 'NewAccountEmail' })

const tags = ['Wallet']
const itemId = z.object({ id: idParam('The wallet item’s id (`w_…`)') })
const collectionId = z.object({ id: idParam('The collection’s id (`col_…`)') })

export const listWalletCredentials = createRoute({
  method: 'get',
  path: '/api/v1/wallet/credentials',
  operationId: 'listWalletCredentials',
  tags,
  summary: 'Your wallet',
  description: 'The credentials you keep, filtered and sorted as on the wallet page. Hidden ones only with `hidden=include`.',
  security: ACCESS.personRead,
  request: { query: listWalletQuery },
  responses: { 200: json(listOf(walletItemSchema), 'Your credentials'), ...problems(400, 401, [404, 'No such collection in your wallet']) },
})

export const getWalletCredential = createRoute({
  method: 'get',
  path: '/api/v1/wallet/credentials/{id}',
  operationId: 'getWalletCredential',
  tags,
  summary: 'A credential of your wallet',
  description: 'The credential with its verification re-checked now (status and expiry change over time); the stored report is updated.',
  security: ACCESS.personRead,
  request: { params: itemId },
  responses: { 200: json(walletItemDetailSchema, 'The credential and its report'), ...problems(401, 404) },
})

export const patchWalletCredential = createRoute({
  method: 'patch',
  path: '/api/v1/wallet/credentials/{id}',
  operationId: 'updateWalletCredential',
  tags,
  summary: 'Hide, show, publish or anonymise a credential',
  security: ACCESS.personWrite,
  request: { params: itemId, body: jsonBody(walletItemPatch, { example: { hidden: false, showName: false } }) },
  responses: { 200: json(walletItemSchema, 'The credential, changed'), ...problems(400, 401, 403, 404, 413) },
})

export const deleteWalletCredential = createRoute({
  method: 'delete',
  path: '/api/v1/wallet/credentials/{id}',
  operationId: 'deleteWalletCredential',
  tags,
  summary: 'Remove a credential from your wallet',
  description: 'Removes the wallet’s copy only: a credential issued here stays issued and verifiable.',
  security: ACCESS.personWrite,
  request: { params: itemId },
  responses: { 204: { description: 'Removed' }, ...problems(401, 403, 404) },
})

export const postWalletClaims = createRoute({
  method: 'post',
  path: '/api/v1/wallet/claims',
  operationId: 'claimAllCredentials',
  tags,
  summary: 'Claim everything sent to your confirmed addresses',
  description: 'Adds every unclaimed credential this instance issued to one of your confirmed e-mail addresses to your wallet (verified, report stored) and marks it claimed.',
  security: ACCESS.personWrite,
  responses: { 200: json(listOf(walletItemSchema), 'The credentials added (none when nothing waited)'), ...problems(401, 403) },
})

export const listWalletCollections = createRoute({
  method: 'get',
  path: '/api/v1/wallet/collections',
  operationId: 'listWalletCollections',
  tags,
  summary: 'Your collections',
  security: ACCESS.personRead,
  responses: { 200: json(listOf(collectionSchema), 'Your collections in order'), ...problems(401) },
})

export const postWalletCollection = createRoute({
  method: 'post',
  path: '/api/v1/wallet/collections',
  operationId: 'createWalletCollection',
  tags,
  summary: 'Create a collection',
  security: ACCESS.personWrite,
  request: { body: jsonBody(collectionBody, { example: { name: 'Data skills' } }) },
  responses: { 201: json(collectionSchema, 'The new collection, last in order'), ...problems(400, 401, 403, 409, 413) },
})

export const getWalletCollection = createRoute({
  method: 'get',
  path: '/api/v1/wallet/collections/{id}',
  operationId: 'getWalletCollection',
  tags,
  summary: 'A collection',
  security: ACCESS.personRead,
  request: { params: collectionId },
  responses: { 200: json(collectionSchema, 'The collection'), ...problems(401, 404) },
})

export const patchWalletCollection = createRoute({
  method: 'patch',
  path: '/api/v1/wallet/collections/{id}',
  operationId: 'updateWalletCollection',
  tags,
  summary: 'Rename a collection or set its credentials in order',
  security: ACCESS.personWrite,
  request: { params: collectionId, body: jsonBody(collectionPatch, { example: { name: 'Research data', itemIds: ['w_abc', 'w_def'] } }) },
  responses: { 200: json(collectionSchema, 'The collection, changed'), ...problems(400, 401, 403, 404, 413) },
})

export const deleteWalletCollection = createRoute({
  method: 'delete',
  path: '/api/v1/wallet/collections/{id}',
  operationId: 'deleteWalletCollection',
  tags,
  summary: 'Delete a collection (its credentials stay in the wallet)',
  security: ACCESS.personWrite,
  request: { params: collectionId },
  responses: { 204: { description: 'Deleted' }, ...problems(401, 403, 404) },
})

export const listMyEmails = createRoute({
  method: 'get',
  path: '/api/v1/me/emails',
  operationId: 'listMyEmails',
  tags: ['Account'],
  summary: 'Your e-mail addresses',
  description: 'Every address of your account; credentials sent to a confirmed one can be claimed into your wallet.',
  security: ACCESS.personRead,
  responses: { 200: json(emailsSchema, 'Your addresses'), ...problems(401) },
})

export const postMyEmail = createRoute({
  method: 'post',
  path: '/api/v1/me/emails',
  operationId: 'addMyEmail',
  tags: ['Account'],
  summary: 'Add an e-mail address',
  description: 'Adds the address unconfirmed and e-mails it a confirmation link (at most 5 an hour per address: 429 with `Retry-After`). 409 when another account has it.',
  security: ACCESS.personWrite,
  request: { body: jsonBody(emailBody, { example: { email: 'ada@work.example.org' } }) },
  responses: { 201: json(emailSchema, 'The address, unconfirmed until its link is opened'), ...problems(400, 401, 403, 409, 413, 429) },
})

export const deleteMyEmail = createRoute({
  method: 'delete',
  path: '/api/v1/me/emails/{email}',
  operationId: 'removeMyEmail',
  tags: ['Account'],
  summary: 'Remove an e-mail address',
  description: 'Never the address you sign in with, nor your last confirmed one (409).',
  security: ACCESS.personWrite,
  request: { params: z.object({ email: z.string().meta({ description: 'The address (URL-encoded)' }) }) },
  responses: { 204: { description: 'Removed' }, ...problems(401, 403, 404, 409) },
})

/** The wallet operations, in the order the reference lists them. */
export const walletOperations = [
  listWalletCredentials,
  getWalletCredential,
  patchWalletCredential,
  deleteWalletCredential,
  postWalletClaims,
  listWalletCollections,
  postWalletCollection,
  getWalletCollection,
  patchWalletCollection,
  deleteWalletCollection,
  listMyEmails,
  postMyEmail,
  deleteMyEmail,
]
