import type { VerificationReport } from '../../core/verification/index.js'
import type { CredentialState } from './ports.js'

/** What a person needs to know first about a credential, in one word. */
export type Verdict = 'verified' | 'revoked' | 'suspended' | 'expired' | 'not-verified' | 'issuer-untrusted'

/**
 * The verdict of a verification: the issuer's own record (revoked, suspended) first, then what the
 * checks found (revoked or suspended by the status list, expired, a signature that is valid but
 * from an issuer in no trusted list), else verified or not.
 */
export function verdictOf(report: VerificationReport, state?: CredentialState): Verdict {
  const code = (id: string) => report.checks.find((c) => c.id === id && c.outcome === 'failed')?.code
  if (state === 'revoked' || code('status') === 'CREDENTIAL_REVOKED') return 'revoked'
  if (state === 'suspended' || code('status') === 'CREDENTIAL_SUSPENDED') return 'suspended'
  if (report.verified) return 'verified'
  const failed = report.checks.filter((c) => c.outcome === 'failed')
  if (failed.length === 1 && failed[0]!.code === 'CREDENTIAL_EXPIRED') return 'expired'
  if (failed.length === 1 && failed[0]!.code === 'ISSUER_NOT_TRUSTED') return 'issuer-untrusted'
  return 'not-verified'
}
