import type { ProofResult } from '../proof/index.js'
import type { VerifiedMethod } from './check-issuer-binding.js'

/** The verification methods, with their controllers, of the proofs of a set that verified. */
export function verifiedMethodsOf(result: ProofResult): VerifiedMethod[] {
  if (!result.verified) return []
  return result.proofs.flatMap((p) =>
    p.verified && p.verificationMethod !== undefined && p.controller !== undefined
      ? [{ verificationMethod: p.verificationMethod, controller: p.controller }]
      : [],
  )
}
