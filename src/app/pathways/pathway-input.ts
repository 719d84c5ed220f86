// What a pathway's editor sends (the API's JSON, the form's fields turned into it). Numbers and
// booleans may come as form strings; empty strings are "not given".
import { z } from 'zod'
import { coded } from '../platform/input-error.js'

const blank = (v: unknown) => (v === '' || v === null ? undefined : v)
const text = (max: number, required = true) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? v.replace(/\r\n?/g, '\n').trim() : v),
    required ? z.string('required').min(1, coded('required', 'required')).max(max, `at most ${max} characters`) : z.string('must be text').max(max, `at most ${max} characters`).default(''),
  )
const toNumber = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? Number(v) : blank(v))
const optionalInt = (min: number, max: number) => z.preprocess(toNumber, z.number('must be a whole number').int('must be a whole number').min(min, `at least ${min}`).max(max, `at most ${max}`).optional())
const bool = z.preprocess((v) => (v === 'on' || v === 'true' || v === '1' ? true : v === 'false' || v === '0' || v === '' ? false : v), z.boolean('true or false'))

/** Most parts a pathway has. */
export const PATHWAY_MAX_PARTS = 12

export const pathwayPartInput = z.strictObject({
  achievementUrl: z.preprocess(
    (v) => (typeof v === 'string' ? v.trim() : v),
    z
      .url(coded('invalid_url', 'the achievement’s id: an absolute URL (or URN) as its credentials name it'))
      .max(2048, 'at most 2048 characters')
      .refine((v) => !URL.canParse(v) || /^(https?:\/\/|urn:|did:)/i.test(v), coded('invalid_url', 'an https, http, urn: or did: identifier')),
  ),
  name: text(200, false),
})

export const pathwayInput = z
  .strictObject({
    achievementId: text(100),
    title: text(200),
    summary: text(5000, false),
    rule: z.enum(['all', 'some'], { message: 'all or some' }).default('all'),
    required: optionalInt(1, PATHWAY_MAX_PARTS),
    ordered: bool.default(false),
    windowDays: optionalInt(1, 3650),
    parts: z.array(pathwayPartInput).min(1, coded('required', 'give at least one part')).max(PATHWAY_MAX_PARTS, `at most ${PATHWAY_MAX_PARTS} parts`),
  })
  .superRefine((p, ctx) => {
    const seen = new Set<string>()
    p.parts.forEach((part, i) => {
      if (seen.has(part.achievementUrl)) ctx.addIssue({ code: 'custom', path: ['parts', i, 'achievementUrl'], message: 'this achievement is a part already', params: { code: 'taken' } })
      seen.add(part.achievementUrl)
    })
    if (p.rule === 'some') {
      if (p.required === undefined) ctx.addIssue({ code: 'custom', path: ['required'], message: 'say how many parts it takes', params: { code: 'required' } })
      else if (p.required > p.parts.length) ctx.addIssue({ code: 'custom', path: ['required'], message: `at most the number of parts (${p.parts.length})`, params: { code: 'too_large' } })
    }
  })

export type PathwayInput = z.output<typeof pathwayInput>
