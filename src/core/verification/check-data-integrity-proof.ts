import type { DocumentLoader } from '../canonical/index.js'
import { verifyProofs, type ProofResult } from '../proof/index.js'
import type { VerifiedMethod } from './check-issuer-binding.js'
import type { VerificationMethodResolver } from './resolvers/index.js'
import type { Check, VerificationCode } from './types.js'
import { verifiedMethodsOf } from './verified-methods.js'

/** The 'proof' check and the methods whose proofs verified (for the issuer-binding check). */
export interface ProofOutcome {
  check: Check
  verified: VerifiedMethod[]
}

/** What checkDataIntegrityProof needs. */
export interface DataIntegrityContext {
  resolver: VerificationMethodResolver
  documentLoader?: DocumentLoader
  now: Date
}

/**
 * The 'proof' check for embedded Data Integrity proofs (eddsa-rdfc-2022, eddsa-jcs-2022, proof sets).
 * A context that is not bundled fails as CONTEXT_UNKNOWN: it is never fetched.
 * @see https://www.w3.org/TR/vc-data-integrity/#verify-proof
 */
export async function checkDataIntegrityProof(credential: Record<string, unknown>, context: DataIntegrityContext): Promise<ProofOutcome> {
  const result = await verifyProofs(credential, {
    resolveVerificationMethod: context.resolver.resolve,
    now: context.now.toISOString(),
    ...(context.documentLoader ? { documentLoader: context.documentLoader } : {}),
  })
  if (!result.verified) {
    const code = codeOf(result)
    return { check: { id: 'proof', outcome: 'failed', code, message: result.message ?? 'Proof did not verify' }, verified: [] }
  }
  return { check: { id: 'proof', outcome: 'passed', message: describe(result) }, verified: verifiedMethodsOf(result) }
}

function codeOf(result: ProofResult): VerificationCode {
  const code = result.code ?? 'PROOF_SIGNATURE_INVALID'
  // verifyProofs reports the canonicalizer's error code first in its message.
  if (code === 'PROOF_CANONICALIZATION_FAILED' && result.message?.startsWith('ERR_CONTEXT_UNKNOWN')) return 'CONTEXT_UNKNOWN'
  return code
}

function describe(result: ProofResult): string {
  const verified = result.proofs.filter((p) => p.verified)
  const skipped = result.proofs.length - verified.length
  const each = verified.map((p) => `${p.cryptosuite ?? p.type} proof by ${p.verificationMethod ?? 'an unnamed key'}`).join(', ')
  return `Verified ${each}${skipped > 0 ? `; ${skipped} proof${skipped === 1 ? '' : 's'} of unsupported types ignored` : ''}`
}
