import type { MethodOrigin } from './resolvers/index.js'
import { issuerIdOf } from './issuer-id.js'
import type { Check } from './types.js'

/** A verification method whose proof verified, with the controller it was resolved to. */
export interface VerifiedMethod {
  verificationMethod: string
  controller: string
}

/** What checkIssuerBinding needs besides the credential. */
export interface IssuerBindingOptions {
  /** The methods that verified a proof; empty when none did. */
  verified: readonly VerifiedMethod[]
  /** Where the resolver found a method; undefined for methods from a caller-supplied resolver. */
  originOf?: (methodId: string) => MethodOrigin | undefined
  trustedIssuers?: readonly string[]
}

/**
 * The 'issuer-binding' check: a verified proof's method must belong to the issuer. A method from a
 * DID or controller document binds when its controller is the issuer and the document it came from
 * is the issuer's; a method found in an OB Profile binds when that Profile is the issuer (the
 * controller a Profile states is not relied on, STANDARDS §1.9). Skipped when no proof verified.
 * @see https://www.w3.org/TR/vc-data-model-2.0/#issuer
 */
export function checkIssuerBinding(credential: Record<string, unknown>, options: IssuerBindingOptions): Check {
  const { verified, originOf = () => undefined, trustedIssuers } = options
  if (verified.length === 0) return { id: 'issuer-binding', outcome: 'skipped', message: 'No proof verified, so no key to bind' }
  const issuer = issuerIdOf(credential)
  if (issuer === undefined) return { id: 'issuer-binding', outcome: 'failed', code: 'ISSUER_MISMATCH', message: 'Credential has no issuer id' }

  const bound = verified.find((m) => isBound(m, issuer, originOf(m.verificationMethod)))
  if (bound === undefined) {
    const controllers = [...new Set(verified.map((m) => m.controller))].join(', ')
    return { id: 'issuer-binding', outcome: 'failed', code: 'ISSUER_MISMATCH', message: `Signed by a key of ${controllers}, not of the issuer ${issuer}` }
  }
  if (trustedIssuers !== undefined && !trustedIssuers.includes(issuer))
    return { id: 'issuer-binding', outcome: 'failed', code: 'ISSUER_NOT_TRUSTED', message: `Issuer ${issuer} is not among the trusted issuers` }
  return { id: 'issuer-binding', outcome: 'passed', message: `Signed with a key of the issuer ${issuer}` }
}

function isBound(method: VerifiedMethod, issuer: string, origin: MethodOrigin | undefined): boolean {
  if (origin === undefined) return method.controller === issuer
  if (origin.isProfile) return origin.documentId === issuer
  return origin.documentId === issuer && method.controller === issuer
}
