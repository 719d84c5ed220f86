import { z } from 'zod'

// What the holder's forms and API bodies accept, one zod schema each.

/** Longest values accepted. */
export const HOLDER_LIMITS = Object.freeze({ credentials: 50, challenge: 500, domain: 500, presentationBytes: 2 * 1024 * 1024 })

const CONTROL = /[\p{Cc}\p{Cs}\ufffe\uffff]/u
const text = (max: number, what: string) =>
  z
    .string(`enter ${what}`)
    .transform((v) => v.trim())
    .pipe(
      z
        .string()
        .min(1, `enter ${what}`)
        .max(max, `${what} must be at most ${max} characters`)
        .refine((v) => !CONTROL.test(v), `${what} must not contain control characters`),
    )

/** `POST /api/v1/wallet/presentations`: which wallet credentials, and the verifier's challenge and domain. */
export const presentationRequestSchema = z.strictObject({
  credentials: z
    .array(z.string().min(1).max(200), 'choose the credentials to present')
    .min(1, 'choose at least one credential')
    .max(HOLDER_LIMITS.credentials, `at most ${HOLDER_LIMITS.credentials} credentials at once`)
    .refine((ids) => new Set(ids).size === ids.length, 'a credential is listed twice')
    .describe('Ids of your wallet credentials, in the order the presentation lists them'),
  challenge: text(HOLDER_LIMITS.challenge, 'the challenge').describe("The verifier's challenge (a nonce they gave you): signed into the proof, so the presentation cannot be replayed elsewhere"),
  domain: text(HOLDER_LIMITS.domain, 'the domain').optional().describe('The verifier\'s domain (e.g. `jobs.example.com`): signed into the proof'),
})
export type PresentationRequest = z.output<typeof presentationRequestSchema>

/** `POST /api/v1/presentations/verify`: a presentation and what the verifier expects in its proof. */
export const presentationCheckSchema = z.strictObject({
  presentation: z.union([z.record(z.string(), z.unknown()), z.string().max(HOLDER_LIMITS.presentationBytes)]).describe('The Verifiable Presentation: the JSON object, or its text'),
  challenge: text(HOLDER_LIMITS.challenge, 'the challenge').describe('The challenge you gave the holder: the proof must carry exactly this'),
  domain: text(HOLDER_LIMITS.domain, 'the domain').optional().describe('Your domain, when you asked for one: the proof must carry exactly this'),
})
export type PresentationCheck = z.output<typeof presentationCheckSchema>

/** `PUT /api/v1/me/notifications`. */
export const notificationSettingsSchema = z.strictObject({
  expiryReminders: z.boolean('true or false').describe('E-mail before a credential in your wallet expires (30 and 7 days ahead)'),
  productNews: z.boolean('true or false').describe('Occasional news about Emblem (off unless you turn it on)'),
})

/** `DELETE /api/v1/me`: the password confirms. */
export const accountDeletionSchema = z.strictObject({ password: z.string('enter your password').min(1, 'enter your password').max(1000).describe('Your current password') })
