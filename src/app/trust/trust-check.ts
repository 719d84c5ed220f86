import { isClrCredential } from '../../core/clr/index.js'
import type { Check, EmbeddedReport, VerificationReport } from '../../core/verification/index.js'
import { isLocalDid } from '../credentials/verify-local.js'
import type { PlatformPorts } from '../platform/ports.js'

/** Whether the issuer of a verified credential is one this instance trusts, and by which list. */
export interface TrustVerdict {
  trusted: boolean
  /** The list that trusts it: this instance (its own organizations), "Added by an administrator", or a registry's name. */
  list?: string
}

/**
 * A verification report of this instance's public verifier: every check of the credential, then the
 * `trust` check, and `trust` beside `verified`. `verified` stays about the cryptography, the dates
 * and the status; an issuer in no trusted list is the separate verdict "Issuer not trusted"
 * (verdictOf), so `trust` never turns `verified` false (docs/VERIFICATION.md).
 */
export type TrustedReport = VerificationReport & { trust: TrustVerdict }

/** The list name of trusted issuers an administrator added by hand. */
export const MANUAL_LIST = 'Added by an administrator of this instance'

/** The list name of this instance's own organizations. */
export const instanceList = (publicUrl: string): string => `This instance (${new URL(publicUrl).host})`

/** The issuer id a credential names: `issuer` as a string, or its `id`. */
export function issuerIdOf(credential: Record<string, unknown> | undefined): string | undefined {
  const issuer = credential?.issuer
  const id = typeof issuer === 'string' ? issuer : typeof issuer === 'object' && issuer !== null ? (issuer as { id?: unknown }).id : undefined
  return typeof id === 'string' && id !== '' && id.length <= 2000 ? id : undefined
}

/** Which list trusts `issuerId`: this instance's organizations first, then issuers added by hand, then registries. */
export async function trustOf({ store, publicUrl }: Pick<PlatformPorts, 'store' | 'publicUrl'>, issuerId: string): Promise<TrustVerdict> {
  if (isLocalDid(publicUrl, issuerId)) return { trusted: true, list: instanceList(publicUrl) }
  const candidates = issuerId.startsWith('did:') ? [issuerId] : [...new Set([issuerId, issuerId.replace(/\/+$/, '')])]
  for (const candidate of candidates) {
    const [entry] = await store.repos.trust.issuersWithId(candidate)
    if (entry) return { trusted: true, list: entry.source === 'manual' ? MANUAL_LIST : (entry.registryName ?? 'registry') }
  }
  return { trusted: false }
}

/**
 * The report with the `trust` check appended (and `trust` set): passed "Issuer trusted: <list>",
 * failed ISSUER_NOT_TRUSTED "Signature valid, issuer not in any trusted list", or skipped when the
 * signature did not verify (trust is judged only for a valid signature). `verified` is unchanged.
 */
export async function withTrust(deps: Pick<PlatformPorts, 'store' | 'publicUrl'>, report: VerificationReport): Promise<TrustedReport> {
  if (report.embedded && isClrCredential(report.credential)) return withRecordTrust(deps, report, report.embedded)
  const issuerId = trustSubjectOf(report)
  return withTrustVerdict(report, issuerId === undefined ? undefined : await trustOf(deps, issuerId))
}

/** The issuer whose trust a report needs judged: its issuer id when the proof passed, else undefined. */
export function trustSubjectOf(report: VerificationReport): string | undefined {
  const proof = report.checks.find((c) => c.id === 'proof')
  return proof?.outcome === 'passed' ? issuerIdOf(report.credential) : undefined
}

/**
 * The report with the `trust` check for an answer already known (`trustOf`'s here; the public
 * `GET /api/v1/trust`'s in the browser verifier), or skipped when `trust` is undefined (no valid
 * signature). Pure; `verified` is unchanged.
 */
export function withTrustVerdict(report: VerificationReport, trust: TrustVerdict | undefined): TrustedReport {
  const checks = report.checks.filter((c) => c.id !== 'trust')
  const issuerId = issuerIdOf(report.credential)
  if (trust === undefined || issuerId === undefined) {
    const check: Check = { id: 'trust', outcome: 'skipped', message: 'Trust in the issuer is judged only for a valid signature' }
    return { ...report, checks: [...checks, check], trust: { trusted: false } }
  }
  const check: Check = trust.trusted
    ? { id: 'trust', outcome: 'passed', message: `Issuer trusted: ${trust.list}` }
    : { id: 'trust', outcome: 'failed', code: 'ISSUER_NOT_TRUSTED', message: `Signature valid, issuer not in any trusted list (${issuerId.slice(0, 200)})` }
  return { ...report, checks: [...checks, check], trust }
}

/**
 * A CLR 2.0 record's trust: whoever assembled it (often the learner, by their own DID) vouches for
 * nothing; what a reader trusts is the issuers of the credentials it holds. Each embedded credential
 * gets its own trust check, and the record is trusted when every one of their issuers is.
 */
async function withRecordTrust(deps: Pick<PlatformPorts, 'store' | 'publicUrl'>, report: VerificationReport, entries: readonly EmbeddedReport[]): Promise<TrustedReport> {
  const embedded = await Promise.all(entries.map(async (e) => ({ ...e, report: await withTrust(deps, e.report) })))
  const checks = report.checks.filter((c) => c.id !== 'trust')
  if (trustSubjectOf(report) === undefined || embedded.length === 0) {
    const check: Check = { id: 'trust', outcome: 'skipped', message: 'Trust in the issuers is judged only for a valid signature' }
    return { ...report, embedded, checks: [...checks, check], trust: { trusted: false } }
  }
  const untrusted = embedded.filter((e) => !e.report.trust.trusted)
  if (untrusted.length > 0) {
    const named = untrusted.map((e) => `#${e.index + 1}${issuerIdOf(e.report.credential) ? ` (${issuerIdOf(e.report.credential)!.slice(0, 200)})` : ''}`).join(', ')
    const check: Check = { id: 'trust', outcome: 'failed', code: 'ISSUER_NOT_TRUSTED', message: `The issuers of ${untrusted.length} of ${embedded.length} credentials in this record are in no trusted list: ${named}` }
    return { ...report, embedded, checks: [...checks, check], trust: { trusted: false } }
  }
  const lists = [...new Set(embedded.map((e) => e.report.trust.list).filter((l): l is string => !!l))]
  const check: Check = { id: 'trust', outcome: 'passed', message: `Every credential in this record comes from a trusted issuer: ${lists.join('; ')}` }
  return { ...report, embedded, checks: [...checks, check], trust: { trusted: true, list: lists.join('; ') } }
}
