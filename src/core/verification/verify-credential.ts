import { createDocumentLoader, type DocumentLoader } from '../canonical/index.js'
import { embeddedCredentials, isClrCredential, unwrapEmbedded } from '../clr/index.js'
import { checkDataIntegrityProof, type ProofOutcome } from './check-data-integrity-proof.js'
import { checkIssuerBinding } from './check-issuer-binding.js'
import { checkLogInclusion } from './check-log-inclusion.js'
import { checkJwtProof } from './check-jwt-proof.js'
import { checkSchema } from './check-schema.js'
import { checkStatus } from './check-status.js'
import { checkValidityPeriod } from './check-validity-period.js'
import { issuerIdOf } from './issuer-id.js'
import { parseInput } from './parse-input.js'
import { createDocumentSource, createVerificationMethodResolver, type VerificationMethodResolver } from './resolvers/index.js'
import type { Check, CheckId, EmbeddedReport, ProofStage, VerificationReport, VerifyDeps } from './types.js'

const ALL_CHECKS: readonly CheckId[] = ['parse', 'schema', 'proof', 'issuer-binding', 'validity-period', 'status', 'log-inclusion']
const LOG_INCLUSION: Check = { id: 'log-inclusion', outcome: 'skipped', message: 'transparency log not yet available' }
const CLR_LOG_INCLUSION: Check = { id: 'log-inclusion', outcome: 'skipped', message: 'A CLR is a bundle, not recorded in a log itself: each credential it holds is checked against its issuer’s log below' }
/** Most credentials one ClrCredential check verifies (each is a full verification). */
export const MAX_EMBEDDED = 100

let bundledLoader: DocumentLoader | undefined

/**
 * Verifies a credential and reports every check in the order it ran: parse, schema, proof,
 * issuer-binding, validity-period, status, log-inclusion. `input` is a parsed credential, its JSON
 * text or bytes, or a compact OB 3.0 VC-JWT; VC 2.0 and VC 1.1 forms are accepted. Remote documents
 * come from `deps.documents`, then `deps.fetcher`; nothing is fetched otherwise, and JSON-LD contexts
 * are never fetched. Never throws for a bad credential: verified is true only when no check failed.
 * @example
 * const report = await verifyCredential(json, { now: clock.now(), documents, fetcher })
 * if (!report.verified) console.log(report.checks.filter((c) => c.outcome === 'failed'))
 * @see https://www.imsglobal.org/spec/ob/v3p0/#verification
 */
export async function verifyCredential(input: unknown, deps: VerifyDeps): Promise<VerificationReport> {
  return verifyAt(input, deps, 0)
}

/** verifyCredential at a nesting depth: a CLR's credentials are depth 1, and a CLR inside a CLR is refused. */
async function verifyAt(input: unknown, deps: VerifyDeps, depth: number): Promise<VerificationReport> {
  const checks: Check[] = []
  const parsed = parseInput(input, deps.limits)
  checks.push(parsed.check)
  if (!parsed.ok) return finish(checks, undefined, 'the input could not be parsed')
  const { credential } = parsed

  const source = createDocumentSource(deps.documents, deps.fetcher)
  const resolver: VerificationMethodResolver = deps.resolveVerificationMethod
    ? { resolve: deps.resolveVerificationMethod, originOf: () => undefined }
    : createVerificationMethodResolver(source)
  const documentLoader = deps.documentLoader ?? (bundledLoader ??= createDocumentLoader())
  const skew = deps.maxClockSkewSeconds === undefined ? {} : { maxClockSkewSeconds: deps.maxClockSkewSeconds }

  const memo = deps.memo
  const stage = memo?.proofStage ?? (await proofStage(credential, parsed, { resolver, documentLoader, now: deps.now, trustedIssuers: deps.trustedIssuers }))
  if (memo?.proofStage === undefined) memo?.keepProofStage?.(stage)
  checks.push(...stage)
  const proofPassed = stage[1].outcome === 'passed'
  checks.push(checkValidityPeriod(credential, { now: deps.now, ...skew }))
  // An unverified credential's status URLs are the forger's choice: do not fetch them.
  const status: Check = proofPassed
    ? await checkStatus(credential, { source, resolver, documentLoader, now: deps.now, ...skew, issuer: issuerIdOf(credential), ...(memo?.statusList ? { memo: memo.statusList } : {}) })
    : { id: 'status', outcome: 'skipped', message: 'Not checked: the proof did not verify, so the status entries cannot be trusted' }
  checks.push(withRefreshService(status, credential))
  const clr = isClrCredential(credential)
  const log = deps.log
  const logCheck = log && !clr ? () => checkLogInclusion(credential, log, deps.fetcher) : undefined
  checks.push(clr ? CLR_LOG_INCLUSION : logCheck ? await (memo?.logInclusion ? memo.logInclusion(logCheck) : logCheck()) : LOG_INCLUSION)
  if (!clr) return finish(checks, credential)
  const { check, embedded } = await checkEmbedded(credential, deps, depth)
  checks.push(check)
  return { ...finish(checks, credential), embedded }
}

/**
 * The 'embedded' check of a CLR 2.0 ClrCredential: every credential it bundles, verified on its own
 * with every check (its issuer's proof, dates, status, log), each reported. Fails when any fails:
 * the outer proof only says who assembled the record, not that what it holds is genuine.
 */
async function checkEmbedded(clr: Record<string, unknown>, deps: VerifyDeps, depth: number): Promise<{ check: Check; embedded: EmbeddedReport[] }> {
  const entries = embeddedCredentials(clr)
  if (depth > 0) return { check: { id: 'embedded', outcome: 'failed', code: 'EMBEDDED_INVALID', message: 'A CLR inside a CLR is not verified: bundle the credentials themselves' }, embedded: [] }
  if (entries.length > MAX_EMBEDDED)
    return { check: { id: 'embedded', outcome: 'failed', code: 'EMBEDDED_TOO_MANY', message: `A CLR verified here holds at most ${MAX_EMBEDDED} credentials; this one holds ${entries.length}` }, embedded: [] }
  const { memo: _memo, ...inner } = deps
  const embedded: EmbeddedReport[] = []
  for (const [index, entry] of entries.entries()) {
    const { input, format } = unwrapEmbedded(entry)
    const report = await verifyAt(input, inner, depth + 1)
    const id = report.credential?.id
    embedded.push({ index, ...(typeof id === 'string' ? { id } : {}), format, verified: report.verified, report })
  }
  const failed = embedded.filter((e) => !e.verified)
  if (entries.length === 0) return { check: { id: 'embedded', outcome: 'failed', code: 'EMBEDDED_INVALID', message: 'The CLR holds no credentials' }, embedded }
  if (failed.length > 0) {
    const named = failed.map((e) => `#${e.index + 1}${e.id ? ` (${e.id})` : ''}: ${e.report.checks.find((c) => c.outcome === 'failed')?.code ?? 'not verified'}`).join('; ')
    return { check: { id: 'embedded', outcome: 'failed', code: 'EMBEDDED_INVALID', message: `${failed.length} of ${entries.length} credentials in this CLR do not verify: ${named}` }, embedded }
  }
  return { check: { id: 'embedded', outcome: 'passed', message: `All ${entries.length} credentials in this CLR verify on their own (each issuer’s proof, dates and status)` }, embedded }
}

/**
 * The checks that depend only on the signed text and the issuer's key set: schema, proof, and the
 * issuer's binding to the key that made the proof.
 */
async function proofStage(
  credential: Record<string, unknown>,
  parsed: { format: 'jwt'; compact: string } | { format: 'json' },
  context: { resolver: VerificationMethodResolver; documentLoader: DocumentLoader; now: Date; trustedIssuers: readonly string[] | undefined },
): Promise<ProofStage> {
  const schema = checkSchema(credential)
  const { resolver } = context
  const proof: ProofOutcome =
    parsed.format === 'jwt' ? await checkJwtProof(parsed.compact, resolver) : await checkDataIntegrityProof(credential, { resolver, documentLoader: context.documentLoader, now: context.now })
  const binding = checkIssuerBinding(credential, { verified: proof.verified, originOf: resolver.originOf, ...(context.trustedIssuers ? { trustedIssuers: context.trustedIssuers } : {}) })
  return [schema, proof.check, binding]
}

/**
 * The status check with the credential's `refreshService` reported in its message: a refresh
 * service offers a newer copy (OB 3.0 verification step 3), which a verifier would fetch with the
 * holder's authorization. Emblem never fetches it, so it verifies the copy it was given and says so.
 */
function withRefreshService(status: Check, credential: Record<string, unknown>): Check {
  const services = (Array.isArray(credential.refreshService) ? credential.refreshService : [credential.refreshService]).filter(
    (s): s is Record<string, unknown> => typeof s === 'object' && s !== null,
  )
  if (services.length === 0) return status
  const named = services.map((s) => `${typeof s.type === 'string' ? s.type : 'refresh service'}${typeof s.id === 'string' ? ` at ${s.id}` : ''}`).join(', ')
  return { ...status, message: `${status.message}. The credential offers a refreshService (${named}); it is never fetched: this copy is what was verified` }
}

/** Adds a skipped check for every check that did not run, and the verdict. */
function finish(checks: Check[], credential: Record<string, unknown> | undefined, reason?: string): VerificationReport {
  const ran = new Set(checks.map((c) => c.id))
  for (const id of ALL_CHECKS) {
    if (ran.has(id)) continue
    checks.push(id === 'log-inclusion' ? LOG_INCLUSION : { id, outcome: 'skipped', message: `Not checked: ${reason ?? 'an earlier check failed'}` })
  }
  const verified = checks.every((c) => c.outcome !== 'failed') && checks.some((c) => c.id === 'proof' && c.outcome === 'passed')
  return { verified, ...(credential ? { credential } : {}), checks }
}
