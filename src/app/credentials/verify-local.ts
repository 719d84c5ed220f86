import { jcs } from '../../core/canonical/index.js'
import type { LogInclusionSource } from '../../core/verification/check-log-inclusion.js'
import { didWebUrl, verifyCredential, type Check, type VerificationMemo, type VerificationReport } from '../../core/verification/index.js'
import type { Clock } from '../platform/ports.js'
import type { LogReader } from '../ports.js'
import { instanceFetcher, localPathOf } from './instance-fetcher.js'
import type { DocumentAccess, FetchLocal } from './ports.js'
import { signedDocumentOf } from './signed-document.js'

/** What a verification on this instance reads: the clock, its public URL, its log and stored credentials, and its documents. */
export interface LocalVerificationDeps {
  clock: Clock
  publicUrl: string
  store: { log: LogReader; credentials: { get(id: string): Promise<{ credential: unknown } | undefined> } }
  documents: DocumentAccess
  /** Keeps the log's verifier key once asked (see VerificationCache.logKey). */
  logKey?: (fetchLocal: FetchLocal, ask: () => Promise<string | undefined>) => Promise<string | undefined>
}

/**
 * Verifies a credential (object, JSON text or compact VC-JWT) on this instance: every check of
 * `verifyCredential`, with this instance's DID documents and status lists answered in-process (no
 * network), other hosts' only through `documents.fetchRemote`, and log inclusion proved against
 * this instance's log for its own organizations' credentials. A credential this instance stored
 * but whose log entry no signed checkpoint covers yet is reported pending (skipped), not failed.
 * `memo` (a VerificationCache's, for a credential issued here) lets outcomes that did not change be reused.
 * @example const report = await verifyLocal({ clock, publicUrl, store, documents }, credential)
 */
export async function verifyLocal(deps: LocalVerificationDeps, input: unknown, memo?: VerificationMemo): Promise<VerificationReport> {
  const log = await instanceLog(deps)
  const report = await verifyCredential(input, { now: deps.clock.now(), fetcher: instanceFetcher(deps.publicUrl, deps.documents), ...(log ? { log } : {}), ...(memo ? { memo } : {}) })
  if (!log) return replaceCheck(report, { id: 'log-inclusion', outcome: 'skipped', message: 'This instance publishes no transparency log' })
  const logCheck = report.checks.find((c) => c.id === 'log-inclusion')
  if (logCheck?.code === 'NOT_IN_LOG' && (await isStoredHere(deps, report.credential))) {
    return replaceCheck(report, {
      id: 'log-inclusion',
      outcome: 'skipped',
      message: "Pending: the credential is in this instance's log, but no signed checkpoint covers it yet; it is provable from the next checkpoint (within seconds)",
    })
  }
  return report
}

/** Whether log-inclusion was set aside because the credential awaits the next checkpoint. */
export const isLogPending = (report: VerificationReport): boolean =>
  report.checks.some((c) => c.id === 'log-inclusion' && c.outcome === 'skipped' && c.message.startsWith('Pending'))

/** This instance's log and its checkpoint key (as `/log/key` serves it), for its own organizations' credentials; undefined when it publishes none. */
async function instanceLog({ publicUrl, store, documents, logKey }: LocalVerificationDeps): Promise<LogInclusionSource | undefined> {
  const ask = async () => {
    const res = await documents.fetchLocal('/log/key')
    return res.status === 200 ? (await res.text()).trim() : undefined
  }
  const verifierKey = await (logKey ? logKey(documents.fetchLocal, ask) : ask())
  if (verifierKey === undefined) return undefined
  return { verifierKeys: [verifierKey], local: store.log, isLocalIssuer: (issuer) => isLocalDid(publicUrl, issuer) }
}

/** Whether `issuer` is the did:web of one of this instance's organizations. */
export function isLocalDid(publicUrl: string, issuer: string): boolean {
  if (!issuer.startsWith('did:web:')) return false
  try {
    return localPathOf(publicUrl, didWebUrl(issuer))?.startsWith('/orgs/') ?? false
  } catch {
    return false
  }
}

/** Whether exactly this credential is stored here (and so was appended to the log when it was issued). */
async function isStoredHere({ store }: LocalVerificationDeps, credential: Record<string, unknown> | undefined): Promise<boolean> {
  if (typeof credential?.id !== 'string') return false
  const stored = await store.credentials.get(credential.id)
  if (!stored) return false
  try {
    return jcs(signedDocumentOf(stored.credential).credential) === jcs(credential)
  } catch {
    return false
  }
}

/**
 * The report with the check of `check.id` replaced, and the verdict recomputed as verifyCredential
 * decides it. The `trust` check never changes `verified` (see app/trust/trust-check.ts).
 */
export function replaceCheck<R extends VerificationReport>(report: R, check: Check): R {
  const checks = report.checks.map((c) => (c.id === check.id ? check : c))
  const verified = checks.every((c) => c.outcome !== 'failed' || c.id === 'trust') && checks.some((c) => c.id === 'proof' && c.outcome === 'passed')
  return { ...report, verified, checks }
}
