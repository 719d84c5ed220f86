// Small builders for route descriptions (`createRoute` configs): who may call an operation, JSON
// and binary bodies, and the roles an organization route needs, worded the same everywhere.
import type { z } from 'zod'
import type { RoleName } from '../../app/platform/roles.js'
import { CSRF_COOKIE, SESSION_COOKIE } from '../auth/tokens.js'

/** The security schemes of the document (components.securitySchemes). */
export const SECURITY_SCHEMES = {
  apiKey: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'emb_<prefix>_<secret>',
    description: "An API key of one organization (create one under the organization's API keys), sent as `Authorization: Bearer emb_…`. It acts for that organization with the role it was given; it needs no CSRF token.",
  },
  session: {
    type: 'apiKey',
    in: 'cookie',
    name: SESSION_COOKIE,
    description: 'The session cookie `POST /api/v1/sessions` (or the sign-in page) sets, for scripts and single-page clients acting as a person. Writes with it also need `csrfToken`.',
  },
  csrfToken: {
    type: 'apiKey',
    in: 'header',
    name: 'X-CSRF-Token',
    description: "The session's CSRF token (returned by `POST /api/v1/sessions`, or before sign-in by `GET /api/v1/sessions/csrf`), echoed on every POST, PUT, PATCH and DELETE made with a cookie.",
  },
  anonymousCsrf: {
    type: 'apiKey',
    in: 'cookie',
    name: CSRF_COOKIE,
    description: 'The anonymous CSRF cookie `GET /api/v1/sessions/csrf` sets; its token goes in `X-CSRF-Token` to sign in.',
  },
} as const

type Requirement = Partial<Record<keyof typeof SECURITY_SCHEMES, string[]>>[]

/** Who may call an operation (an operation's `security`). */
export const ACCESS = {
  /** Anyone: no credentials. */
  public: [] as Requirement,
  /** An API key, or a signed-in person (reads). */
  read: [{ apiKey: [] }, { session: [] }] as Requirement,
  /** An API key, or a signed-in person echoing the CSRF token (writes). */
  write: [{ apiKey: [] }, { session: [], csrfToken: [] }] as Requirement,
  /** A signed-in person only (API keys act for an organization, not a person). */
  personRead: [{ session: [] }] as Requirement,
  /** A signed-in person only, echoing the CSRF token. */
  personWrite: [{ session: [], csrfToken: [] }] as Requirement,
  /** Before sign-in: the anonymous CSRF cookie and its token echoed. */
  signIn: [{ anonymousCsrf: [], csrfToken: [] }, { session: [], csrfToken: [] }] as Requirement,
}

/** The sentence an organization operation's description starts with: who may call it. */
export const needs = (role: RoleName): string =>
  role === 'viewer' ? 'Any member of the organization (or one of its API keys) may call this.' : `Needs the **${role}** role or above in the organization (an API key with that role, or a member).`

/** A JSON response (or request body) with `schema`, optionally with an example. */
export const json = <S extends z.ZodType>(schema: S, description: string, example?: unknown) => ({
  description,
  content: { 'application/json': { schema, ...(example === undefined ? {} : { example }) } },
})

/** A JSON request body: `schema`, required unless the operation accepts an empty body. */
export const jsonBody = <S extends z.ZodType>(schema: S, { description, example, required = true }: { description?: string; example?: unknown; required?: boolean } = {}) => ({
  required,
  ...(description ? { description } : {}),
  content: { 'application/json': { schema, ...(example === undefined ? {} : { example }) } },
})

/** A body of raw bytes in one of `mediaTypes` (an image, a CSV file, a PDF). */
export const bytes = (schema: z.ZodType, mediaTypes: readonly string[], description: string) => ({
  description,
  content: Object.fromEntries(mediaTypes.map((type) => [type, { schema }])),
})

/** A response header's description. */
export const header = (description: string) => ({ description, schema: { type: 'string' as const } })
