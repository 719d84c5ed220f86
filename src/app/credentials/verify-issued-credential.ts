import type { VerificationReport } from '../../core/verification/index.js'
import { withTrust, type TrustedReport } from '../trust/trust-check.js'
import type { PlatformPorts } from '../platform/ports.js'
import type { LookRecorder } from './look-recorder.js'
import type { KeptReads } from '../platform/kept-reads.js'
import type { DocumentAccess, IssuedCredentialView, VerificationEvent, VerificationKind } from './ports.js'
import { signedText } from './signed-document.js'
import { getIssuedCredential } from './get-issued-credential.js'
import type { HostedReport, VerificationCache } from './verification-cache.js'
import { replaceCheck, verifyLocal } from './verify-local.js'

/**
 * What verifying on this instance takes: the platform's store, clock and public URL, document
 * access, and optionally what is kept between verifications and where looks are counted (written
 * one by one to the store without it).
 */
export type VerifyDeps = Pick<PlatformPorts, 'store' | 'clock' | 'publicUrl'> & { documents: DocumentAccess; cache?: VerificationCache; looks?: LookRecorder; kept?: KeptReads }

/** Who is looking, as far as the request says: a signed-in user, or an organization's API key. */
export type Viewer = { userId: string } | { orgId: string }

/** Whether `viewer` belongs to the organization `orgId` (its own looks are not the issuer's statistics). */
async function isInsider({ store }: Pick<VerifyDeps, 'store'>, orgId: string | null, viewer: Viewer | undefined): Promise<boolean> {
  if (!viewer || orgId === null) return false
  if ('orgId' in viewer) return viewer.orgId === orgId
  return (await store.repos.access.roleOf(orgId, viewer.userId)) !== undefined
}

/** How a look is recorded: a page `view` or a `verification` report, and who asked. */
export interface LookOptions {
  kind: VerificationKind
  viewer?: Viewer | undefined
}

/**
 * Records one look for the issuer's statistics, unless a member of the issuing organization asked.
 * On every anonymous GET of a credential: the look is written field by field (an object spread
 * here cost ~2 µs a request on Node 20) and an anonymous look does not wait for a promise.
 */
export function recordLook(deps: Pick<VerifyDeps, 'store' | 'clock' | 'looks'>, event: { credentialId: string; orgId: string | null; verified: boolean }, { kind, viewer }: LookOptions): Promise<void> | undefined {
  if (viewer !== undefined && event.orgId !== null) return recordUnlessInsider(deps, event, kind, viewer)
  const look: VerificationEvent = { credentialId: event.credentialId, orgId: event.orgId, kind, verified: event.verified, at: deps.clock.now().toISOString() }
  if (deps.looks) deps.looks.record(look)
  else return deps.store.repos.credentialViews.recordVerification(look)
  return undefined
}

async function recordUnlessInsider(deps: Pick<VerifyDeps, 'store' | 'clock' | 'looks'>, event: { credentialId: string; orgId: string | null; verified: boolean }, kind: VerificationKind, viewer: Viewer): Promise<void> {
  if (await isInsider(deps, event.orgId, viewer)) return
  await recordLook(deps, event, { kind })
}

/**
 * Counts a verification a visitor's browser made of a credential this instance issued (its /verify
 * page's beacon): kind `verification`, channel `browser`, through the look recorder; nothing about
 * the visitor is kept. False when a member of the issuing organization reported it (not counted).
 */
export async function recordBrowserVerification(deps: Pick<VerifyDeps, 'store' | 'clock' | 'looks'>, view: IssuedCredentialView, verified: boolean, viewer: Viewer | undefined): Promise<boolean> {
  if (await isInsider(deps, view.org.id, viewer)) return false
  const look = { credentialId: view.id, orgId: view.org.id, verified, kind: 'verification' as const, channel: 'browser' as const, at: deps.clock.now().toISOString() }
  if (deps.looks) deps.looks.record(look)
  else await deps.store.repos.credentialViews.recordVerification(look)
  return true
}

/**
 * Verifies a credential this instance issued, live (proof, status, log inclusion: see verifyLocal),
 * and records the look (a page view or a verification) for the issuer's statistics. With a
 * `cache`, the proof stage of an unchanged signed text and key set is reused (marked `cachedFrom`).
 */
export async function verifyIssuedCredential(deps: VerifyDeps, view: IssuedCredentialView, look: LookOptions): Promise<TrustedReport> {
  return (await verifyHostedCredential(deps, view, look)).report
}

/**
 * verifyIssuedCredential with what its report was computed from: with a `cache`, the report is
 * kept and reused while its version (state, key set, status lists, checkpoint) is unchanged
 * (VerificationCache.hostedReport); without one, `version` is undefined.
 */
export async function verifyHostedCredential(deps: VerifyDeps, view: IssuedCredentialView, look: LookOptions, changeToken?: string): Promise<HostedReport> {
  const text = signedText(view.document)
  const { cache } = deps
  const hosted: HostedReport = cache
    ? await cache.hostedReport(view, text, deps.documents.fetchLocal, async (memo) => withTrust(deps, withIssuerState(await verifyLocal({ ...deps, logKey: cache.logKey }, text, memo), view)), changeToken)
    : { report: await withTrust(deps, withIssuerState(await verifyLocal(deps, text), view)), version: undefined, stableUntil: deps.clock.now().getTime() }
  await recordLook(deps, { credentialId: view.id, orgId: view.org.id, verified: hosted.report.verified }, look)
  return hosted
}

/**
 * verifyIssuedCredential of the credential `param` names (its UUID or `urn:uuid:` id): with a
 * `cache` and a store that tells its change token (SQLite), a report kept while nothing was written
 * since it was computed or its version read is answered without reading anything (the look is
 * still counted); otherwise the credential is read and verified as verifyHostedCredential does.
 * ERR_NOT_FOUND for a credential not issued here.
 */
export async function verifyHostedCredentialById(deps: VerifyDeps, param: string, look: LookOptions): Promise<TrustedReport> {
  const changeToken = deps.cache ? deps.store.changeToken?.() : undefined
  const warm = changeToken === undefined ? undefined : deps.cache!.warmReport(param, deps.documents.fetchLocal, changeToken)
  if (warm) {
    await recordLook(deps, { credentialId: warm.credentialId, orgId: warm.orgId, verified: warm.report.verified }, look)
    return warm.report
  }
  return (await verifyHostedCredential(deps, await getIssuedCredential(deps, param), look, changeToken)).report
}

/**
 * Verifies any credential someone submits (JSON, its text, or a compact VC-JWT): this instance's
 * own resolve in-process, others' documents only through the configured remote fetcher. With a
 * `cache`, this instance's status lists are verified once per version, not per request. Records
 * the verification when the credential has an id (with its organization when it is one of ours).
 */
export async function verifySubmittedCredential(deps: VerifyDeps, input: unknown, viewer?: Viewer): Promise<TrustedReport> {
  // The submitted credential's proof is always verified; this instance's own status lists, its log key and passed log checks are kept (see VerificationCache).
  const local = deps.cache ? { ...deps, logKey: deps.cache.logKey } : deps
  let report = await withTrust(deps, await verifyLocal(local, input, deps.cache?.submittedMemo(typeof input === 'string' ? input : undefined)))
  const id = report.credential?.id
  if (typeof id !== 'string' || id.length > 2000) return report
  const byId = () => deps.store.repos.credentialViews.byId(id)
  const ours = await (deps.kept ? deps.kept(`view:${id}`, byId) : byId())
  if (ours) report = withIssuerState(report, ours)
  await recordLook(deps, { credentialId: id, orgId: ours?.org.id ?? null, verified: report.verified }, { kind: 'verification', viewer })
  return report
}

/**
 * A suspension this instance recorded fails the status check even though the credential carries
 * only its revocation entry (OB 3.0 allows one `credentialStatus`): the issuer's own record is
 * authoritative here. A revocation already shows through the status list.
 */
function withIssuerState<R extends VerificationReport>(report: R, view: IssuedCredentialView): R {
  const status = report.checks.find((c) => c.id === 'status')
  if (view.state !== 'suspended' || status?.outcome === 'failed') return report
  const reason = view.stateReason ? `: ${view.stateReason}` : ''
  return replaceCheck(report, { id: 'status', outcome: 'failed', code: 'CREDENTIAL_SUSPENDED', message: `The issuer has suspended this credential${reason}` })
}
