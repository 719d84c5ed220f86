// The talent search's schemas and operations (routes/api/talent.ts): employer organizations search
// opted-in learners by verified skills, save searches and write to learners; learners opt in,
// see who viewed them, read and answer messages, block organizations. Bodies are the app's schemas.
import { createRoute } from '@hono/zod-openapi'
import { z } from 'zod'
import { employerInput, savedSearchInput, talentMessageInput, talentOptinInput } from '../../app/talent/talent-input.js'
import { ACCESS, json, jsonBody, needs } from '../openapi/describe.js'
import { problems } from '../openapi/problem.js'
import { choiceQuery, idParam, listOf, orgParam, textQuery, timestamp, wholeNumberQuery } from './common.js'

const tags = ['Talent']

const orgQuery = z.object({ org: orgParam.describe('The employer organization searching (its slug)') })

const searchSchema = z.object({
  skills: z.array(z.string()),
  match: z.enum(['all', 'atLeast']),
  atLeast: z.number().int().optional(),
  issuer: z.string().optional(),
  eqfMin: z.number().int().optional(),
  withinMonths: z.number().int().optional(),
  country: z.string().optional(),
  location: z.string().optional(),
})

const matchSchema = z
  .object({
    handle: z.string(),
    displayName: z.string().describe('The name the learner shows'),
    location: z.string(),
    country: z.string().nullable(),
    profileUrl: z.string().describe('The learner’s public profile'),
    matched: z.number().int().describe('How many of the requested skills the learner proves'),
    skills: z.array(
      z.object({
        requested: z.string(),
        label: z.string().describe('The skill as the credential names it'),
        credentials: z.array(
          z.object({
            id: z.string().describe('The credential on the learner’s profile'),
            name: z.string(),
            issuerName: z.string(),
            issuedAt: timestamp.nullable(),
            url: z.string().describe('Its page on the learner’s profile, verified again when opened'),
            verification: z.object({ state: z.enum(['verified']), checkedAt: timestamp }),
          }),
        ),
      }),
    ),
  })
  .meta({ id: 'TalentMatch' })

export const talentResultsSchema = z
  .object({ search: searchSchema.extend({ page: z.number().int() }), total: z.number().int(), page: z.number().int(), pageSize: z.number().int(), learners: z.array(matchSchema) })
  .meta({ id: 'TalentResults' })

const savedSchema = z.object({ id: z.string(), name: z.string(), search: searchSchema, createdAt: timestamp }).meta({ id: 'TalentSavedSearch' })

export const visibilitySchema = z
  .object({
    optin: z.object({ location: z.string(), country: z.string().nullable(), optedInAt: timestamp }).nullable().describe('Null: employers cannot find you'),
    profile: z.object({ handle: z.string(), public: z.boolean() }).nullable().describe('Employers find only learners with a public profile'),
    views: z.array(z.object({ orgName: z.string(), orgSlug: z.string(), viewedAt: timestamp })).describe('Employers who opened your profile from a search, newest first'),
    blocked: z.array(z.object({ orgName: z.string(), orgSlug: z.string() })),
  })
  .meta({ id: 'TalentVisibility' })

const conversationSchema = z
  .object({
    org: z.object({ slug: z.string(), name: z.string() }),
    blocked: z.boolean(),
    unread: z.number().int(),
    messages: z.array(z.object({ id: z.string(), sender: z.enum(['employer', 'learner']), body: z.string(), createdAt: timestamp })),
  })
  .meta({ id: 'TalentConversation' })

const threadSchema = z
  .object({ learner: z.object({ handle: z.string(), displayName: z.string() }), messages: z.array(z.object({ sender: z.enum(['employer', 'learner']), body: z.string(), createdAt: timestamp })) })
  .meta({ id: 'TalentThread' })

export const searchQuery = z.object({
  org: orgParam.describe('The employer organization searching (its slug)'),
  skill: z.array(z.string()).min(1).max(10).meta({ description: 'A skill (ESCO or O*NET URI, code or label); repeat for several. A broader skill also finds credentials aligned to narrower ones.' }),
  match: choiceQuery(['all', 'atLeast'], '`all` (default): every skill; `atLeast`: at least `atLeast` of them'),
  atLeast: wholeNumberQuery({ min: 1, max: 10, description: 'With match=atLeast: how many of the skills' }),
  issuer: textQuery(300, 'Only credentials from this issuer (its id or exact name)'),
  eqfMin: wholeNumberQuery({ min: 1, max: 8, description: 'Only credentials at this EQF level or above' }),
  withinMonths: wholeNumberQuery({ min: 1, max: 600, description: 'Only credentials issued within this many months' }),
  country: textQuery(2, 'Only learners who show this country (ISO 3166-1 alpha-2)'),
  location: textQuery(100, 'Only learners whose location contains this text'),
  page: wholeNumberQuery({ min: 1, max: 1000, description: 'Page of 20 learners' }),
})

const EMPLOYER = 'Only employer organizations search. '

export const createEmployer = createRoute({
  method: 'post',
  path: '/api/v1/employers',
  operationId: 'createEmployer',
  tags,
  summary: 'Create an employer organization',
  description: 'An organization of kind `employer`, owned by you: it searches learners who opted in, and never issues. Needs a confirmed e-mail address.',
  security: ACCESS.personWrite,
  request: { body: jsonBody(employerInput, { example: { name: 'Northwind Analytics', country: 'NL' } }) },
  responses: { 201: json(z.object({ id: z.string(), slug: z.string(), name: z.string(), kind: z.enum(['employer']) }).meta({ id: 'Employer' }), 'Created'), ...problems(400, 401, 403, [409, 'The short name is taken']) },
})

export const searchTalent = createRoute({
  method: 'get',
  path: '/api/v1/talent',
  operationId: 'searchTalent',
  tags,
  summary: 'Find learners by verified skills',
  description: `${EMPLOYER}${needs('viewer')} Only learners who opted in and show a public profile, and only their public, unhidden credentials that verify (not revoked, suspended or expired). Each match lists the skills it proves with the credentials that prove them.`,
  security: ACCESS.read,
  request: { query: searchQuery },
  responses: { 200: json(talentResultsSchema, 'Matches, best first'), ...problems(400, 401, [403, 'Not an employer organization, or not yours'], 404) },
})

export const listSavedSearches = createRoute({
  method: 'get',
  path: '/api/v1/talent/searches',
  operationId: 'listTalentSearches',
  tags,
  summary: 'Saved searches',
  description: `${EMPLOYER}${needs('viewer')}`,
  security: ACCESS.read,
  request: { query: orgQuery },
  responses: { 200: json(listOf(savedSchema), 'Newest first'), ...problems(401, 403, 404) },
})

export const saveSearch = createRoute({
  method: 'post',
  path: '/api/v1/talent/searches',
  operationId: 'saveTalentSearch',
  tags,
  summary: 'Save a search',
  description: `${EMPLOYER}${needs('issuer')} Running it again later finds who matches then: learners who withdrew are gone.`,
  security: ACCESS.write,
  request: { query: orgQuery, body: jsonBody(savedSearchInput, { example: { name: 'Data analysts in Lyon', search: { skills: ['data analysis'], location: 'Lyon' } } }) },
  responses: { 201: json(savedSchema, 'Saved'), ...problems(400, 401, 403, 404) },
})

export const runSavedSearch = createRoute({
  method: 'get',
  path: '/api/v1/talent/searches/{id}',
  operationId: 'runTalentSearch',
  tags,
  summary: 'Run a saved search',
  description: `${EMPLOYER}${needs('viewer')}`,
  security: ACCESS.read,
  request: { params: z.object({ id: idParam('The saved search') }), query: orgQuery.extend({ page: wholeNumberQuery({ min: 1, max: 1000, description: 'Page of 20 learners' }) }) },
  responses: { 200: json(z.object({ saved: savedSchema, results: talentResultsSchema }), 'The search and its matches now'), ...problems(401, 403, 404) },
})

export const deleteSavedSearch = createRoute({
  method: 'delete',
  path: '/api/v1/talent/searches/{id}',
  operationId: 'deleteTalentSearch',
  tags,
  summary: 'Delete a saved search',
  description: `${EMPLOYER}${needs('issuer')}`,
  security: ACCESS.write,
  request: { params: z.object({ id: idParam('The saved search') }), query: orgQuery },
  responses: { 204: { description: 'Deleted' }, ...problems(401, 403, 404) },
})

export const contactLearner = createRoute({
  method: 'post',
  path: '/api/v1/talent/learners/{handle}/messages',
  operationId: 'contactLearner',
  tags,
  summary: 'Write to a learner',
  description: `${EMPLOYER}${needs('issuer')} The learner is told by e-mail and reads it in their wallet; their address is never shown to you. At most 3 messages a day to one learner and 50 a day in all.`,
  security: ACCESS.write,
  request: { params: z.object({ handle: idParam('The learner’s handle') }), query: orgQuery, body: jsonBody(talentMessageInput, { example: { body: 'Hello! We have an opening for a junior data analyst.' } }) },
  responses: { 201: json(z.object({ sentAt: timestamp }), 'Sent'), ...problems(400, 401, 403, [404, 'No such learner among those who can be found (or they blocked you)'], 429) },
})

export const getThread = createRoute({
  method: 'get',
  path: '/api/v1/talent/learners/{handle}/messages',
  operationId: 'getLearnerThread',
  tags,
  summary: 'Your conversation with a learner',
  description: `${EMPLOYER}${needs('viewer')} Oldest first, with the learner’s replies.`,
  security: ACCESS.read,
  request: { params: z.object({ handle: idParam('The learner’s handle') }), query: orgQuery },
  responses: { 200: json(threadSchema, 'The conversation'), ...problems(401, 403, 404) },
})

export const getVisibility = createRoute({
  method: 'get',
  path: '/api/v1/wallet/talent',
  operationId: 'getTalentVisibility',
  tags,
  summary: 'Whether employers can find you, and who viewed you',
  description: 'Your opt-in (null: not findable), your profile’s state, employers who opened your profile from a search, and those you blocked.',
  security: ACCESS.personRead,
  responses: { 200: json(visibilitySchema, 'Your visibility'), ...problems(401) },
})

export const putVisibility = createRoute({
  method: 'put',
  path: '/api/v1/wallet/talent',
  operationId: 'optInTalent',
  tags,
  summary: 'Let employers find you',
  description: 'Employers then find you by the skills of your public, verified credentials, and see the location you give here. Your profile must be public.',
  security: ACCESS.personWrite,
  request: { body: jsonBody(talentOptinInput, { example: { location: 'Lyon', country: 'FR' } }) },
  responses: { 200: json(visibilitySchema, 'Findable'), ...problems(400, 401, 403) },
})

export const deleteVisibility = createRoute({
  method: 'delete',
  path: '/api/v1/wallet/talent',
  operationId: 'withdrawTalent',
  tags,
  summary: 'Stop being findable',
  description: 'At once: no search (saved ones included) finds you any more.',
  security: ACCESS.personWrite,
  responses: { 200: json(visibilitySchema, 'Withdrawn'), ...problems(401, 403) },
})

export const listMessages = createRoute({
  method: 'get',
  path: '/api/v1/wallet/messages',
  operationId: 'listTalentMessages',
  tags,
  summary: 'Messages from employers',
  description: 'One conversation per organization, newest first; reading marks them read.',
  security: ACCESS.personRead,
  responses: { 200: json(listOf(conversationSchema), 'Your conversations'), ...problems(401) },
})

export const replyMessage = createRoute({
  method: 'post',
  path: '/api/v1/wallet/messages/{org}',
  operationId: 'replyTalentMessage',
  tags,
  summary: 'Reply to an employer',
  description: 'Only to an organization that wrote to you. Your address stays private.',
  security: ACCESS.personWrite,
  request: { params: z.object({ org: orgParam }), body: jsonBody(talentMessageInput, { example: { body: 'Thank you, I am interested.' } }) },
  responses: { 201: { description: 'Sent' }, ...problems(400, 401, [403, 'You blocked this organization'], [404, 'No conversation with this organization'], 429) },
})

export const blockOrg = createRoute({
  method: 'put',
  path: '/api/v1/wallet/blocks/{org}',
  operationId: 'blockEmployer',
  tags,
  summary: 'Block an employer',
  description: 'It no longer finds you nor writes to you.',
  security: ACCESS.personWrite,
  request: { params: z.object({ org: orgParam }) },
  responses: { 204: { description: 'Blocked' }, ...problems(401, 403, 404) },
})

export const unblockOrg = createRoute({
  method: 'delete',
  path: '/api/v1/wallet/blocks/{org}',
  operationId: 'unblockEmployer',
  tags,
  summary: 'Unblock an employer',
  description: 'Unblocking twice is harmless.',
  security: ACCESS.personWrite,
  request: { params: z.object({ org: orgParam }) },
  responses: { 204: { description: 'Unblocked' }, ...problems(401, 403, 404) },
})

/** The talent operations, in the order the reference lists them. */
export const talentOperations = [createEmployer, searchTalent, listSavedSearches, saveSearch, runSavedSearch, deleteSavedSearch, contactLearner, getThread, getVisibility, putVisibility, deleteVisibility, listMessages, replyMessage, blockOrg, unblockOrg]
