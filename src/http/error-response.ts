import type { Context, ErrorHandler, NotFoundHandler } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { PlatformError, type ErrorCode } from '../core/errors.js'
import { InputError, type InputIssue } from '../app/platform/input-error.js'
import { storageFailureOf } from '../core/storage-failure.js'
import type { Logger } from './logger.js'

/** Codes a problem body can carry: the platform's, plus the ones only the HTTP edge produces. */
export type ProblemCode = ErrorCode | 'ERR_REQUEST_INVALID' | 'ERR_INTERNAL'

/** An RFC 9457 problem details body; `code` is the stable machine-readable part, `errors` the fields at fault (400/422 input). */
export interface Problem {
  type: string
  title: string
  status: number
  detail: string
  code: ProblemCode
  errors?: readonly InputIssue[]
}

type Mapping = readonly [status: ContentfulStatusCode, title: string]

/** Seconds a client is told to wait (Retry-After) when the database is away: a restart takes a few. */
export const STORE_RETRY_AFTER_SECONDS = 5

/** HTTP status and title of every PlatformError code. A Record: a new code does not compile until it is mapped here. */
const problemOf: Record<ErrorCode, Mapping> = {
  ERR_INPUT_INVALID: [400, 'Invalid input'],
  ERR_INPUT_TOO_LARGE: [413, 'Input too large'],
  ERR_INPUT_TOO_DEEP: [400, 'Input nested too deeply'],
  ERR_ARRAY_TOO_LONG: [400, 'Input array too long'],
  ERR_JSON_PARSE: [400, 'Malformed JSON'],
  ERR_CONTEXT_UNKNOWN: [422, 'Unknown JSON-LD context'],
  ERR_CONTEXT_INTEGRITY: [500, 'Bundled JSON-LD context failed its integrity check'],
  ERR_JSONLD: [422, 'JSON-LD processing failed'],
  ERR_KEY_INVALID: [422, 'Invalid key'],
  ERR_KEY_UNAVAILABLE: [503, 'Signing key unavailable'],
  ERR_PROOF_INVALID: [422, 'Invalid proof'],
  ERR_DID_UNSUPPORTED: [422, 'Unsupported DID method'],
  ERR_DID_RESOLUTION: [502, 'DID resolution failed'],
  ERR_FETCH_FAILED: [502, 'Remote fetch failed'],
  ERR_FETCH_BLOCKED: [422, 'Remote fetch refused'],
  ERR_STATUS_LIST_INVALID: [422, 'Invalid status list'],
  ERR_STATUS_INDEX_OUT_OF_RANGE: [422, 'Status index out of range'],
  ERR_STATUS_LIST_MULTIBASE: [422, 'Status list is not multibase base64url'],
  ERR_STATUS_LIST_BASE64URL: [422, 'Status list is not valid base64url'],
  ERR_STATUS_LIST_GZIP: [422, 'Status list is not valid GZIP'],
  ERR_STATUS_LIST_TOO_LARGE: [422, 'Status list too large'],
  ERR_STATUS_LIST_LENGTH: [422, 'Status list has the wrong length'],
  ERR_UNSUPPORTED_SUITE: [422, 'Unsupported cryptosuite'],
  ERR_LOG_INCONSISTENT: [500, 'Transparency log inconsistent'],
  ERR_STORE_UNAVAILABLE: [503, 'Database unavailable'],
  ERR_STORAGE_FULL: [507, 'Insufficient storage'],
  ERR_STORE_READ_ONLY: [503, 'Database read-only'],
  ERR_NOTE_INVALID: [422, 'Invalid signed note'],
  ERR_LOG_UNAVAILABLE: [503, 'Transparency log unavailable'],
  ERR_CREDENTIAL_EXISTS: [409, 'Credential already stored'],
  ERR_UNAUTHENTICATED: [401, 'Authentication required'],
  ERR_FORBIDDEN: [403, 'Forbidden'],
  ERR_NOT_FOUND: [404, 'Not found'],
  ERR_CONFLICT: [409, 'Conflict'],
  ERR_RATE_LIMITED: [429, 'Too many requests'],
  ERR_CSRF: [403, 'Form expired or forged'],
  ERR_IMAGE_INVALID: [422, 'Invalid image'],
  ERR_CSV_INVALID: [400, 'Invalid CSV'],
  ERR_IDEMPOTENCY_CONFLICT: [422, 'Idempotency-Key reused with a different request'],
  ERR_STATE_INVALID: [409, 'Not allowed in the current state'],
  ERR_MAIL_FAILED: [502, 'E-mail delivery failed'],
  ERR_TOKEN_INVALID: [400, 'Invalid or expired link'],
}

/** The HTTP status a PlatformError code is answered with. */
export const statusOf = (code: ErrorCode): ContentfulStatusCode => problemOf[code][0]

/** A stable, non-dereferenceable problem type URI per code. */
export const problemType = (code: ProblemCode): string => `urn:emblem:problem:${code.toLowerCase().replace(/_/g, '-')}`

/** Renders a problem as an HTML page for browsers (set by the composition root). */
export type HtmlProblemRenderer = (c: Context, problem: Problem) => Response | Promise<Response>
let renderHtmlProblem: HtmlProblemRenderer | undefined
export const setHtmlProblemRenderer = (render: HtmlProblemRenderer | undefined): void => void (renderHtmlProblem = render)

/** True for a browser navigation: it asks for HTML first and is not an API path. */
const wantsHtml = (c: Context): boolean => {
  const path = new URL(c.req.url).pathname
  if (path.startsWith('/api/') || path.startsWith('/log/') || path.startsWith('/ims/')) return false
  const accept = c.req.header('accept') ?? ''
  return /text\/html/.test(accept) && !/^application\/(json|problem\+json|vc|ld\+json)/.test(accept)
}

/** An `application/problem+json` response; for a browser navigation, the HTML error page instead. */
export function problemResponse(
  c: Context,
  status: ContentfulStatusCode,
  code: ProblemCode,
  title: string,
  detail: string,
  errors?: readonly InputIssue[],
): Response | Promise<Response> {
  const problem: Problem = { type: problemType(code), title, status, detail, code, ...(errors && errors.length > 0 ? { errors } : {}) }
  c.header('Cache-Control', 'no-store')
  if (renderHtmlProblem && wantsHtml(c)) return renderHtmlProblem(c, problem)
  return c.body(JSON.stringify(problem), status, { 'Content-Type': 'application/problem+json' })
}

/** Unknown routes answer 404 as a problem. */
export const notFound: NotFoundHandler = (c) =>
  problemResponse(c, 404, 'ERR_NOT_FOUND', 'Not found', `No resource at ${c.req.method} ${new URL(c.req.url).pathname}`)

/**
 * The one error handler: PlatformErrors become their mapped problem (an InputError's issues as
 * `errors: [{ path, code, message }]`), Hono's HTTP exceptions keep
 * their status, anything else is logged and answered 500 without details. No stack ever leaves.
 */
export const createErrorHandler =
  (log: Logger): ErrorHandler =>
  (err, c) => {
    // A full disk or a read-only database (SQLite, PostgreSQL or a file): a clear 507/503, not a 500 with a stack.
    err = storageFailureOf(err) ?? err
    if (err instanceof PlatformError) {
      const [status, title] = problemOf[err.code]
      if (err.code === 'ERR_STORE_UNAVAILABLE' || err.code === 'ERR_STORAGE_FULL' || err.code === 'ERR_STORE_READ_ONLY') {
        // Expected while the database restarts (or until an operator frees space or makes it writable):
        // a warning (with its cause), and when to try again.
        log.warn(err.message, { code: err.code, cause: err.cause instanceof Error ? err.cause.message : String(err.cause) })
        c.header('Retry-After', String(STORE_RETRY_AFTER_SECONDS))
      } else if (status >= 500) log.error(err.message, { code: err.code, stack: err.stack })
      return problemResponse(c, status, err.code, title, err.message, err instanceof InputError ? err.issues : undefined)
    }
    if (err instanceof HTTPException && err.status < 500) {
      const status = err.status as ContentfulStatusCode
      return problemResponse(c, status, 'ERR_REQUEST_INVALID', 'Invalid request', err.message || 'The request could not be processed')
    }
    log.error('Unhandled error', { method: c.req.method, path: new URL(c.req.url).pathname, error: String(err), stack: err instanceof Error ? err.stack : undefined })
    return problemResponse(c, 500, 'ERR_INTERNAL', 'Internal error', 'The server failed to process the request')
  }
