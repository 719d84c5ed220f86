import { z } from 'zod'

// What the CLR and ELM exports accept, one zod schema each.

/** Longest values accepted. */
export const CLR_LIMITS = Object.freeze({ credentials: 50, name: 200 })

const CONTROL = /[\p{Cc}\p{Cs}\ufffe\uffff]/u

/** `POST /api/v1/wallet/clr`: which wallet credentials, and the record's name. */
export const walletClrRequestSchema = z.strictObject({
  credentialIds: z
    .array(z.string().min(1).max(200), 'choose the credentials to put in the record')
    .min(1, 'choose at least one credential')
    .max(CLR_LIMITS.credentials, `at most ${CLR_LIMITS.credentials} credentials in one record`)
    .refine((ids) => new Set(ids).size === ids.length, 'a credential is listed twice')
    .describe('Ids of your wallet credentials (as `GET /api/v1/wallet` lists them), in the order the record lists them'),
  name: z
    .string('must be text')
    .transform((v) => v.trim().replace(/\s+/g, ' '))
    .pipe(z.string().max(CLR_LIMITS.name, `must be at most ${CLR_LIMITS.name} characters`).refine((v) => !CONTROL.test(v), 'must not contain control characters'))
    .optional()
    .describe('The record’s name (default “Comprehensive Learner Record”)'),
})
export type WalletClrRequest = z.output<typeof walletClrRequestSchema>
