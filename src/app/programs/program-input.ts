// What a program's editor sends (the API's JSON, the form's fields turned into it) and the checks
// both share. Numbers and booleans may come as form strings; empty strings are "not given".
import { z } from 'zod'
import { coded } from '../platform/input-error.js'

const blank = (v: unknown) => (v === '' || v === null ? undefined : v)
const text = (max: number, required = true) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? v.replace(/\r\n?/g, '\n').trim() : v),
    required ? z.string('required').min(1, coded('required', 'required')).max(max, `at most ${max} characters`) : z.string('must be text').max(max, `at most ${max} characters`).default(''),
  )
const wholeNumber = (min: number, max: number) => z.number('must be a whole number').int('must be a whole number').min(min, `at least ${min}`).max(max, `at most ${max}`)
const toNumber = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? Number(v) : blank(v))
const int = (min: number, max: number) => z.preprocess(toNumber, wholeNumber(min, max))
const optionalInt = (min: number, max: number) => z.preprocess(toNumber, wholeNumber(min, max).optional())
const bool = z.preprocess((v) => (v === 'on' || v === 'true' || v === '1' ? true : v === 'false' || v === '0' || v === '' ? false : v), z.boolean('true or false'))
const date = z.preprocess(blank, z.string().regex(/^\d{4}-\d{2}-\d{2}$/, coded('invalid_date', 'a date as YYYY-MM-DD')).optional())

/** The languages a program may be taught in (ISO 639-1). */
export const PROGRAM_LANGUAGES = ['en', 'de', 'fr', 'es', 'nl', 'it', 'pt', 'pl', 'sv', 'da', 'fi', 'cs', 'el', 'hu', 'ro'] as const
export const CURRENCIES = ['EUR', 'USD', 'GBP', 'CHF', 'SEK', 'DKK', 'PLN', 'CZK', 'NOK'] as const

export const requirementInput = z.strictObject({
  id: z.preprocess(blank, z.string().max(100).optional()),
  kind: z.enum(['evidence', 'score', 'review', 'attendance', 'credential'], { message: 'one of evidence, score, review, attendance, credential' }),
  title: text(200),
  threshold: z.preprocess((v) => (typeof v === 'string' && v.trim() !== '' ? Number(v) : blank(v)), z.number('a number from 0 to 100').min(0, 'at least 0').max(100, 'at most 100').optional()),
  achievementUrl: z.preprocess(blank, z.url('an absolute URL or DID').max(2048).optional()),
  rubric: z.array(text(200)).max(10, 'at most 10 criteria').optional(),
})

export const programInput = z
  .strictObject({
    achievementId: text(100),
    title: text(200),
    summary: text(5000),
    format: z.enum(['online', 'onsite', 'blended'], { message: 'one of online, onsite, blended' }),
    hours: int(1, 10_000),
    durationWeeks: optionalInt(1, 520),
    selfPaced: bool.default(false),
    startsOn: date,
    endsOn: date,
    price: z.preprocess((v) => (typeof v === 'string' && v.trim() !== '' ? Number(v.replace(',', '.')) : blank(v)), z.number('a price such as 49.50').min(0, 'at least 0').max(1_000_000, 'at most 1,000,000').optional()),
    currency: z.preprocess(blank, z.enum(CURRENCIES, { message: `one of ${CURRENCIES.join(', ')}` }).default('EUR')),
    language: z.enum(PROGRAM_LANGUAGES, { message: 'a language code such as en or de' }),
    prerequisites: text(2000, false),
    seats: optionalInt(1, 100_000),
    enrolmentMode: z.enum(['open', 'approval'], { message: 'open or approval' }).default('open'),
    finalSignoff: bool.default(false),
    requirements: z.array(requirementInput).max(20, 'at most 20 requirements').default([]),
  })
  .superRefine((p, ctx) => {
    if (!p.selfPaced && !p.startsOn) ctx.addIssue({ code: 'custom', path: ['startsOn'], message: 'give a start date, or make it self-paced', params: { code: 'required' } })
    if (p.startsOn && p.endsOn && p.endsOn < p.startsOn) ctx.addIssue({ code: 'custom', path: ['endsOn'], message: 'must not be before the start', params: { code: 'too_small' } })
    p.requirements.forEach((r, i) => {
      if (r.kind === 'score' && r.threshold === undefined) ctx.addIssue({ code: 'custom', path: ['requirements', i, 'threshold'], message: 'give the least score that passes', params: { code: 'required' } })
      if (r.kind === 'credential' && !r.achievementUrl) ctx.addIssue({ code: 'custom', path: ['requirements', i, 'achievementUrl'], message: 'give the achievement the learner must hold', params: { code: 'required' } })
    })
  })

export type ProgramInput = z.output<typeof programInput>

/** What a learner submits for an evidence or review requirement (a file comes apart, as bytes). */
export const submissionInput = z.strictObject({
  text: z.preprocess(blank, z.string().trim().max(10_000, 'at most 10,000 characters').optional()),
  url: z.preprocess(blank, z.url({ protocol: /^https?$/, message: 'an http(s) link' }).max(2048).optional()),
})

/** An assessor's decision on a review requirement. */
export const reviewInput = z.strictObject({
  decision: z.enum(['accept', 'changes', 'reject'], { message: 'accept, changes or reject' }),
  feedback: text(5000, false),
  rubric: z.array(z.strictObject({ criterion: text(200), level: text(100) })).max(10).optional(),
  supervision: z.enum(['none', 'online-proctored', 'onsite-supervised', 'identity-verified'], { message: 'none, online-proctored, onsite-supervised or identity-verified' }),
})

/** Assigning a review and its due date. */
export const assignInput = z.strictObject({
  assigneeId: z.preprocess(blank, z.string().max(100).nullable().optional()),
  dueAt: z.preprocess(blank, z.string().regex(/^\d{4}-\d{2}-\d{2}$/, coded('invalid_date', 'a date as YYYY-MM-DD')).nullable().optional()),
})

/** Scores imported by API (JSON) or CSV: by enrolment id or the learner's e-mail. */
export const scoresInput = z.strictObject({
  requirementId: text(100),
  scores: z
    .array(z.strictObject({ enrolmentId: z.preprocess(blank, z.string().max(100).optional()), email: z.preprocess(blank, z.string().max(254).optional()), score: z.number('a number from 0 to 100').min(0).max(100) }))
    .min(1, 'at least one score')
    .max(5000, 'at most 5,000 scores'),
})
