// The account API's request and response schemas and its operations (routes/api/account.ts).
import { createRoute } from '@hono/zod-openapi'
import { z } from 'zod'
import { ROLES } from '../../app/platform/roles.js'
import { ACCESS, header, json, jsonBody } from '../openapi/describe.js'
import { problems } from '../openapi/problem.js'
import { timestamp } from './common.js'

/** `POST /api/v1/sessions`: an e-mail address and password. */
export const credentialsBody = z
  .strictObject({
    email: z.string().max(1000).describe('The e-mail address of the account'),
    password: z.string().max(1000).describe('Its password'),
  })
  .meta({ id: 'SignIn' })

/** `PATCH /api/v1/me`: the fields a person may change about themselves. */
export const mePatch = z.strictObject({ name: z.string().max(1000).describe('Your name as organizations and learners see it') }).meta({ id: 'AccountChange' })

/** A user as the API shows it (never the password hash). */
export const userSchema = z
  .object({
    id: z.string(),
    email: z.string().describe('Normalized: trimmed and lower-cased'),
    name: z.string(),
    emailVerified: z.boolean().describe('Whether the address has been confirmed through the link e-mailed to it'),
    emailVerifiedAt: timestamp.nullable(),
    createdAt: timestamp,
  })
  .meta({ id: 'User' })

const membershipSchema = z.object({ id: z.string(), slug: z.string(), name: z.string(), role: z.enum(ROLES) })

/** `GET /api/v1/me`. */
export const meSchema = z.object({ user: userSchema, organizations: z.array(membershipSchema).describe('Every organization you belong to, with your role') }).meta({ id: 'Account' })

const sessionSchema = z.object({
  user: userSchema,
  csrfToken: z.string().describe('Echo as `X-CSRF-Token` on every write made with this session'),
  expiresAt: timestamp,
})

const tags = ['Account']

export const getMe = createRoute({
  method: 'get',
  path: '/api/v1/me',
  operationId: 'getMe',
  tags,
  summary: 'Your account',
  description: 'The signed-in person and every organization they belong to, with their role there.',
  security: ACCESS.personRead,
  responses: { 200: json(meSchema, 'Your account'), ...problems([401, 'Not signed in (API keys act for an organization, not a person)']) },
})

export const patchMe = createRoute({
  method: 'patch',
  path: '/api/v1/me',
  operationId: 'updateMe',
  tags,
  summary: 'Change your name',
  security: ACCESS.personWrite,
  request: { body: jsonBody(mePatch, { example: { name: 'Ada Lovelace' } }) },
  responses: { 200: json(meSchema, 'Your account, changed'), ...problems(400, 401, 403, 413) },
})

export const getCsrf = createRoute({
  method: 'get',
  path: '/api/v1/sessions/csrf',
  operationId: 'getCsrfToken',
  tags,
  summary: 'A CSRF token before sign-in',
  description: 'Sets the anonymous CSRF cookie (or keeps the session) and returns the token a cookie-based client echoes as `X-CSRF-Token`, e.g. to sign in.',
  security: ACCESS.public,
  responses: { 200: json(z.object({ csrfToken: z.string() }), 'The token to echo') },
})

export const createSession = createRoute({
  method: 'post',
  path: '/api/v1/sessions',
  operationId: 'signIn',
  tags,
  summary: 'Sign in',
  description: 'Signs in with an e-mail address and password and sets the session cookie. Attempts are rate limited per address and account (429 with `Retry-After`).',
  security: ACCESS.signIn,
  request: { body: jsonBody(credentialsBody, { example: { email: 'ada@example.org', password: 'correct horse battery staple' } }) },
  responses: {
    201: { ...json(sessionSchema, 'Signed in; the session cookie is set'), headers: { Location: header('`/api/v1/sessions/current`') } },
    ...problems(400, [401, 'Wrong e-mail address or password'], [403, 'The CSRF token is missing or wrong'], 413, 429),
  },
})

export const deleteSession = createRoute({
  method: 'delete',
  path: '/api/v1/sessions/current',
  operationId: 'signOut',
  tags,
  summary: 'Sign out',
  description: 'Ends this session and clears its cookie.',
  security: ACCESS.personWrite,
  responses: { 204: { description: 'Signed out' }, ...problems(401, 403) },
})

/** The account operations, in the order the reference lists them. */
export const accountOperations = [getMe, patchMe, getCsrf, createSession, deleteSession]
