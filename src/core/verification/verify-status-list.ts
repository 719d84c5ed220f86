import type { DocumentLoader } from '../canonical/index.js'
import { isPlatformError } from '../errors.js'
import { verifyProofs } from '../proof/index.js'
import { checkIssuerBinding } from './check-issuer-binding.js'
import { checkValidityPeriod } from './check-validity-period.js'
import { issuerIdOf } from './issuer-id.js'
import { verifiedMethodsOf } from './verified-methods.js'
import type { DocumentSource, VerificationMethodResolver } from './resolvers/index.js'

/** What it takes to fetch and verify a status list credential. */
export interface StatusListContext {
  source: DocumentSource
  resolver: VerificationMethodResolver
  documentLoader?: DocumentLoader
  now: Date
  maxClockSkewSeconds?: number
  /** The issuer of the credential whose status is read: the list must be theirs too. */
  issuer: string | undefined
}

/** A status list credential that may be read, or why it may not: retrieval or verification failed. */
export type StatusListResult =
  | { ok: true; list: Record<string, unknown> }
  | { ok: false; code: 'STATUS_RETRIEVAL_ERROR' | 'STATUS_VERIFICATION_ERROR'; message: string }

/**
 * Fetches the status list credential at `url` and verifies it as the spec requires: its proof, that
 * the key belongs to its issuer, that its issuer is the credential's issuer, and its validity period.
 * @see https://www.w3.org/TR/vc-bitstring-status-list/#validate-algorithm
 */
export async function verifyStatusList(url: string, context: StatusListContext): Promise<StatusListResult> {
  let list: unknown
  try {
    list = await context.source.load(url)
  } catch (err) {
    return { ok: false, code: 'STATUS_RETRIEVAL_ERROR', message: isPlatformError(err) || err instanceof Error ? err.message : String(err) }
  }
  if (typeof list !== 'object' || list === null || Array.isArray(list))
    return { ok: false, code: 'STATUS_RETRIEVAL_ERROR', message: `The status list at ${url} is not a JSON object` }
  const document = list as Record<string, unknown>
  const unverifiable = (message: string): StatusListResult => ({ ok: false, code: 'STATUS_VERIFICATION_ERROR', message: `Status list ${url}: ${message}` })

  const proof = await verifyProofs(document, {
    resolveVerificationMethod: context.resolver.resolve,
    now: context.now.toISOString(),
    ...(context.documentLoader ? { documentLoader: context.documentLoader } : {}),
  })
  if (!proof.verified) return unverifiable(`its proof does not verify (${proof.code}: ${proof.message})`)
  const binding = checkIssuerBinding(document, { verified: verifiedMethodsOf(proof), originOf: context.resolver.originOf })
  if (binding.outcome !== 'passed') return unverifiable(binding.message)
  const listIssuer = issuerIdOf(document)
  if (context.issuer !== undefined && listIssuer !== context.issuer)
    return unverifiable(`issued by ${String(listIssuer)}, not by the credential's issuer ${context.issuer}`)
  const skew = context.maxClockSkewSeconds === undefined ? {} : { maxClockSkewSeconds: context.maxClockSkewSeconds }
  const period = checkValidityPeriod(document, { now: context.now, ...skew })
  if (period.outcome === 'failed') return unverifiable(period.message)
  return { ok: true, list: document }
}
