import { createHash } from 'node:crypto'
import type { Check, ProofStage, VerificationMemo } from '../../core/verification/index.js'
import type { StatusListResult } from '../../core/verification/verify-status-list.js'
import type { PlatformPorts } from '../platform/ports.js'
import { issuerIdOf, type TrustedReport } from '../trust/trust-check.js'
import { isLocalDid } from './verify-local.js'
import { localPathOf } from './instance-fetcher.js'
import { credentialIdOf } from './credential-id.js'
import { keptReads } from '../platform/kept-reads.js'
import type { FetchLocal, IssuedCredentialView } from './ports.js'
import { BoundedMap } from '../../core/bounded-map.js'

/** How many credentials' proof outcomes and log checks are kept (least recently used go first). */
const MAX_ENTRIES = 50_000

/** How many hosted credentials' whole reports are kept (least recently used go first). */
const MAX_REPORTS = 10_000

/**
 * How long a kept report of a hosted credential is reused at most, even when nothing it was read
 * from changed (a bound on anything time-dependent not named in its version): 5 to 10 minutes, at
 * random, so the reports kept at one moment are not all verified again at one later moment.
 */
const REPORT_MAX_AGE_MS = 600_000

/** The checks of the proof stage: what a reused report marks `cachedFrom`, as a memo's reuse does. */
const PROOF_STAGE_CHECKS = new Set(['schema', 'proof', 'issuer-binding'])

/** A hosted credential's report, and what it was computed from. */
export interface HostedReport {
  report: TrustedReport
  /**
   * Everything the report was computed from that can change (the credential's state and reason, its
   * organization's key set, its status lists' versions, the log's checkpoint size): equal versions
   * and a time before `stableUntil` give the same report. Undefined when the report is not kept
   * (an expiring proof, another host's status list).
   */
  version: string | undefined
  /** Until when (ms since the epoch) the report stays what a fresh verification gives, at the same version: the next validity boundary of the credential, and at most 5 to 10 minutes. */
  stableUntil: number
}

const STATUS_PATH = /^\/status\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/

/**
 * What verifying this instance's own credentials keeps between requests, so a page view or a
 * verification costs what can change:
 * - the proof stage (schema, proof, issuer binding) of a signed text, by its SHA-256 and the issuing
 *   organization's key set version (its unrevoked keys and its DID): revoking a key changes the
 *   version, so the kept outcome is no longer found and the proof is verified again;
 * - each of this instance's status lists, verified once per (list version, key set version);
 * - each credential's passed log-inclusion check, per checkpoint size;
 * - the log's checkpoint key (fixed for the life of the process).
 * Validity period and the status bits are read on every verification.
 */
export interface VerificationCache {
  /** The memo of one verification of `view`, read against the store's current key set, lists and checkpoint. */
  memoFor(view: IssuedCredentialView, signedText: string): Promise<VerificationMemo>
  /**
   * The memo of one verification of a submitted credential (any text, from anyone): only this
   * instance's own status lists are kept (per list version and its organization's key set version,
   * as for `memoFor`), and, given the submitted text, a passed log-inclusion check per checkpoint
   * size (what `memoFor` keeps too). The submitted credential's own proof is always verified.
   */
  submittedMemo(text?: string): VerificationMemo
  /**
   * The report of one of this instance's credentials: kept per credential and reused while its
   * version (state, key set, status list versions, checkpoint size: read per call, a few indexed
   * reads) is unchanged and its validity boundaries and 5 to 10 minutes have not passed; otherwise
   * `compute(memo)` (a fresh verification with `memoFor`'s memo) and kept, per app (`fetchLocal`:
   * the app answers its documents and its log key). A credential with an
   * expiring proof or another host's status list is always computed.
   */
  hostedReport(view: IssuedCredentialView, signedText: string, fetchLocal: FetchLocal, compute: (memo: VerificationMemo) => Promise<TrustedReport>, changeToken?: string): Promise<HostedReport>
  /**
   * The kept report of the hosted credential `id` (its UUID or `urn:uuid:` id) for this app, without
   * reading anything, when the store's change token still reads `changeToken` (PlatformStore.changeToken)
   * as when that report was computed or its version last read, and its time bounds hold; otherwise
   * undefined (read the credential and call `hostedReport`, passing the token read before those reads).
   */
  warmReport(id: string, fetchLocal: FetchLocal, changeToken: string): { report: TrustedReport; credentialId: string; orgId: string; stableUntil: number } | undefined
  /** The log's verifier key as `fetchLocal('/log/key')` answers it, asked once per app and kept; undefined while it publishes no log. */
  logKey(fetchLocal: FetchLocal, ask: () => Promise<string | undefined>): Promise<string | undefined>
}

/** A proof stage with the time it ran; every reuse marks its checks `cachedFrom` that time. */
interface KeptStage {
  stage: ProofStage
  at: string
}

/** Whether a proof of the credential expires: its outcome then depends on the time, and is not kept. */
function hasExpiringProof(credential: Record<string, unknown>): boolean {
  const proofs = Array.isArray(credential.proof) ? credential.proof : [credential.proof]
  return proofs.some((p) => typeof p === 'object' && p !== null && 'expires' in p)
}

/** The credential's status list URLs (its `credentialStatus` entries'). */
function statusListUrls(credential: Record<string, unknown>): unknown[] {
  const status = credential.credentialStatus
  const entries = Array.isArray(status) ? status : status === undefined ? [] : [status]
  return entries.map((e) => (typeof e === 'object' && e !== null ? (e as { statusListCredential?: unknown }).statusListCredential : undefined))
}

/** The first of the credential's validity boundaries (validFrom / validUntil and their VC 1.1 names) after `now`, or `max`. */
function nextValidityBoundary(credential: Record<string, unknown>, now: number, max: number): number {
  let until = max
  for (const field of ['validFrom', 'validUntil', 'issuanceDate', 'expirationDate']) {
    const value = credential[field]
    const at = typeof value === 'string' ? Date.parse(value) : Number.NaN
    if (at > now && at < until) until = at
  }
  return until
}

/** What one hosted report's verification read of its version: its status lists' versions (by list id) and the log's checkpoint size. */
interface ReadForReport {
  versions: Map<string, number | undefined>
  size: number | undefined
}

/** A kept hosted report: its version, until when it holds, and the report as a reuse answers it. */
interface KeptReport {
  version: string
  until: number
  report: TrustedReport
  /** The organization that issued it (whose members' looks are not counted). */
  orgId: string
  /** The app it was computed for (appIdOf), and the store's change token read before its version last was. */
  app: number
  changeToken: string | undefined
}

export function createVerificationCache({ store, clock, publicUrl }: Pick<PlatformPorts, 'store' | 'clock' | 'publicUrl'>): VerificationCache {
  // The small reads of every look (key sets, list versions, the latest checkpoint), kept while the
  // store's change token is unchanged (SQLite); read every time where the store has none.
  const kept = keptReads(store)
  const latestCheckpointSize = () => kept('checkpoint', async () => (await store.log.latestCheckpoint())?.checkpoint.size)
  const listVersion = (listId: string) => kept(`list:${listId}`, () => store.repos.statusLists.version(listId))
  const stages = new BoundedMap<string, KeptStage>(MAX_ENTRIES, { recency: true })
  // A kept report holds its parsed credential (a few KB): fewer of them than of proof outcomes.
  const reports = new BoundedMap<string, KeptReport>(MAX_REPORTS, { recency: true })
  const lists = new BoundedMap<string, { version: string; result: Promise<StatusListResult> }>(10_000, { recency: true })
  const logChecks = new BoundedMap<string, { size: number; check: Check }>(MAX_ENTRIES, { recency: true })
  const logKeys = new WeakMap<FetchLocal, string>()
  // Each app (its fetchLocal) a number, for the versions of the reports it answers.
  const apps = new WeakMap<FetchLocal, number>()
  let appCount = 0
  const appIdOf = (fetchLocal: FetchLocal): number => {
    const known = apps.get(fetchLocal)
    if (known !== undefined) return known
    apps.set(fetchLocal, ++appCount)
    return appCount
  }

  /** The organization's key set version: its DID (slug) and unrevoked keys; a revocation or rotation changes it. */
  async function keySetVersion(org: Pick<IssuedCredentialView['org'], 'id' | 'slug'>): Promise<string> {
    const keys = await kept(`keys:${org.id}`, () => store.repos.orgKeys.keysOf(org.id))
    return `${org.slug}:${keys
      .filter((k) => k.state !== 'revoked')
      .map((k) => `${k.id}=${k.publicKeyMultibase}`)
      .join(',')}`
  }

  /** This instance's status list id in a status list URL, or undefined for another host's. */
  const listIdOf = (url: string) => STATUS_PATH.exec(localPathOf(publicUrl, url) ?? '')?.[1]

  /**
   * One of this instance's status lists: verified once per (list version, key set version of its
   * organization, credential issuer) and kept; `current` reads the first two. Another host's list, or an unknown one, is `verify()`'d.
   */
  async function keptList(
    url: string,
    verify: () => Promise<StatusListResult>,
    issuer: string | undefined,
    current: () => Promise<{ version: number | undefined; keys: string } | undefined>,
  ): Promise<StatusListResult> {
    if (listIdOf(url) === undefined) return verify()
    const now = await current()
    if (now?.version === undefined) return verify()
    // Whether the list verifies for a credential depends on that credential's issuer too (the list must be theirs).
    const version = `${now.version}:${now.keys}:${issuer ?? ''}`
    const known = lists.get(url)
    if (known?.version === version) return known.result
    const entry = { version, result: verify() }
    lists.set(url, entry)
    // A list that did not verify is not kept: the next look fetches it again.
    const forget = () => (lists.peek(url) === entry ? lists.delete(url) : undefined)
    void entry.result.then((r) => (r.ok ? undefined : forget()), forget)
    return entry.result
  }

  /**
   * A passed log-inclusion check of the credential `key`, kept for the log's current checkpoint size
   * (`read` when this verification read it already); otherwise `check()`'s.
   */
  async function keptLogCheck(key: string, check: () => Promise<Check>, read?: ReadForReport): Promise<Check> {
    const size = read ? read.size : await latestCheckpointSize()
    const known = logChecks.get(key)
    if (size !== undefined && known?.size === size) return known.check
    const result = await check()
    if (size !== undefined && result.outcome === 'passed') logChecks.set(key, { size, check: result })
    return result
  }

  /** The ids of this instance's status lists the hosted credential names, or undefined when its report is not kept (see HostedReport.version). */
  function keptListIds(view: IssuedCredentialView): string[] | undefined {
    const { credential } = view.document
    // Trust in any issuer but this instance's own organizations is read from the trust lists, per look.
    const issuer = issuerIdOf(credential)
    if (hasExpiringProof(credential) || issuer === undefined || !isLocalDid(publicUrl, issuer)) return undefined
    const listIds = statusListUrls(credential).map((url) => (typeof url === 'string' ? listIdOf(url) : undefined))
    return listIds.some((id) => id === undefined) ? undefined : (listIds as string[])
  }

  /**
   * What a hosted report's version is made of, read at once (on PostgreSQL each is a round trip):
   * the key set version, and, for a report that is kept, its status lists' versions and the checkpoint size.
   */
  async function readForReport(view: IssuedCredentialView): Promise<{ keys: string; read?: ReadForReport }> {
    const listIds = keptListIds(view)
    if (listIds === undefined) return { keys: await keySetVersion(view.org) }
    const [keys, versions, size] = await Promise.all([keySetVersion(view.org), Promise.all(listIds.map(listVersion)), latestCheckpointSize()])
    return { keys, read: { versions: new Map(listIds.map((id, i) => [id, versions[i]])), size } }
  }

  /**
   * The memo of one verification of `view` against the key set version `keys`; with `read`, the list
   * versions and checkpoint size this verification read already are not read again.
   */
  function memoOf(view: IssuedCredentialView, signedText: string, keys: string, read?: ReadForReport): VerificationMemo {
    const key = `${createHash('sha256').update(signedText).digest('base64url')}:${createHash('sha256').update(keys).digest('base64url')}`
    const kept = stages.get(key)
    return {
      proofStage: kept ? (kept.stage.map((c) => ({ ...c, cachedFrom: kept.at })) as unknown as ProofStage) : undefined,
      keepProofStage(stage) {
        if (!hasExpiringProof(view.document.credential)) stages.set(key, { stage, at: clock.now().toISOString() })
      },
      statusList: (url, verify, issuer) =>
        keptList(url, verify, issuer, async () => {
          const listId = listIdOf(url) ?? ''
          return { version: read?.versions.has(listId) ? read.versions.get(listId) : await listVersion(listId), keys }
        }),
      logInclusion: (check) => keptLogCheck(key, check, read),
    }
  }

  return {
    submittedMemo(text) {
      const key = text === undefined ? undefined : `submitted:${createHash('sha256').update(text).digest('base64url')}`
      return {
        ...(key === undefined ? {} : { logInclusion: (check) => keptLogCheck(key, check) }),
        statusList: (url, verify, issuer) =>
          keptList(url, verify, issuer, async () => {
            const listId = listIdOf(url)
            const found = listId === undefined ? undefined : await kept(`list-org:${listId}`, () => store.repos.statusLists.versionWithOrg(listId))
            return found && { version: found.version, keys: await keySetVersion(found.org) }
          }),
      }
    },
    async memoFor(view, signedText) {
      return memoOf(view, signedText, await keySetVersion(view.org))
    },
    warmReport(id, fetchLocal, changeToken) {
      const credentialId = credentialIdOf(id)
      const kept = credentialId === undefined ? undefined : reports.get(credentialId)
      if (kept === undefined || kept.changeToken !== changeToken || kept.app !== appIdOf(fetchLocal) || clock.now().getTime() >= kept.until) return undefined
      return { report: kept.report, credentialId: credentialId!, orgId: kept.orgId, stableUntil: kept.until }
    },
    async hostedReport(view, signedText, fetchLocal, compute, changeToken) {
      const app = appIdOf(fetchLocal)
      const { keys, read } = await readForReport(view)
      const version = read && JSON.stringify([app, view.state, view.stateReason, keys, [...read.versions.values()], read.size ?? null])
      const now = clock.now().getTime()
      const kept = version === undefined ? undefined : reports.get(view.id)
      if (kept !== undefined && kept.version === version && now < kept.until) {
        // Everything read since `changeToken` gave the same version: the kept report holds at that token.
        if (changeToken !== undefined) kept.changeToken = changeToken
        return { report: kept.report, version, stableUntil: kept.until }
      }
      const report = await compute(memoOf(view, signedText, keys, read))
      const until = nextValidityBoundary(view.document.credential, now, now + REPORT_MAX_AGE_MS * (0.5 + Math.random() / 2))
      if (version === undefined) return { report, version, stableUntil: now }
      // Reused, the proof stage's checks say when they ran, as a memo's reuse marks them.
      const at = new Date(now).toISOString()
      const reused: TrustedReport = { ...report, checks: report.checks.map((c) => (PROOF_STAGE_CHECKS.has(c.id) && c.cachedFrom === undefined ? { ...c, cachedFrom: at } : c)) }
      reports.set(view.id, { version, until, report: reused, orgId: view.org.id, app, changeToken })
      return { report, version, stableUntil: until }
    },
    async logKey(fetchLocal, ask) {
      const known = logKeys.get(fetchLocal)
      if (known !== undefined) return known
      const key = await ask()
      if (key !== undefined) logKeys.set(fetchLocal, key)
      return key
    },
  }
}
