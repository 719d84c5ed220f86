// Learning programs (issue #12): the schemas and operations of routes/api/programs.ts — an
// organization's programs, scores, reviews and enrolments; the public catalog; a learner's enrolments.
import { createRoute } from '@hono/zod-openapi'
import { z } from 'zod'
import { programInput, scoresInput } from '../../app/programs/program-input.js'
import { annotate } from '../openapi/annotate.js'
import { ACCESS, json, jsonBody, needs } from '../openapi/describe.js'
import { problems } from '../openapi/problem.js'
import { choiceQuery, idParam, listOf, orgParam, textQuery, timestamp, wholeNumberQuery } from './common.js'

annotate(programInput, {
  id: 'ProgramInput',
  description: 'A program leading to one of the organization’s achievements.',
  fields: {
    achievementId: 'The achievement the program leads to (its aligned skills become the program’s skills)',
    title: 'At most 200 characters',
    summary: 'What the learner does and gains (at most 5,000 characters)',
    format: '`online`, `onsite` or `blended`',
    hours: 'Workload in hours (1–10,000)',
    durationWeeks: 'How many weeks it runs (optional)',
    selfPaced: 'Whether learners start any time (then no dates are needed)',
    startsOn: 'First day, `YYYY-MM-DD` (required unless self-paced)',
    endsOn: 'Last day, `YYYY-MM-DD` (optional)',
    price: 'Price in the currency’s major unit; absent or 0: free',
    currency: 'ISO 4217 code (default EUR)',
    language: 'ISO 639-1 code of the language it is taught in',
    prerequisites: 'What learners should know or hold first (optional)',
    seats: 'How many learners it takes (optional: unlimited)',
    enrolmentMode: '`open` (enrol at once) or `approval` (the issuer approves requests)',
    finalSignoff: 'Whether staff sign off before the credential is issued',
    requirements: 'What the learner must meet, in order: `evidence` (text, link or file), `score` (imported, `threshold` 0–100), `review` (an assessor accepts; optional `rubric`), `attendance` (marked by staff), `credential` (held, verified, from a trusted issuer: `achievementUrl`)',
  },
})
annotate(scoresInput, {
  id: 'ScoresInput',
  description: 'Assessment scores for one `score` requirement; a score at or above its threshold meets it.',
  fields: { requirementId: 'The requirement’s id', scores: 'Each by `enrolmentId` or the learner’s `email`, with `score` (0–100)' },
})

const requirementSchema = z
  .object({
    id: z.string(),
    position: z.number().int(),
    kind: z.enum(['evidence', 'score', 'review', 'attendance', 'credential']),
    title: z.string(),
    config: z.object({ threshold: z.number().optional(), achievementUrl: z.string().optional(), rubric: z.array(z.string()).optional() }),
  })
  .meta({ id: 'ProgramRequirement' })

export const programSchema = z
  .object({
    id: z.string(),
    url: z.string().describe('Its public page'),
    org: z.object({ slug: z.string(), name: z.string() }),
    achievementId: z.string(),
    achievementName: z.string(),
    title: z.string(),
    summary: z.string(),
    format: z.enum(['online', 'onsite', 'blended']),
    hours: z.number().int(),
    durationWeeks: z.number().int().nullable(),
    selfPaced: z.boolean(),
    startsOn: z.string().nullable(),
    endsOn: z.string().nullable(),
    price: z.number().describe('In the currency’s major unit; 0: free'),
    currency: z.string(),
    language: z.string(),
    prerequisites: z.string(),
    seats: z.number().int().nullable(),
    enrolmentMode: z.enum(['open', 'approval']),
    finalSignoff: z.boolean(),
    state: z.enum(['draft', 'published', 'archived']),
    skills: z.array(z.string()).describe('The skill URIs of its achievement’s alignments'),
    requirements: z.array(requirementSchema),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .meta({ id: 'Program' })

const progressSchema = z.object({
  requirementId: z.string(),
  title: z.string(),
  kind: z.enum(['evidence', 'score', 'review', 'attendance', 'credential']),
  status: z.enum(['pending', 'submitted', 'changes', 'rejected', 'met']),
  score: z.number().nullable(),
  feedback: z.string(),
  supervision: z.string().nullable().describe('The EU element “supervision and identity verification” recorded with the assessment'),
  submittedAt: timestamp.nullable(),
})

export const enrolmentSchema = z
  .object({
    id: z.string(),
    program: z.object({ id: z.string(), title: z.string() }),
    learner: z.object({ name: z.string(), email: z.string() }),
    state: z.enum(['requested', 'active', 'declined', 'completed']),
    credentialId: z.string().nullable().describe('The credential issued when every requirement was met'),
    met: z.number().int(),
    total: z.number().int(),
    progress: z.array(progressSchema),
    createdAt: timestamp,
  })
  .meta({ id: 'Enrolment' })

const reviewItemSchema = z
  .object({
    enrolmentId: z.string(),
    requirementId: z.string(),
    programId: z.string(),
    programTitle: z.string(),
    requirementTitle: z.string(),
    learner: z.object({ name: z.string(), email: z.string() }),
    status: z.enum(['pending', 'submitted', 'changes', 'rejected', 'met']),
    submission: z.object({ text: z.string().optional(), url: z.string().optional(), fileId: z.string().optional(), fileName: z.string().optional() }).nullable(),
    feedback: z.string(),
    supervision: z.string().nullable(),
    assignee: z.object({ id: z.string(), name: z.string() }).nullable(),
    dueAt: timestamp.nullable(),
    submittedAt: timestamp.nullable(),
  })
  .meta({ id: 'ReviewItem' })

export const catalogQuery = z.object({
  q: textQuery(200, 'Words in the title, summary or achievement'),
  skill: textQuery(2048, 'A skill URI: programs whose achievement aligns to it'),
  occupation: textQuery(2048, 'An occupation URI (ESCO, O*NET): programs covering any of its skills (ignored, with a `note`, where no occupations are imported)'),
  format: choiceQuery(['online', 'onsite', 'blended'] as const, '`online`, `onsite` or `blended`'),
  language: textQuery(8, 'An ISO 639-1 language code'),
  maxHours: wholeNumberQuery({ min: 1, max: 10_000, description: 'At most this many hours' }),
  free: choiceQuery(['true', 'false'] as const, '`true`: free programs only'),
  limit: wholeNumberQuery({ min: 1, max: 100, fallback: 24, description: 'Page size (1–100, default 24)' }),
  offset: wholeNumberQuery({ min: 0, max: 100_000, fallback: 0, description: 'How many to skip' }),
})
export const reviewsQuery = z.object({
  status: choiceQuery(['submitted', 'changes', 'met', 'rejected'] as const, 'Only this status (default: all)'),
  program: textQuery(100, 'Only this program’s id'),
  assignee: textQuery(100, 'Only reviews assigned to this member’s user id'),
})
export const staffActionInput = z
  .discriminatedUnion('action', [
    z.strictObject({
      action: z.literal('review'),
      decision: z.enum(['accept', 'changes', 'reject']),
      feedback: z.string().optional(),
      rubric: z.array(z.object({ criterion: z.string(), level: z.string() })).optional(),
      supervision: z.enum(['none', 'online-proctored', 'onsite-supervised', 'identity-verified']),
    }),
    z.strictObject({ action: z.literal('attendance') }),
    z.strictObject({ action: z.literal('assign'), assigneeId: z.string().nullable().optional(), dueAt: z.string().nullable().optional() }),
  ])
  .meta({ id: 'RequirementAction', description: 'An assessor’s review (accept / request changes / reject, with feedback, an optional rubric and how the assessment was supervised and the identity verified), attendance marked, or an assignment with a due date.' })
export const enrolmentActionInput = z.strictObject({ action: z.enum(['approve', 'decline', 'signoff']) }).meta({ id: 'EnrolmentAction' })
export const submissionBody = z.strictObject({ text: z.string().optional(), url: z.string().optional() }).meta({ id: 'Submission', description: 'Evidence or work for review: text and/or a link (files through the page).' })

const orgP = z.object({ org: orgParam })
const programP = z.object({ org: orgParam, id: idParam('The program’s id') })
const tags = ['Programs']

export const listPrograms = createRoute({
  method: 'get', path: '/api/v1/orgs/{org}/programs', operationId: 'listPrograms', tags, summary: 'The organization’s programs',
  description: `${needs('viewer')} Newest first, every state.`, security: ACCESS.read, request: { params: orgP },
  responses: { 200: json(listOf(programSchema.extend({ enrolled: z.number().int() })), 'The programs'), ...problems(401, 403, 404) },
})
export const createProgram = createRoute({
  method: 'post', path: '/api/v1/orgs/{org}/programs', operationId: 'createProgram', tags, summary: 'Create a program',
  description: `${needs('admin')} Created as a draft; publish it to list it in the catalog.`, security: ACCESS.write, request: { params: orgP, body: jsonBody(programInput) },
  responses: { 201: json(programSchema, 'Created'), ...problems(400, 401, 403, 404, 413, 415) },
})
export const getProgram = createRoute({
  method: 'get', path: '/api/v1/orgs/{org}/programs/{id}', operationId: 'getProgram', tags, summary: 'One program', description: needs('viewer'), security: ACCESS.read, request: { params: programP },
  responses: { 200: json(programSchema, 'The program'), ...problems(401, 403, 404) },
})
export const updateProgram = createRoute({
  method: 'put', path: '/api/v1/orgs/{org}/programs/{id}', operationId: 'updateProgram', tags, summary: 'Edit a program',
  description: `${needs('admin')} Requirements keep their ids when sent with them; a requirement learners already worked on is kept.`, security: ACCESS.write, request: { params: programP, body: jsonBody(programInput) },
  responses: { 200: json(programSchema, 'Saved'), ...problems(400, 401, 403, 404, 413, 415) },
})
export const setProgramState = createRoute({
  method: 'post', path: '/api/v1/orgs/{org}/programs/{id}/state', operationId: 'setProgramState', tags, summary: 'Publish, unpublish or archive',
  description: `${needs('admin')} Publishing needs a published achievement and at least one requirement.`, security: ACCESS.write,
  request: { params: programP, body: jsonBody(z.strictObject({ state: z.enum(['draft', 'published', 'archived']) }).meta({ id: 'ProgramStateInput' })) },
  responses: { 200: json(programSchema, 'The program'), ...problems(400, 401, 403, 404, [409, 'The achievement is not published, or the program has no requirements'], 413, 415) },
})
export const importScores = createRoute({
  method: 'post', path: '/api/v1/orgs/{org}/programs/{id}/scores', operationId: 'importScores', tags, summary: 'Import assessment scores',
  description: `${needs('issuer')} JSON, or \`text/csv\` with a header \`requirement,email,score\` (or \`enrolment\` instead of \`email\`). Scores at or above the threshold meet the requirement; a learner who has then met everything is awarded the credential.`,
  security: ACCESS.write, request: { params: programP, body: { required: true, content: { 'application/json': { schema: scoresInput }, 'text/csv': { schema: z.string() } } } },
  responses: { 200: json(z.object({ recorded: z.number().int(), met: z.number().int(), unknown: z.array(z.string()) }).meta({ id: 'ScoresImported' }), 'What was recorded'), ...problems(400, 401, 403, 404, 413, 415) },
})
export const listReviews = createRoute({
  method: 'get', path: '/api/v1/orgs/{org}/reviews', operationId: 'listReviews', tags, summary: 'The review queue',
  description: `${needs('issuer')} Work submitted for review, oldest submission first.`, security: ACCESS.read, request: { params: orgP, query: reviewsQuery },
  responses: { 200: json(listOf(reviewItemSchema), 'The queue'), ...problems(400, 401, 403, 404) },
})
export const actOnRequirement = createRoute({
  method: 'post', path: '/api/v1/orgs/{org}/enrolments/{id}/requirements/{requirement}', operationId: 'actOnRequirement', tags, summary: 'Review, mark attendance, or assign',
  description: `${needs('issuer')} When the last requirement is met the credential is issued (once), carrying the evidence and results.`, security: ACCESS.write,
  request: { params: z.object({ org: orgParam, id: idParam('The enrolment’s id'), requirement: idParam('The requirement’s id') }), body: jsonBody(staffActionInput) },
  responses: { 200: json(enrolmentSchema, 'The enrolment'), ...problems(400, 401, 403, 404, [409, 'Not in a state for this'], 413, 415) },
})
export const actOnEnrolment = createRoute({
  method: 'post', path: '/api/v1/orgs/{org}/enrolments/{id}', operationId: 'actOnEnrolment', tags, summary: 'Approve, decline, or sign off',
  description: `${needs('issuer')} Approve or decline a request to enrol; sign off a completed enrolment where the program asks for it.`, security: ACCESS.write,
  request: { params: z.object({ org: orgParam, id: idParam('The enrolment’s id') }), body: jsonBody(enrolmentActionInput) },
  responses: { 200: json(enrolmentSchema, 'The enrolment'), ...problems(400, 401, 403, 404, [409, 'Not in a state for this'], 413, 415) },
})
export const searchCatalog = createRoute({
  method: 'get', path: '/api/v1/catalog', operationId: 'searchCatalog', tags, summary: 'Search the catalog',
  description: 'Published programs of every organization, by title.', security: ACCESS.public, request: { query: catalogQuery },
  responses: { 200: json(z.object({ items: z.array(programSchema), total: z.number().int(), note: z.string().optional() }).meta({ id: 'Catalog' }), 'The programs'), ...problems(400) },
})
export const enrol = createRoute({
  method: 'post', path: '/api/v1/programs/{id}/enrolments', operationId: 'enrol', tags, summary: 'Enrol',
  description: 'Enrols the signed-in learner (or asks to, where the issuer approves). Enrolling again answers the existing enrolment.', security: ACCESS.personWrite,
  request: { params: z.object({ id: idParam('The program’s id') }) },
  responses: { 201: json(enrolmentSchema, 'Enrolled'), 200: json(enrolmentSchema, 'Already enrolled'), ...problems(401, 404, [409, 'The program is full']) },
})
export const myEnrolments = createRoute({
  method: 'get', path: '/api/v1/me/enrolments', operationId: 'myEnrolments', tags, summary: 'Your enrolments', description: 'With progress on each requirement.', security: ACCESS.personRead,
  responses: { 200: json(listOf(enrolmentSchema), 'Your enrolments'), ...problems(401) },
})
export const submitWork = createRoute({
  method: 'post', path: '/api/v1/me/enrolments/{id}/requirements/{requirement}', operationId: 'submitWork', tags, summary: 'Submit evidence or work, or check a credential',
  description: 'For `evidence` (met at once) and `review` (goes to the assessors) requirements: text and/or a link. For a `credential` requirement send `{}`: your wallet is checked for a verified credential of the achievement from a trusted issuer.',
  security: ACCESS.personWrite, request: { params: z.object({ id: idParam('The enrolment’s id'), requirement: idParam('The requirement’s id') }), body: jsonBody(submissionBody) },
  responses: { 200: json(enrolmentSchema, 'The enrolment'), ...problems(400, 401, 404, [409, 'Already decided, or not held'], 413, 415) },
})

export const programOperations = [listPrograms, createProgram, getProgram, updateProgram, setProgramState, importScores, listReviews, actOnRequirement, actOnEnrolment, searchCatalog, enrol, myEnrolments, submitWork]
