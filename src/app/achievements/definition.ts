import { z } from 'zod'
import { ACHIEVEMENT_TYPES, ALIGNMENT_TARGET_TYPES, RESULT_TYPES } from '../../core/credential/index.js'
import { PlatformError } from '../../core/errors.js'
import { codeOf, coded, type InputIssue } from '../platform/input-error.js'

// The achievement editor's document: the OB 3.0 Achievement fields that matter and the EU
// micro-credential elements (Council Recommendation 2022/C 243/02, Annex I), as one validated JSON
// object. obAchievement() maps it onto OB 3.0 terms (STANDARDS.md §4.1).

/** Longest values the editor accepts (characters, items). */
export const DEFINITION_LIMITS = Object.freeze({
  name: 200,
  description: 4000,
  narrative: 20000,
  url: 2000,
  shortText: 200,
  code: 100,
  longText: 2000,
  tags: 30,
  tag: 60,
  alignments: 100,
  resultDescriptions: 20,
  allowedValues: 50,
  learningOutcomes: 30,
  learningOutcome: 1000,
})

/** Forms of participation in the learning activity (Annex I element 10). */
export const PARTICIPATION_FORMS = ['online', 'onsite', 'blended'] as const
/** Supervision and identity verification during assessment (Annex I, optional). */
export const SUPERVISION_KINDS = ['unsupervised', 'supervised', 'supervised-with-identity-check'] as const
/** Integration and stackability options (Annex I, optional). */
export const STACKABILITY_KINDS = ['standalone', 'stackable'] as const

const L = DEFINITION_LIMITS
const CONTROL = /[\p{Cc}\p{Cs}\ufffe\uffff]/u
const CONTROL_EXCEPT_NEWLINES = /(?![\n\t])[\p{Cc}\p{Cs}\ufffe\uffff]/u
const EXTENSION = /^ext:[A-Za-z0-9_.:-]{1,80}$/
const BCP47 = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/
const URI = /^[a-z][a-z0-9+.-]*:[^\s]+$/i
const HTTP_URL = /^https?:\/\/[^\s/?#]+[^\s]*$/i
const URN_UUID = /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** One line of text: trimmed, inner whitespace collapsed, no control characters, at most `max` characters. */
const line = (max: number) =>
  z
    .string('must be text')
    .transform((v) => v.trim().replace(/\s+/g, ' '))
    .refine((v) => !CONTROL.test(v), coded('invalid_characters', 'must not contain control characters'))
    .refine((v) => [...v].length <= max, coded('too_long', `must be at most ${max} characters`))
/** A required line: non-empty after trimming. */
const requiredLine = (max: number) => line(max).refine((v) => v !== '', coded('required', 'is required'))
/** Multi-line text (Markdown): trimmed, line breaks kept, CRLF normalized. */
const text = (max: number) =>
  z
    .string('must be text')
    .transform((v) => v.replace(/\r\n?/g, '\n').trim())
    .refine((v) => !CONTROL_EXCEPT_NEWLINES.test(v), coded('invalid_characters', 'must not contain control characters'))
    .refine((v) => [...v].length <= max, coded('too_long', `must be at most ${max} characters`))
const uri = z
  .string('must be a URI')
  .trim()
  .max(L.url, `must be at most ${L.url} characters`)
  .regex(URI, 'must be an absolute URI such as https://… or urn:…')
const httpUrl = z
  .string('must be a URL')
  .trim()
  .max(L.url, `must be at most ${L.url} characters`)
  .regex(HTTP_URL, 'must be an http(s) URL')
const extensible = <T extends readonly string[]>(values: T) =>
  z
    .string('must be text')
    .trim()
    .refine((v) => (values as readonly string[]).includes(v) || EXTENSION.test(v), coded('invalid_choice', `must be one of ${values.join(', ')} or an ext:… value`))
const number = (min: number, max: number) =>
  z
    .number('must be a number')
    .refine(Number.isFinite, coded('invalid_type', 'must be a finite number'))
    .refine((v) => v >= min && v <= max, coded('out_of_range', `must be between ${min} and ${max}`))
const integer = (min: number, max: number) =>
  z
    .number('must be a number')
    .refine(Number.isInteger, coded('invalid_type', 'must be a whole number'))
    .refine((v) => v >= min && v <= max, coded('out_of_range', `must be between ${min} and ${max}`))
const list = <T extends z.ZodType>(item: T, max: number) => z.array(item, 'must be a list').max(max, `must have at most ${max} items`)

/** An OB 3.0 Alignment as the editor holds it (a skill, a framework node); `type` is added on output. */
export const alignmentSchema = z.strictObject({
  targetName: requiredLine(L.shortText * 2),
  targetUrl: uri,
  targetFramework: line(L.shortText).optional(),
  targetCode: line(L.code).optional(),
  targetType: extensible(ALIGNMENT_TARGET_TYPES).optional(),
  targetDescription: text(L.longText).optional(),
})

/** An OB 3.0 ResultDescription; `id` (a urn:uuid, which results of issued credentials cite) is assigned when missing. */
export const resultDescriptionSchema = z.strictObject({
  id: z.string().regex(URN_UUID, 'must be a urn:uuid: URI').optional(),
  name: requiredLine(L.shortText),
  resultType: extensible(RESULT_TYPES),
  allowedValue: list(requiredLine(L.code), L.allowedValues).optional(),
  valueMin: line(L.code).optional(),
  valueMax: line(L.code).optional(),
  requiredValue: line(L.code).optional(),
})

/** The editor's document. Only `name` is needed for a draft; publishing needs description and criteria too (see issuable.ts). */
export const achievementDefinitionSchema = z.strictObject({
  name: requiredLine(L.name),
  description: text(L.description).default(''),
  criteria: z
    .strictObject({
      narrative: text(L.narrative).optional(),
      id: httpUrl.optional(),
    })
    .default({}),
  achievementType: extensible(ACHIEVEMENT_TYPES).default('MicroCredential'),
  tag: list(requiredLine(L.tag), L.tags)
    .transform((tags) => [...new Set(tags)])
    .default([]),
  fieldOfStudy: line(L.shortText).optional(),
  humanCode: line(L.code).optional(),
  inLanguage: z.string('must be text').trim().max(35, 'must be at most 35 characters').regex(BCP47, 'must be a BCP 47 language tag such as en or pt-BR').optional(),
  creditsAvailable: number(0, 1000).optional(),
  resultDescription: list(resultDescriptionSchema, L.resultDescriptions).default([]),
  alignment: list(alignmentSchema, L.alignments).default([]),

  learningOutcomes: list(requiredLine(L.learningOutcome), L.learningOutcomes).default([]),
  workloadHours: number(0.1, 10000).optional(),
  ects: number(0, 360).optional(),
  eqfLevel: integer(1, 8).optional(),
  assessmentType: line(L.shortText * 2).optional(),
  supervision: z.enum(SUPERVISION_KINDS, `must be one of ${SUPERVISION_KINDS.join(', ')}`).optional(),
  participation: z.enum(PARTICIPATION_FORMS, `must be one of ${PARTICIPATION_FORMS.join(', ')}`).optional(),
  qualityAssurance: text(L.longText).optional(),
  prerequisites: text(L.longText).optional(),
  stackability: z.enum(STACKABILITY_KINDS, `must be one of ${STACKABILITY_KINDS.join(', ')}`).optional(),
  stackableTowards: line(L.shortText * 2).optional(),
  validityMonths: integer(1, 1200).optional(),
})

/** A validated achievement definition (what `AchievementRecord.definition` holds). */
export type AchievementDefinition = z.output<typeof achievementDefinitionSchema>
/** What callers may send: defaults filled in by parsing. */
export type AchievementDefinitionInput = z.input<typeof achievementDefinitionSchema>
/** An alignment as the editor holds it. */
export type DefinitionAlignment = z.output<typeof alignmentSchema>
/** A result description as the editor holds it. */
export type DefinitionResultDescription = z.output<typeof resultDescriptionSchema>

/** One problem with a definition: the field's dotted path (`criteria.narrative`, `alignment.2.targetUrl`) and what is wrong. */
export type DefinitionIssue = InputIssue

/** The definition parsed, or every problem with it, each naming its field. */
export function checkDefinition(input: unknown): { ok: true; definition: AchievementDefinition } | { ok: false; issues: DefinitionIssue[] } {
  const parsed = achievementDefinitionSchema.safeParse(input)
  if (parsed.success) return { ok: true, definition: dropEmpty(parsed.data) }
  return { ok: false, issues: parsed.error.issues.map((issue) => issueOf(issue, input)) }
}

/** The definition parsed; ERR_INPUT_INVALID listing each field at fault otherwise. */
export function parseDefinition(input: unknown): AchievementDefinition {
  const checked = checkDefinition(input)
  if (checked.ok) return checked.definition
  throw new PlatformError('ERR_INPUT_INVALID', `Achievement definition is invalid: ${formatIssues(checked.issues)}`)
}

/** `path: message; path: message`. */
export const formatIssues = (issues: readonly DefinitionIssue[]): string => issues.map((i) => `${i.path}: ${i.message}`).join('; ')

function issueOf(issue: z.core.$ZodIssue, input: unknown): DefinitionIssue {
  const path = issue.path.map(String).join('.') || 'definition'
  if (issue.code === 'unrecognized_keys') return { path, code: 'unknown_field', message: `has unknown field(s) ${issue.keys.join(', ')}` }
  if (issue.code === 'invalid_type' && valueAt(input, issue.path) === undefined) return { path, code: 'required', message: 'is required' }
  return { path, code: codeOf(issue), message: issue.message }
}

const valueAt = (value: unknown, path: readonly PropertyKey[]): unknown =>
  path.reduce<unknown>((v, key) => (typeof v === 'object' && v !== null ? (v as Record<PropertyKey, unknown>)[key] : undefined), value)

// Optional text left empty is absent, not '', so stored JSON and credentials carry no empty values.
function dropEmpty(definition: AchievementDefinition): AchievementDefinition {
  const { description, ...rest } = definition
  return { ...(withoutEmptyStrings(rest) as object), description } as AchievementDefinition
}

function withoutEmptyStrings(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutEmptyStrings)
  if (typeof value !== 'object' || value === null) return value
  const out: Record<string, unknown> = {}
  for (const [key, v] of Object.entries(value)) if (v !== '' && v !== undefined) out[key] = withoutEmptyStrings(v)
  return out
}
