import { z } from 'zod'
import { coded } from '../platform/input-error.js'

// What the trust administration accepts (API bodies and the /admin/trust forms), one zod schema each.

/** Longest values accepted (characters). */
export const TRUST_LIMITS = Object.freeze({ issuerId: 2000, name: 200, note: 1000, url: 2000 })

const CONTROL = /[\p{Cc}\p{Cs}\ufffe\uffff]/u

const line = (max: number, what: string) =>
  z
    .string(`enter ${what}`)
    .transform((v) => v.trim().replace(/\s+/g, ' '))
    .refine((v) => v !== '', coded('required', `enter ${what}`))
    .refine((v) => !CONTROL.test(v), coded('invalid_characters', 'remove the control characters'))
    .refine((v) => [...v].length <= max, coded('too_long', `use at most ${max} characters`))

const isWebUrl = (v: string): boolean => {
  try {
    const url = new URL(v)
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '' && !/\s/.test(v)
  } catch {
    return false
  }
}

/** A DID (`did:method:…`) or an http(s) Profile URL, as credentials name their issuer. */
export const isIssuerId = (v: string): boolean => /^did:[a-z0-9]+:[A-Za-z0-9._:%-]*[A-Za-z0-9._%-]$/.test(v) || isWebUrl(v)

const issuerId = z
  .string('enter the issuer’s DID or Profile URL')
  .trim()
  .refine((v) => v !== '', coded('required', 'enter the issuer’s DID or Profile URL'))
  .refine((v) => v.length <= TRUST_LIMITS.issuerId, coded('too_long', `use at most ${TRUST_LIMITS.issuerId} characters`))
  .refine(isIssuerId, coded('invalid_did', 'enter a DID (did:key:…, did:web:…) or an https:// Profile URL'))

/** A trusted issuer added by hand. */
export const trustedIssuerInput = z.strictObject({
  issuerId,
  name: line(TRUST_LIMITS.name, 'a name'),
  note: z
    .preprocess((v) => (v == null ? '' : v), z.string('must be text'))
    .transform((v) => v.trim())
    .refine((v) => !CONTROL.test(v.replace(/[\n\r\t]/g, ' ')), coded('invalid_characters', 'remove the control characters'))
    .refine((v) => [...v].length <= TRUST_LIMITS.note, coded('too_long', `use at most ${TRUST_LIMITS.note} characters`))
    .optional()
    .default(''),
})
export type TrustedIssuerInput = z.output<typeof trustedIssuerInput>

/** A registry to subscribe to. */
export const trustRegistryInput = z.strictObject({
  name: line(TRUST_LIMITS.name, 'a name'),
  url: z
    .string('enter the registry’s address')
    .trim()
    .refine((v) => v.length <= TRUST_LIMITS.url, coded('too_long', `use at most ${TRUST_LIMITS.url} characters`))
    .refine(isWebUrl, coded('invalid_url', 'enter the https:// address of the registry’s JSON')),
  format: z.enum(['dcc', 'list'], { message: 'choose dcc (Digital Credentials Consortium registry) or list (a JSON list of issuers)' }),
})
export type TrustRegistryInput = z.output<typeof trustRegistryInput>
