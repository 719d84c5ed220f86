import type { VerificationReport } from '../../core/verification/index.js'
import type { PlatformPorts } from '../platform/ports.js'
import type { DocumentAccess, IssuedCredentialView } from './ports.js'
import { signedText } from './signed-document.js'
import { replaceCheck, verifyLocal } from './verify-local.js'

/** What verifying on this instance takes: the platform's store, clock and public URL, and document access. */
export type VerifyDeps = Pick<PlatformPorts, 'store' | 'clock' | 'publicUrl'> & { documents: DocumentAccess }

/**
 * Verifies a credential this instance issued, live (proof, status, log inclusion: see verifyLocal),
 * and records the verification for the issuer's statistics.
 */
export async function verifyIssuedCredential(deps: VerifyDeps, view: IssuedCredentialView): Promise<VerificationReport> {
  const report = withIssuerState(await verifyLocal(deps, signedText(view.document)), view)
  await deps.store.repos.credentialViews.recordVerification({ credentialId: view.id, orgId: view.org.id, verified: report.verified, at: deps.clock.now().toISOString() })
  return report
}

/**
 * Verifies any credential someone submits (JSON, its text, or a compact VC-JWT): this instance's
 * own resolve in-process, others' documents only through the configured remote fetcher. Records
 * the verification when the credential has an id (with its organization when it is one of ours).
 */
export async function verifySubmittedCredential(deps: VerifyDeps, input: unknown): Promise<VerificationReport> {
  let report = await verifyLocal(deps, input)
  const id = report.credential?.id
  if (typeof id !== 'string' || id.length > 2000) return report
  const ours = await deps.store.repos.credentialViews.byId(id)
  if (ours) report = withIssuerState(report, ours)
  await deps.store.repos.credentialViews.recordVerification({ credentialId: id, orgId: ours?.org.id ?? null, verified: report.verified, at: deps.clock.now().toISOString() })
  return report
}

/**
 * A suspension this instance recorded fails the status check even though the credential carries
 * only its revocation entry (OB 3.0 allows one `credentialStatus`): the issuer's own record is
 * authoritative here. A revocation already shows through the status list.
 */
function withIssuerState(report: VerificationReport, view: IssuedCredentialView): VerificationReport {
  const status = report.checks.find((c) => c.id === 'status')
  if (view.state !== 'suspended' || status?.outcome === 'failed') return report
  const reason = view.stateReason ? `: ${view.stateReason}` : ''
  return replaceCheck(report, { id: 'status', outcome: 'failed', code: 'CREDENTIAL_SUSPENDED', message: `The issuer has suspended this credential${reason}` })
}
