// Input that cannot be used, field by field. Every edge shows the same issues: the API in its
// problem body (`errors: [{ path, code, message }]`), pages next to each field. `code` is a stable
// machine word a page may translate; `message` is the English text.
import type { z } from 'zod'
import { PlatformError, type ErrorCode } from '../../core/errors.js'

/** Stable machine codes of input issues (pages translate by these; never reword a code). */
export type InputIssueCode =
  | 'required'
  | 'too_long'
  | 'too_short'
  | 'too_many'
  | 'too_large'
  | 'too_small'
  | 'out_of_range'
  | 'too_weak'
  | 'invalid_email'
  | 'invalid_url'
  | 'invalid_date'
  | 'invalid_did'
  | 'invalid_format'
  | 'invalid_choice'
  | 'invalid_type'
  | 'invalid_characters'
  | 'unknown_field'
  | 'taken'
  | 'mismatch'
  | 'low_contrast'
  | 'invalid'

/** One problem with one field: its dotted path (`recipient.email`; '' for the whole input), a code and the English message. */
export interface InputIssue {
  path: string
  code: InputIssueCode
  message: string
}

/** The issues as one sentence: `path: message; …` (the whole input's path reads `(body)`). */
export const describeIssues = (issues: readonly InputIssue[]): string =>
  issues.map((i) => `${i.path === '' ? '(body)' : i.path}: ${i.message}`).join('; ')

/**
 * Input that cannot be used (ERR_INPUT_INVALID, or another code such as ERR_CONFLICT for a taken
 * slug), with its issues field by field. Edges show `issues`; `fields` keeps the first message per path.
 */
export class InputError extends PlatformError {
  override name = 'InputError'
  readonly issues: readonly InputIssue[]
  constructor(issues: readonly InputIssue[], options: { message?: string; code?: ErrorCode } = {}) {
    super(options.code ?? 'ERR_INPUT_INVALID', options.message ?? describeIssues(issues))
    this.issues = issues
  }

  /** The first message of each path, for a form that shows one message per field. */
  get fields(): Readonly<Record<string, string>> {
    const fields: Record<string, string> = {}
    for (const issue of this.issues) fields[issue.path] ??= issue.message
    return fields
  }
}

/** Refinement options that give a zod issue its input code: `.refine(ok, coded('too_long', 'use at most 100 characters'))`. */
export const coded = (code: InputIssueCode, message: string) => ({ message, params: { code } })

const FORMAT_CODES: Record<string, InputIssueCode> = { email: 'invalid_email', url: 'invalid_url', datetime: 'invalid_date', date: 'invalid_date' }

/** The input code of one zod issue. */
export function codeOf(issue: z.core.$ZodIssue): InputIssueCode {
  switch (issue.code) {
    case 'invalid_type':
      return /received undefined$/.test(issue.message) || issue.message === 'Required' ? 'required' : 'invalid_type'
    case 'too_big':
      return issue.origin === 'string' ? 'too_long' : issue.origin === 'array' || issue.origin === 'set' ? 'too_many' : 'too_large'
    case 'too_small':
      return issue.origin === 'string' ? (Number(issue.minimum) <= 1 ? 'required' : 'too_short') : issue.origin === 'array' ? 'required' : 'too_small'
    case 'invalid_format':
      return FORMAT_CODES[issue.format] ?? 'invalid_format'
    case 'invalid_value':
      return 'invalid_choice'
    case 'unrecognized_keys':
      return 'unknown_field'
    case 'custom': {
      const code = (issue.params as { code?: unknown } | undefined)?.code
      return typeof code === 'string' ? (code as InputIssueCode) : 'invalid'
    }
    default:
      return 'invalid'
  }
}

/** The input issues of a failed zod parse, in order (unknown keys: one issue at their object's path, naming them). */
export function issuesOfZod(error: z.ZodError, { rootPath = '' }: { rootPath?: string } = {}): InputIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || rootPath,
    code: codeOf(issue),
    message: issue.code === 'unrecognized_keys' ? `unknown field(s) ${issue.keys.join(', ')}` : issue.message,
  }))
}

/** `value` parsed by `schema`, or an InputError naming every field at fault. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, options: { message?: (issues: InputIssue[]) => string } = {}): z.output<S> {
  const result = schema.safeParse(value)
  if (result.success) return result.data
  const issues = issuesOfZod(result.error)
  throw new InputError(issues, options.message ? { message: options.message(issues) } : {})
}
