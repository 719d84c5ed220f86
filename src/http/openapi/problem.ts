// The error body every 4xx and 5xx answer carries (RFC 9457 problem details, the `Problem` of
// error-response.ts), as the OpenAPI document shows it: one shared component, referenced by every
// error response.
import { z } from 'zod'

/** One field at fault: its dotted path, a stable code and the English message. */
export const inputIssueSchema = z
  .object({
    path: z.string().describe('The field at fault, dotted (`recipient.email`, `evidence.0.id`); empty or `body` for the whole body'),
    code: z.string().describe('A stable machine word to translate or branch on: `required`, `too_long`, `invalid_email`, `invalid_choice`, `unknown_field`, …'),
    message: z.string().describe('What is wrong, in English'),
  })
  .meta({ id: 'InputIssue', description: 'One field at fault in a request.' })

/** The problem+json body of every error answer. */
export const problemSchema = z
  .object({
    type: z.string().describe('A stable URN naming the kind of problem (`urn:emblem:problem:err-not-found`); not dereferenceable'),
    title: z.string().describe('A short summary of the kind of problem'),
    status: z.number().int().describe('The HTTP status code'),
    detail: z.string().describe('What went wrong with this request, in English'),
    code: z.string().describe('The stable machine-readable code (`ERR_INPUT_INVALID`, `ERR_NOT_FOUND`, `ERR_CONFLICT`, …)'),
    errors: z.array(inputIssueSchema).optional().describe('For invalid input: every field at fault'),
  })
  .meta({
    id: 'Problem',
    description: 'RFC 9457 problem details (`application/problem+json`). Branch on `code` (and on `errors[].code` for input), never on the English text.',
    examples: [
      {
        type: 'urn:emblem:problem:err-input-invalid',
        title: 'Invalid input',
        status: 400,
        detail: 'recipient.email: Enter the learner’s e-mail address',
        code: 'ERR_INPUT_INVALID',
        errors: [{ path: 'recipient.email', code: 'required', message: 'Enter the learner’s e-mail address' }],
      },
    ],
  })

/** What each error status means across the API (operations add their own where it differs). */
const MEANING: Record<number, string> = {
  400: 'Invalid input: `errors` names each field at fault',
  401: 'Not signed in, or the API key is unknown or revoked',
  403: 'Signed in, but your role does not allow this (or the CSRF token is missing)',
  404: 'No such resource, or not one you can see',
  409: 'Conflicts with the current state (someone else changed it, or the name is taken)',
  413: 'The body is larger than this operation accepts',
  415: 'The body is not of a media type this operation accepts',
  422: 'Understood but refused (an invalid image, a reused Idempotency-Key, …)',
  429: 'Too many attempts; `Retry-After` says when to try again',
  502: 'A remote document could not be fetched',
  503: 'A service this operation needs is unavailable',
}

/** A response whose body is a Problem. */
export const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: problemSchema } } })

/**
 * Error responses by status, each a Problem: `problems(400, 404)`, or with an operation's own
 * words, `problems(400, [409, 'The slug is taken'])`.
 */
export function problems(...statuses: (number | [number, string])[]): Record<number, ReturnType<typeof problem>> {
  return Object.fromEntries(
    statuses.map((entry) => {
      const [status, description] = Array.isArray(entry) ? entry : [entry, MEANING[entry] ?? 'Error']
      return [status, problem(description)]
    }),
  )
}
