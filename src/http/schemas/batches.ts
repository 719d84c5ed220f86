// Bulk issuance and activity: schemas and operations (routes/api/issuance.ts, routes/api/dashboard.ts).
import { createRoute } from '@hono/zod-openapi'
import { z } from 'zod'
import { ACCESS, bytes, header, json, needs } from '../openapi/describe.js'
import { problems } from '../openapi/problem.js'
import { binary, cursorQuery, idParam, orgParam, pageOf, timestamp, wholeNumberQuery } from './common.js'

/** A batch as the API shows it, with its progress from 0 to 1. */
export const batchSchema = z
  .object({
    id: z.string(),
    orgId: z.string(),
    achievementId: z.string(),
    fileDigest: z.string().describe('SHA-256 of the CSV file; the same file for the same achievement starts no second batch'),
    fileName: z.string(),
    state: z.enum(['queued', 'running', 'done', 'failed']),
    totalRows: z.number().int().describe('Learner rows in the file (the header excluded)'),
    nextRow: z.number().int().describe('Rows handled so far'),
    issued: z.number().int(),
    failed: z.number().int().describe('Rows not issued; see `errors` and the error report'),
    error: z.string().nullable().describe('Why the whole batch failed, if it did'),
    createdBy: z.string().nullable(),
    createdAt: timestamp,
    updatedAt: timestamp,
    progress: z.number().min(0).max(1),
  })
  .meta({ id: 'Batch' })

const rowErrorSchema = z.object({ row: z.number().int().describe('The record number, the header being row 1'), email: z.string(), message: z.string() }).meta({ id: 'RowError' })

/** `GET …/batches` query. */
export const listBatchesQuery = z.object({
  limit: wholeNumberQuery({ min: 1, max: 200, fallback: 50, description: 'How many per page' }),
  cursor: cursorQuery,
})

/** `POST …/batches` query. */
export const startBatchQuery = z.object({ name: z.string().optional().describe('The file name to show, when there is no Content-Disposition') })

/** `GET …/activity` query. */
export const activityQuery = z.object({
  days: wholeNumberQuery({ min: 1, max: 366, fallback: 30, description: 'How many days back, today included' }),
})

const counts = {
  issued: z.number().int(),
  claimed: z.number().int(),
  revoked: z.number().int(),
  verified: z.number().int().describe('Verification reports asked for (the verification API, verifiers), members of the organization not counted'),
}

const activitySchema = z
  .object({
    totals: z
      .object({ ...counts, verifiedInBrowser: z.number().int().describe('Of `verified`: those made in a visitor’s browser on /verify and reported by it'), views: z.number().int().describe('Views of the public credential pages, members of the organization not counted'), suspended: z.number().int(), batches: z.number().int(), achievements: z.number().int() })
      .describe('All-time totals'),
    days: z
      .array(z.object({ date: z.string().meta({ format: 'date' }), ...counts, viewed: z.number().int().describe('Views of the public credential pages that day, members not counted') }))
      .describe('One entry per day (UTC), oldest first, days without events as zeros'),
  })
  .meta({ id: 'Activity' })

const org = z.object({ org: orgParam })
const batch = z.object({ org: orgParam, id: idParam('The batch id') })
const tags = ['Batches']

const CSV = [
  'A header row naming the columns (any order, case-insensitive, other columns ignored): `email` and `name` (required),',
  '`did`, `validUntil`, `evidenceUrl`, `evidenceNarrative`; then one learner per row. Name the file with',
  '`Content-Disposition: attachment; filename="…"` or `?name=`.',
].join(' ')

export const startBatch = createRoute({
  method: 'post',
  path: '/api/v1/orgs/{org}/achievements/{achievement}/batches',
  operationId: 'startBatch',
  tags,
  summary: 'Issue from a CSV file',
  description: `${needs('issuer')} Stores and scans the file and queues one credential per row, issued in the background. Sending the same file again for the same achievement answers the existing batch (200) instead of issuing twice.`,
  security: ACCESS.write,
  request: {
    params: z.object({ org: orgParam, achievement: idParam('The achievement id (published)') }),
    query: startBatchQuery,
    body: { required: true, ...bytes(binary, ['text/csv'], CSV) },
  },
  responses: {
    202: { ...json(batchSchema, 'Queued'), headers: { Location: header('The batch') } },
    200: { ...json(batchSchema, 'This file was already sent for this achievement: the existing batch'), headers: { Location: header('The batch') } },
    ...problems([400, 'Not a CSV file with an email and name header'], 401, 403, 404, [409, 'The achievement is not published'], [413, 'The file is larger than 256 MB']),
  },
})

export const listBatches = createRoute({
  method: 'get',
  path: '/api/v1/orgs/{org}/batches',
  operationId: 'listBatches',
  tags,
  summary: 'Batches',
  description: `${needs('viewer')} Newest first.`,
  security: ACCESS.read,
  request: { params: org, query: listBatchesQuery },
  responses: { 200: json(pageOf(batchSchema), 'A page of batches'), ...problems(400, 401, 404) },
})

export const getBatch = createRoute({
  method: 'get',
  path: '/api/v1/orgs/{org}/batches/{id}',
  operationId: 'getBatch',
  tags,
  summary: 'A batch and its progress',
  description: `${needs('viewer')} Poll it while \`state\` is queued or running.`,
  security: ACCESS.read,
  request: { params: batch },
  responses: {
    200: json(batchSchema.extend({ errors: z.array(rowErrorSchema).describe('The first 100 rows not issued'), errorReport: z.string().describe('Path of the full error report (CSV)') }), 'The batch'),
    ...problems(401, 404),
  },
})

export const getBatchErrors = createRoute({
  method: 'get',
  path: '/api/v1/orgs/{org}/batches/{id}/errors.csv',
  operationId: 'getBatchErrorReport',
  tags,
  summary: 'Error report (CSV)',
  description: `${needs('viewer')} Every row not issued, with why: the columns of the upload plus \`error\`, ready to fix and send again.`,
  security: ACCESS.read,
  request: { params: batch },
  responses: { 200: bytes(z.string(), ['text/csv'], 'The report'), ...problems(401, 404) },
})

export const getActivity = createRoute({
  method: 'get',
  path: '/api/v1/orgs/{org}/activity',
  operationId: 'getActivity',
  tags: ['Activity'],
  summary: 'Activity per day',
  description: `${needs('viewer')} Issued, claimed, revoked, verified and viewed per day over the last \`days\` days, with all-time totals.`,
  security: ACCESS.read,
  request: { params: org, query: activityQuery },
  responses: { 200: json(activitySchema, 'The activity'), ...problems(400, 401, 404) },
})

/** The batch and activity operations. */
export const batchOperations = [startBatch, listBatches, getBatch, getBatchErrors]
export const activityOperations = [getActivity]
