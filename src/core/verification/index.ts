export { verifyCredential } from './verify-credential.js'
export { checkValidityPeriod, type ValidityPeriodOptions } from './check-validity-period.js'
export { checkIssuerBinding, type IssuerBindingOptions, type VerifiedMethod } from './check-issuer-binding.js'
export { issuerIdOf } from './issuer-id.js'
export {
  didWebUrl,
  createDocumentSource,
  createVerificationMethodResolver,
  type DocumentSource,
  type MethodOrigin,
  type VerificationMethodResolver,
} from './resolvers/index.js'
export type { Check, CheckId, EmbeddedReport, VerificationCode, VerificationReport, VerifyDeps, DocumentFetcher, InputLimits, ProofStage, VerificationMemo } from './types.js'
