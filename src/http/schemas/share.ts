// The sharing API's schemas and operations (routes/api/share.ts): the learner's public profile
// settings, share links and skills profile. Bodies are the app's own schemas (app/share/profile-input.ts).
import { createRoute } from '@hono/zod-openapi'
import { z } from 'zod'
import { profileInput, shareLinkInput } from '../../app/share/profile-input.js'
import { ACCESS, header, json, jsonBody } from '../openapi/describe.js'
import { problems } from '../openapi/problem.js'
import { idParam, listOf, timestamp } from './common.js'

const tags = ['Sharing']

const skillSchema = z
  .object({
    label: z.string(),
    code: z.string().optional(),
    framework: z.string().optional(),
    uri: z.string().optional(),
    count: z.number().int().describe('How many verified credentials prove it'),
    credentials: z.array(z.object({ id: z.string().describe('Wallet credential id'), name: z.string(), issuerName: z.string() })),
  })
  .meta({ id: 'ProvenSkill' })

/** `GET /api/v1/wallet/profile`. */
export const profileSettingsSchema = z
  .object({
    profile: z
      .object({
        handle: z.string(),
        url: z.string().describe('The public address `/u/<handle>` (answers 404 while the profile is not public)'),
        displayName: z.string(),
        headline: z.string(),
        bio: z.string(),
        public: z.boolean(),
        openToEmployers: z.boolean(),
        createdAt: timestamp,
        updatedAt: timestamp,
      })
      .nullable()
      .describe('Null until the profile is first saved'),
    suggestedHandle: z.string(),
    publicCredentials: z.array(z.string()).describe('Wallet credential ids shown on the profile'),
    publicCollections: z.array(z.string()).describe('Collection ids shown on the profile'),
  })
  .meta({ id: 'LearnerProfile' })

export const shareLinkSchema = z
  .object({
    id: z.string().describe('The link’s id (the SHA-256 of its token; the token itself is returned once, when created)'),
    target: z.object({ kind: z.enum(['credential', 'collection']), id: z.string(), name: z.string().nullable().describe('Null when the credential or collection was deleted') }),
    state: z.enum(['active', 'expired', 'revoked', 'gone']),
    expiresAt: timestamp.nullable(),
    revokedAt: timestamp.nullable(),
    views: z.number().int().describe('How often the link was opened (not counting you)'),
    createdAt: timestamp,
  })
  .meta({ id: 'ShareLink' })

const createdLinkSchema = shareLinkSchema.extend({ url: z.string().describe('The link to send: `/s/<token>`. Shown only now.') }).meta({ id: 'NewShareLinkCreated' })

export const getProfile = createRoute({
  method: 'get',
  path: '/api/v1/wallet/profile',
  operationId: 'getLearnerProfile',
  tags,
  summary: 'Your public profile settings',
  description: 'Your profile (null until saved), a suggested handle, and which credentials and collections it shows.',
  security: ACCESS.personRead,
  responses: { 200: json(profileSettingsSchema, 'Your profile settings'), ...problems(401) },
})

export const putProfile = createRoute({
  method: 'put',
  path: '/api/v1/wallet/profile',
  operationId: 'saveLearnerProfile',
  tags,
  summary: 'Save your public profile',
  description: 'Creates or replaces your profile. Handles are 3–30 of a–z, 0–9 and inner hyphens; reserved words are refused. `publicCredentials` / `publicCollections`, when given, are exactly the ones shown; hidden credentials are never shown.',
  security: ACCESS.personWrite,
  request: { body: jsonBody(profileInput, { example: { handle: 'ada-lovelace', displayName: 'Ada Lovelace', headline: 'Analyst', bio: '', public: true, openToEmployers: false } }) },
  responses: { 200: json(profileSettingsSchema, 'Saved'), ...problems(400, 401, 403, [409, 'The handle is taken'], 413) },
})

export const getSkills = createRoute({
  method: 'get',
  path: '/api/v1/wallet/skills',
  operationId: 'getSkillsProfile',
  tags,
  summary: 'Your skills profile',
  description: 'The skills your verified, unhidden credentials prove (alignments and achievement skills), most proven first, each with the credentials that prove it.',
  security: ACCESS.personRead,
  responses: { 200: json(listOf(skillSchema), 'Your skills'), ...problems(401) },
})

export const createShareLink = createRoute({
  method: 'post',
  path: '/api/v1/wallet/share-links',
  operationId: 'createShareLink',
  tags,
  summary: 'Share a credential or a collection',
  description: 'An unguessable link `/s/<token>` to one of your credentials or collections, optionally expiring. Expired or revoked links answer 410.',
  security: ACCESS.personWrite,
  request: { body: jsonBody(shareLinkInput, { example: { credential: 'w_3f1c…', expiresInDays: 30 } }) },
  responses: { 201: { ...json(createdLinkSchema, 'Created'), headers: { Location: header('The link in the list') } }, ...problems(400, 401, 403, 413) },
})

export const listShareLinks = createRoute({
  method: 'get',
  path: '/api/v1/wallet/share-links',
  operationId: 'listShareLinks',
  tags,
  summary: 'Your share links',
  description: 'Newest first, with their view counts.',
  security: ACCESS.personRead,
  responses: { 200: json(listOf(shareLinkSchema), 'Your links'), ...problems(401) },
})

export const deleteShareLink = createRoute({
  method: 'delete',
  path: '/api/v1/wallet/share-links/{id}',
  operationId: 'revokeShareLink',
  tags,
  summary: 'Revoke a share link',
  description: 'The link then answers 410 Gone. Revoking twice is harmless.',
  security: ACCESS.personWrite,
  request: { params: z.object({ id: idParam('The link’s id') }) },
  responses: { 200: json(shareLinkSchema, 'Revoked'), ...problems(401, 403, [404, 'Not one of your links']) },
})

/** The sharing operations, in the order the reference lists them. */
export const shareOperations = [getProfile, putProfile, getSkills, createShareLink, listShareLinks, deleteShareLink]
