// LTI 1.3: the schemas and operations of routes/api/lti.ts (an organization's learning platforms and courses).
import { createRoute } from '@hono/zod-openapi'
import { z } from 'zod'
import { ltiPlatformInput } from '../../app/lti/lti-use-cases.js'
import { annotate } from '../openapi/annotate.js'
import { ACCESS, json, jsonBody, needs } from '../openapi/describe.js'
import { problems } from '../openapi/problem.js'
import { idParam, orgParam, timestamp } from './common.js'

annotate(ltiPlatformInput, {
  id: 'NewLtiPlatform',
  description: 'An LTI 1.3 platform (Moodle, Canvas…) as its tool registration page shows it.',
  fields: {
    name: 'What you call it (optional; the issuer’s host by default)',
    issuer: 'The platform’s issuer (`iss` of its launches)',
    clientId: 'The client id the platform gave Emblem (`aud` of its launches)',
    authLoginUrl: 'The platform’s OIDC authentication request URL',
    tokenUrl: 'The platform’s OAuth 2 access token URL (AGS and NRPS)',
    jwksUrl: 'The platform’s public keyset URL',
    deploymentIds: 'The deployment ids launches may carry (a list, or one string separated by commas)',
  },
})

const platformSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    issuer: z.string(),
    clientId: z.string(),
    authLoginUrl: z.string(),
    tokenUrl: z.string(),
    jwksUrl: z.string(),
    deploymentIds: z.array(z.string()),
    createdAt: timestamp,
  })
  .meta({ id: 'LtiPlatform' })

const toolSchema = z
  .object({
    loginUrl: z.string().describe('OIDC login initiation URL'),
    launchUrl: z.string().describe('Target link / launch URL'),
    deepLinkUrl: z.string().describe('Deep linking request URL'),
    jwksUrl: z.string().describe('The tool’s public keyset (RS256)'),
    redirectUris: z.array(z.string()),
  })
  .meta({ id: 'LtiToolConfig' })

const courseSchema = z
  .object({
    id: z.string(),
    platformId: z.string(),
    contextId: z.string().describe('The platform’s context id'),
    title: z.string(),
    label: z.string(),
    agsAvailable: z.boolean(),
    nrpsAvailable: z.boolean(),
    lastSyncAt: timestamp.nullable(),
    lastSyncError: z.string().nullable(),
    updatedAt: timestamp,
  })
  .meta({ id: 'LtiCourse' })

const syncSchema = z.object({ members: z.number().int(), results: z.number().int(), issued: z.number().int().describe('Credentials issued by this sync (each person earns each mapped achievement once)') }).meta({ id: 'LtiSyncOutcome' })

const org = z.object({ org: orgParam })
const TAGS = ['LTI']

export const listLtiPlatforms = createRoute({
  method: 'get', path: '/api/v1/orgs/{org}/lti/platforms', operationId: 'listLtiPlatforms', tags: TAGS,
  summary: 'LTI platforms', description: `${needs('admin')} The registered platforms and the tool's own URLs to register in them.`,
  security: ACCESS.read, request: { params: org },
  responses: { 200: json(z.object({ items: z.array(platformSchema), tool: toolSchema }), 'The platforms'), ...problems(401, 403, 404) },
})
export const createLtiPlatform = createRoute({
  method: 'post', path: '/api/v1/orgs/{org}/lti/platforms', operationId: 'createLtiPlatform', tags: TAGS,
  summary: 'Register a platform', description: `${needs('admin')} Launches from it are accepted from now on. At most 20 per organization.`,
  security: ACCESS.write, request: { params: org, body: jsonBody(ltiPlatformInput) },
  responses: { 201: json(platformSchema, 'Registered'), ...problems(400, 401, 403, 404, [409, 'This issuer and client id are registered already'], 413, 415) },
})
export const deleteLtiPlatform = createRoute({
  method: 'delete', path: '/api/v1/orgs/{org}/lti/platforms/{id}', operationId: 'deleteLtiPlatform', tags: TAGS,
  summary: 'Remove a platform', description: `${needs('admin')} With its courses and mappings (credentials issued stay).`,
  security: ACCESS.write, request: { params: z.object({ org: orgParam, id: idParam('The platform’s id') }) },
  responses: { 204: { description: 'Removed' }, ...problems(401, 403, [404, 'No such organization or platform']) },
})
export const listLtiCourses = createRoute({
  method: 'get', path: '/api/v1/orgs/{org}/lti/courses', operationId: 'listLtiCourses', tags: TAGS,
  summary: 'Courses launched', description: `${needs('admin')} The courses (LTI contexts) Emblem was launched from, newest first.`,
  security: ACCESS.read, request: { params: org },
  responses: { 200: json(z.object({ items: z.array(courseSchema) }), 'The courses'), ...problems(401, 403, 404) },
})
export const syncLtiCourse = createRoute({
  method: 'post', path: '/api/v1/orgs/{org}/lti/courses/{id}/sync', operationId: 'syncLtiCourse', tags: TAGS,
  summary: 'Sync grades now', description: `${needs('admin')} Reads the course's members (NRPS) and results (AGS) from the platform and issues what they earned, exactly once per person and achievement.`,
  security: ACCESS.write, request: { params: z.object({ org: orgParam, id: idParam('The course’s id') }) },
  responses: { 200: json(syncSchema, 'Synced'), ...problems(401, 403, [404, 'No such organization or course'], [502, 'The platform could not be reached']) },
})

/** The LTI operations. */
export const ltiOperations = [listLtiPlatforms, createLtiPlatform, deleteLtiPlatform, listLtiCourses, syncLtiCourse]
