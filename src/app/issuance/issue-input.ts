// What an issuer says about one award, whichever way it arrives (API, form, CSV row), and the
// checks every way shares. Each check returns input issues (path, code, message) instead of
// throwing, so a form can show them beside its fields and a CSV row can record them.
import { isDateTimeZ, normalizeEmail, type ResultStatusType } from '../../core/credential/index.js'
import { RESULT_STATUS_TYPES } from '../../core/credential/index.js'
import { z } from 'zod'
import { describeIssues, parseInput, type InputIssue, type InputIssueCode } from '../platform/input-error.js'

/** Evidence of the learner's work: at least a URL or a narrative. */
export interface EvidenceInput {
  id?: string
  name?: string
  description?: string
  narrative?: string
  genre?: string
  audience?: string
}

/** A result against one of the achievement's result descriptions. */
export interface ResultInput {
  resultDescription?: string
  value?: string
  status?: ResultStatusType
  achievedLevel?: string
}

/** The learner and the optional parts of one award. */
export interface IssueDetails {
  recipient: { email: string; name: string; did?: string | undefined }
  evidence?: EvidenceInput[] | undefined
  results?: ResultInput[] | undefined
  /** A date-time with a time zone; defaults to the achievement's validity period. */
  validUntil?: string | undefined
  /** Whether the public page may show the learner's name (default true; the learner decides when claiming). */
  showName?: boolean | undefined
}

/** Longest name and e-mail we accept (RFC 5321 caps addresses at 254). */
export const LIMITS = { email: 254, name: 200, did: 2048, url: 2048, text: 10_000 } as const

// One @, no spaces or quotes, a dot in the domain: what a mail server would accept, without RFC 5322's corners.
const EMAIL = /^[^\s@"<>(),;:\\[\]]+@[^\s@"<>(),;:\\[\]]+\.[^\s@"<>(),;:\\[\].]{2,}$/
const DID = /^did:[a-z0-9]+:[A-Za-z0-9._:%-]+$/

type Problem = { code: InputIssueCode; message: string } | undefined

/** Checks an e-mail address; undefined when acceptable. */
export function emailIssue(email: string): Problem {
  const value = email.trim()
  if (value === '') return { code: 'required', message: 'Enter the learner’s e-mail address' }
  if (value.length > LIMITS.email) return { code: 'too_long', message: `An e-mail address has at most ${LIMITS.email} characters` }
  if (!EMAIL.test(value)) return { code: 'invalid_email', message: `"${value}" is not an e-mail address like name@example.org` }
  return undefined
}

/** Checks a learner's name; undefined when acceptable. */
export function nameIssue(name: string): Problem {
  const value = name.trim()
  if (value === '') return { code: 'required', message: 'Enter the learner’s name' }
  if (value.length > LIMITS.name) return { code: 'too_long', message: `A name has at most ${LIMITS.name} characters` }
  if (Array.from(value).some((ch) => ch < ' ' || ch === '\u007f')) return { code: 'invalid_characters', message: 'A name cannot contain control characters or line breaks' }
  return undefined
}

const isHttpUrl = (value: string) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol)

/**
 * Checks and normalizes one award: e-mail lower-cased and trimmed, name trimmed, empty optionals
 * dropped. `now` bounds validUntil (it must be later). Returns the details or the problems by field.
 */
export function checkIssueDetails(input: IssueDetails, now: Date): { ok: true; details: IssueDetails } | { ok: false; issues: InputIssue[] } {
  const issues: InputIssue[] = []
  const add = (path: string, code: InputIssueCode, message: string) => void issues.push({ path, code, message })
  const { recipient } = input
  const email = emailIssue(recipient.email)
  if (email) add('recipient.email', email.code, email.message)
  const name = nameIssue(recipient.name)
  if (name) add('recipient.name', name.code, name.message)
  const did = recipient.did?.trim() || undefined
  if (did && (did.length > LIMITS.did || !DID.test(did))) add('recipient.did', 'invalid_did', 'A DID looks like did:method:identifier, e.g. did:key:z6Mk…')
  const validUntil = input.validUntil?.trim() || undefined
  if (validUntil && !isDateTimeZ(validUntil)) add('validUntil', 'invalid_date', 'Give a date and time with a time zone, e.g. 2030-01-31T23:59:59Z')
  else if (validUntil && Date.parse(validUntil) <= now.getTime()) add('validUntil', 'too_small', 'The credential must stay valid past now')
  input.evidence?.forEach((e, i) => {
    if (e.id !== undefined && (e.id.length > LIMITS.url || !isHttpUrl(e.id))) add(`evidence.${i}.id`, 'invalid_url', 'Evidence links must be http(s) URLs')
    if (!e.id && !e.narrative && !e.name) add(`evidence.${i}`, 'required', 'Evidence needs a URL, a name or a narrative')
    for (const key of ['name', 'description', 'narrative', 'genre', 'audience'] as const)
      if ((e[key]?.length ?? 0) > LIMITS.text) add(`evidence.${i}.${key}`, 'too_long', `At most ${LIMITS.text} characters`)
  })
  input.results?.forEach((r, i) => {
    if (r.status !== undefined && !RESULT_STATUS_TYPES.includes(r.status)) add(`results.${i}.status`, 'invalid_choice', `One of ${RESULT_STATUS_TYPES.join(', ')}`)
    if (r.value === undefined && r.status === undefined && r.achievedLevel === undefined) add(`results.${i}`, 'required', 'A result needs a value, a status or an achieved level')
  })
  if (issues.length > 0) return { ok: false, issues }
  return {
    ok: true,
    details: {
      recipient: { email: normalizeEmail(recipient.email), name: recipient.name.trim(), ...(did ? { did } : {}) },
      ...(input.evidence?.length ? { evidence: input.evidence } : {}),
      ...(input.results?.length ? { results: input.results } : {}),
      ...(validUntil ? { validUntil } : {}),
      ...(input.showName === undefined ? {} : { showName: input.showName }),
    },
  }
}

/** The problems as one sentence, for an API error or a CSV row error. */
export const describeErrors = (issues: readonly InputIssue[]): string => describeIssues(issues)

const text = (max: number) => z.string().max(max, `must be at most ${max} characters`)

/** The JSON of one award (an API body, a form's fields): unknown fields are refused, never signed. */
export const issueBodySchema = z.strictObject({
  recipient: z.strictObject({ email: text(254), name: text(200), did: text(2048).optional() }),
  evidence: z
    .array(
      z.strictObject({
        id: text(2048).optional(),
        name: text(10_000).optional(),
        description: text(10_000).optional(),
        narrative: text(10_000).optional(),
        genre: text(200).optional(),
        audience: text(200).optional(),
      }),
    )
    .max(20, 'at most 20 pieces of evidence')
    .optional(),
  results: z
    .array(
      z.strictObject({
        resultDescription: text(2048).optional(),
        value: text(200).optional(),
        status: z.enum(RESULT_STATUS_TYPES).optional(),
        achievedLevel: text(2048).optional(),
      }),
    )
    .max(20, 'at most 20 results')
    .optional(),
  validUntil: text(40).optional(),
  showName: z.boolean().optional(),
})

/** An award's JSON checked against {@link issueBodySchema}; an InputError naming each field at fault. */
export const parseIssueBody = (input: unknown): IssueDetails => parseInput(issueBodySchema, input)
