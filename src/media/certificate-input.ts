import { z } from 'zod'
import { PlatformError } from '../core/errors.js'
import { certificateLabelsSchema, certificateStatusSchema, englishLabels } from './certificate-labels.js'

const text = (max: number) =>
  z.string().trim().min(1, 'is required').max(max, `must be at most ${max} characters`)

const isHttpUrl = (value: string): boolean => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol)
const isLocale = (value: string): boolean => {
  try {
    return Intl.getCanonicalLocales(value).length === 1
  } catch {
    return false
  }
}

const certificateSchema = z
  .strictObject({
    title: text(200),
    recipientName: text(200),
    achievementName: text(300),
    issuerName: text(200),
    issuedOn: z.date('must be a valid Date'),
    validUntil: z.date('must be a valid Date').optional(),
    description: z.string().trim().max(2000, 'must be at most 2000 characters').optional(),
    skills: z.array(text(100), 'must be a list of skill names').max(50, 'must list at most 50 skills').optional(),
    // Longer URLs make the printed QR code too dense to scan, and the printed URL too long to read.
    verifyUrl: z.string().trim().max(300, 'must be at most 300 characters').refine(isHttpUrl, 'must be an http(s) URL')
      .transform((value) => new URL(value).href),
    credentialId: text(300),
    badgePng: z.custom<Uint8Array>((value) => value instanceof Uint8Array, { error: 'must be PNG bytes (a Uint8Array)' }).optional(),
    locale: z.string().refine(isLocale, 'must be a BCP 47 language tag such as en or de-CH').default('en'),
    labels: certificateLabelsSchema.optional(),
    status: certificateStatusSchema.optional(),
  })
  .refine((c) => !c.validUntil || c.validUntil >= c.issuedOn, { path: ['validUntil'], message: 'is before issuedOn' })
  .refine((c) => !c.validUntil || !c.labels || c.labels.validUntil, { path: ['labels', 'validUntil'], message: 'is required when validUntil is given' })
  .transform(({ labels, ...c }) => ({ ...c, labels: labels ?? englishLabels(c) }))

/**
 * What a certificate shows: who earned what from whom, when, and where to verify it; the words
 * around those facts (`labels`, default English with dates formatted for `locale`); and, for a
 * withdrawn credential, the mark across the page (`status`).
 */
export type CertificateInput = z.input<typeof certificateSchema>
/** {@link CertificateInput} checked, trimmed, with the locale and labels defaulted and the URL normalized. */
export type Certificate = z.output<typeof certificateSchema>

/** Checks certificate input; every problem is listed in one `ERR_INPUT_INVALID`, each naming its field. */
export function parseCertificateInput(input: CertificateInput): Certificate {
  const parsed = certificateSchema.safeParse(input)
  if (parsed.success) return parsed.data
  const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'certificate'}: ${issue.message}`)
  throw new PlatformError('ERR_INPUT_INVALID', `certificate is invalid: ${problems.join('; ')}`)
}
