// What employers and learners send to the talent search (pages and /api/v1/talent…).
import { z } from 'zod'
import { isCountryCode } from '../orgs/countries.js'
import { coded } from '../platform/input-error.js'

const whole = (min: number, max: number) => z.coerce.number(coded('invalid_type', 'must be a number')).int(coded('invalid_type', 'must be a whole number')).min(min, coded('out_of_range', `must be from ${min} to ${max}`)).max(max, coded('out_of_range', `must be from ${min} to ${max}`))

const country = z
  .string()
  .trim()
  .toUpperCase()
  .refine((c) => isCountryCode(c), coded('invalid_choice', 'must be an ISO 3166-1 alpha-2 country code'))

/** A talent search: the skills (URIs, codes or labels) and the filters. */
export const talentSearchInput = z
  .strictObject({
    skills: z
      .array(z.string().trim().min(1, coded('required', 'name a skill')).max(300, coded('too_long', 'use at most 300 characters')))
      .min(1, coded('required', 'name at least one skill'))
      .max(10, coded('too_many', 'name at most 10 skills'))
      .describe('Skills by ESCO or O*NET URI, code or label; a broader skill also finds credentials aligned to its narrower ones'),
    match: z.enum(['all', 'atLeast'], coded('invalid_choice', 'must be all or atLeast')).default('all').describe('`all`: every skill; `atLeast`: at least `atLeast` of them'),
    atLeast: whole(1, 10).optional().describe('With match=atLeast: how many of the skills'),
    issuer: z.string().trim().max(300, coded('too_long', 'use at most 300 characters')).optional().describe('Only credentials from this issuer (its id or its exact name)'),
    eqfMin: whole(1, 8).optional().describe('Only credentials at this EQF level or above'),
    withinMonths: whole(1, 600).optional().describe('Only credentials issued within this many months'),
    country: country.optional().describe('Only learners who show this country (ISO 3166-1 alpha-2)'),
    location: z.string().trim().max(100, coded('too_long', 'use at most 100 characters')).optional().describe('Only learners whose location contains this text'),
    page: whole(1, 1000).default(1).describe('Page of 20 learners'),
  })
  .meta({ id: 'TalentSearchInput' })

export type TalentSearchInput = z.output<typeof talentSearchInput>

/** A learner lets employers find them. */
export const talentOptinInput = z
  .strictObject({
    location: z.string().trim().max(100, coded('too_long', 'use at most 100 characters')).default('').describe('Where you are, as you want employers to see it (free text, e.g. "Lyon")'),
    country: country.optional().nullable().describe('Your country (ISO 3166-1 alpha-2), shown to employers'),
  })
  .meta({ id: 'TalentOptinInput' })

/** A message in the platform (employer → learner, learner → employer). */
export const talentMessageInput = z
  .strictObject({
    body: z.string().trim().min(1, coded('required', 'write a message')).max(4000, coded('too_long', 'use at most 4000 characters')).describe('Plain text'),
  })
  .meta({ id: 'TalentMessageInput' })

/** A saved search: a name and the search. */
export const savedSearchInput = z
  .strictObject({
    name: z.string().trim().min(1, coded('required', 'name the search')).max(100, coded('too_long', 'use at most 100 characters')),
    search: talentSearchInput.omit({ page: true }),
  })
  .meta({ id: 'TalentSavedSearchInput' })

/** A new employer organization. */
export const employerInput = z
  .strictObject({
    name: z.string().trim().min(1, coded('required', 'enter the organization’s name')).max(200, coded('too_long', 'use at most 200 characters')),
    slug: z.string().trim().max(100).optional().describe('Short name for links; suggested from the name when absent'),
    country: country.optional(),
    url: z.string().trim().max(500).optional(),
  })
  .meta({ id: 'EmployerInput' })
