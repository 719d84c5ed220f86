import { z } from 'zod'
import { normalizeEmail } from '../../core/credential/index.js'
import { PlatformError } from '../../core/errors.js'
import { ROLES } from '../platform/roles.js'
import { isCountryCode } from './countries.js'
import { SIGNING_SUITES } from './ports.js'
import { slugProblem } from './slug.js'

// What organization forms and API bodies accept, one zod schema each. Forms send '' for an empty
// optional field and the API may send null: both clear it.

/** Longest values accepted (characters). */
export const ORG_LIMITS = Object.freeze({ name: 100, description: 2000, url: 2000, email: 254, apiKeyName: 100, reason: 500 })

/** ERR_INPUT_INVALID with a message per field path, so pages show each next to its field. */
export class OrgInputError extends PlatformError {
  readonly fields: Readonly<Record<string, string>>
  constructor(fields: Record<string, string>) {
    super('ERR_INPUT_INVALID', Object.entries(fields).map(([field, message]) => `${field}: ${message}`).join('; '))
    this.fields = fields
  }
}

/** `value` parsed by `schema`, or OrgInputError naming each field that is wrong (first problem per field). */
export function parseOrgInput<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value)
  if (result.success) return result.data
  const fields: Record<string, string> = {}
  for (const issue of result.error.issues) {
    const path = issue.path.map(String).join('.') || 'body'
    fields[path] ??= issue.code === 'unrecognized_keys' ? `unknown field(s) ${issue.keys.join(', ')}` : issue.message
  }
  throw new OrgInputError(fields)
}

const CONTROL = /[\p{Cc}\p{Cs}\ufffe\uffff]/u
const CONTROL_EXCEPT_NEWLINES = /(?![\n\t])[\p{Cc}\p{Cs}\ufffe\uffff]/u
const EMAIL = /^[a-z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/

const line = (max: number, what: string) =>
  z
    .string(`enter ${what}`)
    .transform((v) => v.trim().replace(/\s+/g, ' '))
    .refine((v) => v !== '', `enter ${what}`)
    .refine((v) => !CONTROL.test(v), 'remove the control characters')
    .refine((v) => [...v].length <= max, `use at most ${max} characters`)

const description = z
  .string('must be text')
  .transform((v) => v.replace(/\r\n?/g, '\n').trim())
  .refine((v) => !CONTROL_EXCEPT_NEWLINES.test(v), 'remove the control characters')
  .refine((v) => [...v].length <= ORG_LIMITS.description, `use at most ${ORG_LIMITS.description} characters`)

/** An optional text field: '' or null clears it. */
const clearable = <T extends z.ZodType>(inner: T) => z.preprocess((v) => (v === '' ? null : v), inner.nullable())

const httpUrl = z
  .string('enter a web address')
  .trim()
  .refine((v) => v.length <= ORG_LIMITS.url, `use at most ${ORG_LIMITS.url} characters`)
  .refine((v) => {
    try {
      const url = new URL(v)
      return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '' && !/\s/.test(v)
    } catch {
      return false
    }
  }, 'enter a web address starting with https:// or http://')

/** An e-mail address, normalized (trimmed, lower-cased). */
export const emailField = z
  .string('enter an e-mail address')
  .transform(normalizeEmail)
  .refine((v) => v !== '', 'enter an e-mail address')
  .refine((v) => v.length <= ORG_LIMITS.email, `use at most ${ORG_LIMITS.email} characters`)
  .refine((v) => EMAIL.test(v), 'enter an e-mail address like name@example.org')

const country = z
  .string('choose a country')
  .transform((v) => v.trim().toUpperCase())
  .refine(isCountryCode, 'choose a country by its ISO 3166-1 alpha-2 code, like FI or DE')

const suite = z.enum(SIGNING_SUITES, `choose one of ${SIGNING_SUITES.join(', ')}`)

const slug = z
  .string('enter a short name for links')
  .transform((v) => v.trim())
  .superRefine((v, ctx) => {
    const problem = slugProblem(v)
    if (problem) ctx.addIssue({ code: 'custom', message: problem })
  })

const profileFields = {
  name: line(ORG_LIMITS.name, "the organization's name"),
  description: clearable(description).transform((v) => v ?? ''),
  url: clearable(httpUrl),
  email: clearable(emailField),
  country: clearable(country),
  suite,
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
