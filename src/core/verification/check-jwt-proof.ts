import { verifyJwt } from '../proof/index.js'
import type { ProofOutcome } from './check-data-integrity-proof.js'
import type { VerificationMethodResolver } from './resolvers/index.js'

/**
 * The 'proof' check for a VC-JWT (OB 3.0, VC-JOSE-COSE or the VC 1.1 `vc` claim): the signature by
 * the method `kid` names, and the `iss`/`jti`/`nbf`/`sub`/`exp` claims against the credential.
 * @see https://www.imsglobal.org/spec/ob/v3p0/#jwt-proof
 */
export async function checkJwtProof(compact: string, resolver: VerificationMethodResolver): Promise<ProofOutcome> {
  const result = await verifyJwt(compact, { resolveVerificationMethod: resolver.resolve })
  if (!result.verified) {
    const code = result.code ?? 'PROOF_SIGNATURE_INVALID'
    return { check: { id: 'proof', outcome: 'failed', code, message: result.message ?? 'JWT did not verify' }, verified: [] }
  }
  const { verificationMethod = '', controller = '' } = result
  return {
    check: { id: 'proof', outcome: 'passed', message: `Verified VC-JWT (${result.alg ?? 'EdDSA'}) signed by ${verificationMethod}` },
    verified: [{ verificationMethod, controller }],
  }
}
