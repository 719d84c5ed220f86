import type { VerificationReport } from '../../core/verification/index.js'
import type { TrustVerdict } from '../trust/trust-check.js'
import type { CredentialState } from './ports.js'

/** What a person needs to know first about a credential, in one word. */
export type Verdict = 'verified' | 'revoked' | 'suspended' | 'expired' | 'not-verified' | 'issuer-untrusted'

/**
 * The verdict of a verification: the issuer's own record (revoked, suspended) first, then what the
 * checks found (revoked or suspended by the status list, expired), else verified or not; a
 * credential whose every check passed but whose issuer is in no trusted list (the `trust` check
 * failed, or `trust.trusted` is false: see app/trust/trust-check.ts) is `issuer-untrusted`.
 */
export function verdictOf(report: VerificationReport & { trust?: TrustVerdict }, state?: CredentialState): Verdict {
  const code = (id: string) => report.checks.find((c) => c.id === id && c.outcome === 'failed')?.code
  if (state === 'revoked' || code('status') === 'CREDENTIAL_REVOKED') return 'revoked'
  if (state === 'suspended' || code('status') === 'CREDENTIAL_SUSPENDED') return 'suspended'
  const failed = report.checks.filter((c) => c.outcome === 'failed' && c.id !== 'trust')
  const untrusted = report.trust?.trusted === false || code('trust') === 'ISSUER_NOT_TRUSTED'
  if (report.verified && failed.length === 0) return untrusted ? 'issuer-untrusted' : 'verified'
  if (failed.length === 1 && failed[0]!.code === 'CREDENTIAL_EXPIRED') return 'expired'
  if (failed.length === 1 && failed[0]!.code === 'ISSUER_NOT_TRUSTED') return 'issuer-untrusted'
  return 'not-verified'
}
