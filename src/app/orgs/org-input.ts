import { z } from 'zod'
import { normalizeEmail } from '../../core/credential/index.js'
import { BRAND_MIN_CONTRAST, contrastOnWhite, isReadableBrand, normalizeHexColor, readableShade } from '../branding/brand-color.js'
import { coded, InputError, issuesOfZod } from '../platform/input-error.js'
import { ROLES } from '../platform/roles.js'
import { isCountryCode } from './countries.js'
import { SIGNING_SUITES, STATUS_ENTRIES } from './ports.js'
import { slugProblem } from './slug.js'

// What organization forms and API bodies accept, one zod schema each. Forms send '' for an empty
// optional field and the API may send null: both clear it.

/** Longest values accepted (characters). */
export const ORG_LIMITS = Object.freeze({ name: 100, description: 2000, url: 2000, email: 254, apiKeyName: 100, reason: 500 })

/** An organization form's InputError (ERR_INPUT_INVALID), one issue per field (the first problem of each), so pages show each next to its field. */
export class OrgInputError extends InputError {
  override name = 'OrgInputError'
}

/** `value` parsed by `schema`, or OrgInputError naming each field that is wrong (first problem per field; the whole body is `body`). */
export function parseOrgInput<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value)
  if (result.success) return result.data
  const seen = new Set<string>()
  const issues = issuesOfZod(result.error, { rootPath: 'body' }).filter((i) => !seen.has(i.path) && seen.add(i.path))
  throw new OrgInputError(issues)
}

const CONTROL = /[\p{Cc}\p{Cs}\ufffe\uffff]/u
const CONTROL_EXCEPT_NEWLINES = /(?![\n\t])[\p{Cc}\p{Cs}\ufffe\uffff]/u
const EMAIL = /^[a-z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/

const line = (max: number, what: string) =>
  z
    .string(`enter ${what}`)
    .transform((v) => v.trim().replace(/\s+/g, ' '))
    .refine((v) => v !== '', coded('required', `enter ${what}`))
    .refine((v) => !CONTROL.test(v), coded('invalid_characters', 'remove the control characters'))
    .refine((v) => [...v].length <= max, coded('too_long', `use at most ${max} characters`))

const description = z
  .string('must be text')
  .transform((v) => v.replace(/\r\n?/g, '\n').trim())
  .refine((v) => !CONTROL_EXCEPT_NEWLINES.test(v), coded('invalid_characters', 'remove the control characters'))
  .refine((v) => [...v].length <= ORG_LIMITS.description, coded('too_long', `use at most ${ORG_LIMITS.description} characters`))

/** An optional text field: '' or null clears it. */
const clearable = <T extends z.ZodType>(inner: T) => z.preprocess((v) => (v === '' ? null : v), inner.nullable())

const httpUrl = z
  .string('enter a web address')
  .trim()
  .refine((v) => v.length <= ORG_LIMITS.url, coded('too_long', `use at most ${ORG_LIMITS.url} characters`))
  .refine((v) => {
    try {
      const url = new URL(v)
      return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '' && !/\s/.test(v)
    } catch {
      return false
    }
  }, coded('invalid_url', 'enter a web address starting with https:// or http://'))

/** An e-mail address, normalized (trimmed, lower-cased). */
export const emailField = z
  .string('enter an e-mail address')
  .transform(normalizeEmail)
  .refine((v) => v !== '', coded('required', 'enter an e-mail address'))
  .refine((v) => v.length <= ORG_LIMITS.email, coded('too_long', `use at most ${ORG_LIMITS.email} characters`))
  .refine((v) => EMAIL.test(v), coded('invalid_email', 'enter an e-mail address like name@example.org'))

const country = z
  .string('choose a country')
  .transform((v) => v.trim().toUpperCase())
  .refine(isCountryCode, coded('invalid_choice', 'choose a country by its ISO 3166-1 alpha-2 code, like FI or DE'))

const suite = z.enum(SIGNING_SUITES, `choose one of ${SIGNING_SUITES.join(', ')}`)
const statusEntries = z.enum(STATUS_ENTRIES, `choose one of ${STATUS_ENTRIES.join(', ')}`)

/** A brand colour: `#rgb` or `#rrggbb`, dark enough to read as text on white (a lighter one is refused with a darker shade to try). */
const brandColor = z.string('enter a colour like #1d4ed8').superRefine((v, ctx) => {
  const color = normalizeHexColor(v)
  if (!color) return void ctx.addIssue({ code: 'custom', message: 'enter a colour as # and six hexadecimal digits, like #1d4ed8', params: { code: 'invalid_format' } })
  if (!isReadableBrand(color))
    ctx.addIssue({
      code: 'custom',
      message: `${color} is too light to read on white (contrast ${contrastOnWhite(color)}:1, at least ${BRAND_MIN_CONTRAST}:1 needed); try the darker ${readableShade(color)}`,
      params: { code: 'low_contrast', color, ratio: contrastOnWhite(color), suggestion: readableShade(color) },
    })
}).transform((v) => normalizeHexColor(v)!)

const slug = z
  .string('enter a short name for links')
  .transform((v) => v.trim())
  .superRefine((v, ctx) => {
    const problem = slugProblem(v)
    if (problem) ctx.addIssue({ code: 'custom', message: problem, params: { code: 'invalid_format' } })
  })

const profileFields = {
  name: line(ORG_LIMITS.name, "the organization's name"),
  description: clearable(description).transform((v) => v ?? ''),
  url: clearable(httpUrl),
  email: clearable(emailField),
  country: clearable(country),
  suite,
  brandColor: clearable(brandColor),
}

/** A new organization: a name, a slug (suggested from the name when left out) and optional profile fields. */
export const createOrgSchema = z.strictObject({
  name: profileFields.name,
  slug: z.preprocess((v) => (v === '' ? undefined : v), slug.optional()),
  description: profileFields.description.optional(),
  url: profileFields.url.optional(),
  email: profileFields.email.optional(),
  country: profileFields.country.optional(),
  suite: suite.optional(),
})
export type CreateOrgInput = z.input<typeof createOrgSchema>

/** A profile change: any of the profile fields; the slug cannot change (it is part of the DID). */
export const orgProfileSchema = z.strictObject({
  name: profileFields.name.optional(),
  description: profileFields.description.optional(),
  url: profileFields.url.optional(),
  email: profileFields.email.optional(),
  country: profileFields.country.optional(),
  suite: suite.optional(),
  brandColor: profileFields.brandColor.optional(),
  statusEntries: statusEntries.optional(),
})
export type OrgProfileInput = z.input<typeof orgProfileSchema>

const role = z.enum(ROLES, `choose one of ${ROLES.join(', ')}`)

/** A role change. */
export const memberRoleSchema = z.strictObject({ role })

/** An invitation: who, and with which role. */
export const invitationSchema = z.strictObject({ email: emailField, role })

/** A new API key: a name to recognise it by and a role below owner. */
export const apiKeySchema = z.strictObject({
  name: line(ORG_LIMITS.apiKeyName, 'a name for the key'),
  role: z.enum(['admin', 'issuer', 'viewer'], 'choose one of admin, issuer, viewer'),
})

/** Why a key is revoked. */
export const keyRevocationSchema = z.strictObject({ reason: line(ORG_LIMITS.reason, 'why the key is revoked') })
