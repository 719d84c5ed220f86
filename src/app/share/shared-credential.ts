// A wallet credential as others see it when its holder shares it: what it is, who issued it, its
// verdict, and where a visitor reads it. Never the parts the holder keeps to themselves (hidden
// items are never shared; the holder's name only when they chose to show it).
import type { VerificationReport } from '../../core/verification/index.js'
import { credentialUuid } from '../credentials/credential-id.js'
import { verdictOf, type Verdict } from '../credentials/verdict.js'
import type { DisplaySkill } from '../wallet/display.js'
import type { WalletItemRecord } from '../wallet/ports.js'

/** One shared credential. */
export interface SharedCredential {
  /** The wallet item's id. */
  id: string
  /** The credential's own `id`, when it has one. */
  credentialId: string | null
  source: 'claim' | 'import'
  format: WalletItemRecord['format']
  name: string
  description: string
  imageUrl: string | null
  issuer: { id: string | null; name: string }
  issuedAt: string | null
  expiresAt: string | null
  skills: DisplaySkill[]
  /** What a person needs to know first, from the latest verification. */
  verdict: Verdict
  verified: boolean
  checkedAt: string
  /** Issued by this instance: its public page /c/{uuid} and downloads exist. */
  issuedHere: string | null
  /** The credential as received: a JSON object, or a compact VC-JWT string. */
  document: unknown
}

/** The stored report, or a failed one when it cannot be read. */
export function reportOf(item: Pick<WalletItemRecord, 'report' | 'verified'>): VerificationReport | undefined {
  try {
    const report = JSON.parse(item.report) as VerificationReport
    return report && Array.isArray(report.checks) ? report : undefined
  } catch {
    return undefined
  }
}

/** The verdict of an item: its report's, and expired once its expiry passed (even if it verified when checked). */
export function verdictOfItem(item: Pick<WalletItemRecord, 'report' | 'verified' | 'expiresAt'>, now: Date, report = reportOf(item)): Verdict {
  const verdict = report ? verdictOf(report) : item.verified ? 'verified' : 'not-verified'
  if (verdict === 'verified' && item.expiresAt && Date.parse(item.expiresAt) <= now.getTime()) return 'expired'
  return verdict
}

/** The document as received, parsed when it is JSON. */
export function documentOf(item: Pick<WalletItemRecord, 'document' | 'format'>): unknown {
  if (item.format === 'vc-jwt') return item.document.trim()
  try {
    return JSON.parse(item.document)
  } catch {
    return item.document
  }
}

/** The shared view of an item. */
export function sharedCredentialOf(item: WalletItemRecord, now: Date, report?: VerificationReport): SharedCredential {
  return {
    id: item.id,
    credentialId: item.credentialId,
    source: item.source,
    format: item.format,
    name: item.name,
    description: item.description,
    imageUrl: item.imageUrl,
    issuer: { id: item.issuerId, name: item.issuerName },
    issuedAt: item.issuedAt,
    expiresAt: item.expiresAt,
    skills: item.skills,
    verdict: verdictOfItem(item, now, report ?? reportOf(item)),
    verified: report ? report.verified : item.verified,
    checkedAt: item.checkedAt,
    issuedHere: item.issuedCredentialId ? credentialUuid(item.issuedCredentialId) : null,
    document: documentOf(item),
  }
}
