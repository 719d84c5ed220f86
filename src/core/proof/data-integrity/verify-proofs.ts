import type { ProofResult, VerifyProofOptions } from './types.js'
import { verifyProof } from './verify-proof.js'

/**
 * Verifies the Data Integrity proofs of `document`. Supported: `DataIntegrityProof` with
 * eddsa-rdfc-2022 (also its draft name eddsa-2022) and eddsa-jcs-2022; other proofs are reported as
 * skipped. Verified when at least one supported proof verifies and none fails. Never throws for a
 * bad credential; a missing resolver is a TypeError.
 * @example const result = await verifyProofs(credential, { resolveVerificationMethod: async (url) => resolveDidKey(url) })
 * @see https://www.w3.org/TR/vc-data-integrity/#verify-proof
 */
export async function verifyProofs(document: unknown, options: VerifyProofOptions): Promise<ProofResult> {
  if (typeof options?.resolveVerificationMethod !== 'function') throw new TypeError('verifyProofs needs a resolveVerificationMethod function')
  if (typeof document !== 'object' || document === null || Array.isArray(document))
    return { verified: false, proofs: [], code: 'PROOF_MALFORMED', message: 'Credential is not a JSON object' }
  const { proof } = document as { proof?: unknown }
  const proofs = proof === undefined || proof === null ? [] : Array.isArray(proof) ? proof : [proof]
  if (proofs.length === 0) return { verified: false, proofs: [], code: 'PROOF_MISSING', message: 'Credential has no proof' }

  const checks = []
  // One at a time: each proof canonicalizes the document, and the machine's cores are shared.
  for (const [index, each] of proofs.entries()) checks.push(await verifyProof(document as Record<string, unknown>, each, index, options))
  const supported = checks.filter((c) => c.outcome !== 'skipped')
  const failure = supported.find((c) => c.outcome === 'failed')
  if (failure) return { verified: false, proofs: checks, code: failure.code!, message: failure.message! }
  if (supported.length === 0)
    return { verified: false, proofs: checks, code: 'PROOF_UNSUPPORTED_SUITE', message: 'Credential has no proof of a supported type and cryptosuite' }
  return { verified: true, proofs: checks }
}

/** The controller of the verification method behind the first verified proof: the pipeline compares it with `issuer`. */
export const verifiedController = (result: ProofResult): string | undefined =>
  result.verified ? result.proofs.find((c) => c.verified)?.controller : undefined

/** Every distinct controller whose verification method verified a proof of the set. */
export const verifiedControllers = (result: ProofResult): string[] =>
  result.verified ? [...new Set(result.proofs.flatMap((c) => (c.verified && c.controller ? [c.controller] : [])))] : []
