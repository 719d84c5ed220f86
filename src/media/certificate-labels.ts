import { z } from 'zod'

const text = (max: number) =>
  z.string().trim().min(1, 'is required').max(max, `must be at most ${max} characters`)

/** The printed words around a certificate's facts, in one language, dates already filled in. */
export const certificateLabelsSchema = z.strictObject({
  /** Above the recipient's name: "This certifies that". */
  certifies: text(200),
  /** Between the name and the achievement: "has earned". */
  hasEarned: text(200),
  /** Before the list of skills, with its punctuation: "Skills:". */
  skills: text(100),
  /** Above the issuer's name: "Issued by". */
  issuedBy: text(200),
  /** The issue date line: "Issued on June 30, 2025". */
  issuedOn: text(200),
  /** The expiry line, "Valid until June 30, 2028"; required when the certificate has `validUntil`. */
  validUntil: text(200).optional(),
  /** Before the credential id: "Credential ID:". */
  credentialId: text(100),
  /** Above the QR code: "Scan or visit to verify". */
  scanToVerify: text(100),
  /** The PDF's subject metadata: "Data Analytics, awarded to Ada Lovelace". */
  subject: text(600),
})

/** Every label a certificate prints, in the caller's language (see {@link CertificateInput}). */
export type CertificateLabels = z.input<typeof certificateLabelsSchema>

/** A withdrawn credential's mark: the word ("REVOKED") and, in `detail`, when and why. */
export const certificateStatusSchema = z.strictObject({
  kind: z.enum(['revoked', 'suspended'], 'must be revoked or suspended'),
  /** The word drawn across the page, in the caller's language: "REVOKED", "WIDERRUFEN". */
  label: text(60),
  /** A line under it: "Revoked on 12 March 2026: issued in error". */
  detail: text(300).optional(),
})

/** Whether a certificate's credential is withdrawn, said in the caller's language. */
export type CertificateStatus = z.input<typeof certificateStatusSchema>

/** The English labels, dates formatted for `locale` in UTC: what a certificate prints when the caller gives none. */
export function englishLabels(c: {
  locale: string
  recipientName: string
  achievementName: string
  issuedOn: Date
  validUntil?: Date | undefined
}): CertificateLabels {
  const date = new Intl.DateTimeFormat(c.locale, { dateStyle: 'long', timeZone: 'UTC' })
  return {
    certifies: 'This certifies that',
    hasEarned: 'has earned',
    skills: 'Skills:',
    issuedBy: 'Issued by',
    issuedOn: `Issued on ${date.format(c.issuedOn)}`,
    ...(c.validUntil ? { validUntil: `Valid until ${date.format(c.validUntil)}` } : {}),
    credentialId: 'Credential ID:',
    scanToVerify: 'Scan or visit to verify',
    subject: `${c.achievementName}, awarded to ${c.recipientName}`,
  }
}
