// Pathways (issue #12): the schemas and operations of routes/api/pathways.ts — an organization's
// pathways with step counts, a pathway's public description, and a learner's progress.
import { createRoute } from '@hono/zod-openapi'
import { z } from 'zod'
import { pathwayInput } from '../../app/pathways/pathway-input.js'
import { annotate } from '../openapi/annotate.js'
import { ACCESS, json, jsonBody, needs } from '../openapi/describe.js'
import { problems } from '../openapi/problem.js'
import { idParam, listOf, orgParam, timestamp } from './common.js'

annotate(pathwayInput, {
  id: 'PathwayInput',
  description: 'A pathway: the organization’s achievement (the target) issued to a learner who holds its parts.',
  fields: {
    achievementId: 'The target: one of the organization’s achievements, issued once the parts are held',
    title: 'At most 200 characters',
    summary: 'What the pathway is for (optional, at most 5,000 characters)',
    rule: '`all`: every part; `some`: `required` of them',
    required: 'With `some`: how many parts it takes (1 to the number of parts)',
    ordered: 'Whether the parts count only when earned in the listed order (by issuance date)',
    windowDays: 'The counted parts must all be issued within this many days (optional)',
    parts: 'The parts, in order (1–12): `achievementUrl`, the achievement’s id as its credentials name it (this instance’s achievements, other organizations’, or a trusted external issuer’s), and `name` (required for an external achievement)',
  },
})

const partSchema = z.object({
  position: z.number().int(),
  achievementUrl: z.string(),
  name: z.string(),
  issuerName: z.string().nullable().describe('The organization of this instance that defines it (null: an external achievement)'),
  imageUrl: z.string().nullable(),
  programs: z.array(z.object({ id: z.string(), title: z.string(), url: z.string() })).describe('Published programs of the catalog leading to it'),
})

const pathwayFields = {
  id: z.string(),
  url: z.string().describe('Its public page'),
  org: z.object({ slug: z.string(), name: z.string() }),
  achievementId: z.string().describe('The target achievement'),
  achievementName: z.string(),
  title: z.string(),
  summary: z.string(),
  rule: z.enum(['all', 'some']),
  required: z.number().int().describe('How many parts it takes'),
  ordered: z.boolean(),
  windowDays: z.number().int().nullable(),
  createdAt: timestamp,
  updatedAt: timestamp,
}

export const pathwaySchema = z
  .object({
    ...pathwayFields,
    parts: z.array(z.object({ position: z.number().int(), achievementUrl: z.string(), name: z.string() })),
    steps: z.array(z.number().int()).describe('`steps[i]`: how many learners hold i of the `required` parts (awarded learners at the last step)'),
  })
  .meta({ id: 'Pathway' })

export const publicPathwaySchema = z.object({ ...pathwayFields, parts: z.array(partSchema) }).meta({ id: 'PublicPathway' })

export const pathwayProgressSchema = z
  .object({
    pathway: publicPathwaySchema,
    parts: z.array(
      partSchema.extend({
        held: z.boolean(),
        credential: z.object({ name: z.string(), issuerName: z.string(), issuedAt: timestamp.nullable(), url: z.string().nullable() }).nullable(),
      }),
    ),
    held: z.number().int().describe('Distinct parts held'),
    counted: z.number().int().describe('Parts that count under the order and window rules'),
    required: z.number().int(),
    complete: z.boolean(),
    awarded: z.boolean(),
    credentialId: z.string().nullable().describe('The target credential, once issued'),
  })
  .meta({ id: 'PathwayProgress' })

const orgP = z.object({ org: orgParam })
const pathwayP = z.object({ org: orgParam, id: idParam('The pathway’s id') })
const tags = ['Pathways']

export const listPathways = createRoute({
  method: 'get', path: '/api/v1/orgs/{org}/pathways', operationId: 'listPathways', tags, summary: 'The organization’s pathways',
  description: `${needs('viewer')} Newest first, with how many learners are at each step.`, security: ACCESS.read, request: { params: orgP },
  responses: { 200: json(listOf(pathwaySchema), 'The pathways'), ...problems(401, 403, 404) },
})
export const createPathway = createRoute({
  method: 'post', path: '/api/v1/orgs/{org}/pathways', operationId: 'createPathway', tags, summary: 'Create a pathway',
  description: `${needs('admin')} Learners who hold the parts are issued the target automatically, once.`, security: ACCESS.write, request: { params: orgP, body: jsonBody(pathwayInput) },
  responses: { 201: json(pathwaySchema, 'Created'), ...problems(400, 401, 403, 404, 413, 415) },
})
export const getPathway = createRoute({
  method: 'get', path: '/api/v1/orgs/{org}/pathways/{id}', operationId: 'getPathway', tags, summary: 'One pathway', description: `${needs('viewer')} With its step counts.`, security: ACCESS.read, request: { params: pathwayP },
  responses: { 200: json(pathwaySchema, 'The pathway'), ...problems(401, 403, 404) },
})
export const updatePathway = createRoute({
  method: 'put', path: '/api/v1/orgs/{org}/pathways/{id}', operationId: 'updatePathway', tags, summary: 'Edit a pathway',
  description: `${needs('admin')} Targets already issued stay issued.`, security: ACCESS.write, request: { params: pathwayP, body: jsonBody(pathwayInput) },
  responses: { 200: json(pathwaySchema, 'Saved'), ...problems(400, 401, 403, 404, 413, 415) },
})
export const deletePathway = createRoute({
  method: 'delete', path: '/api/v1/orgs/{org}/pathways/{id}', operationId: 'deletePathway', tags, summary: 'Delete a pathway',
  description: `${needs('admin')} Credentials it issued stay valid.`, security: ACCESS.write, request: { params: pathwayP },
  responses: { 204: { description: 'Deleted' }, ...problems(401, 403, 404) },
})
export const getPublicPathway = createRoute({
  method: 'get', path: '/api/v1/pathways/{id}', operationId: 'getPublicPathway', tags, summary: 'What a pathway takes',
  description: 'A pathway whose target achievement is published: its parts, with the programs of the catalog leading to each.', security: ACCESS.public,
  request: { params: z.object({ id: idParam('The pathway’s id') }) },
  responses: { 200: json(publicPathwaySchema, 'The pathway'), ...problems(404) },
})
export const myPathways = createRoute({
  method: 'get', path: '/api/v1/me/pathways', operationId: 'myPathways', tags, summary: 'Your pathways',
  description: 'The pathways you have started (a part held, verified and from a trusted issuer), with the parts held and missing.', security: ACCESS.personRead,
  responses: { 200: json(listOf(pathwayProgressSchema), 'Your progress'), ...problems(401) },
})

export const pathwayOperations = [listPathways, createPathway, getPathway, updatePathway, deletePathway, getPublicPathway, myPathways]
