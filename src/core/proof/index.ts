export {
  generateKeyPair,
  importKeyPair,
  exportKeyPair,
  encodePublicKeyMultibase,
  decodePublicKeyMultibase,
  encodeSecretKeyMultibase,
  decodeSecretKeyMultibase,
  publicKeyObjectFromMultibase,
  type Ed25519KeyPair,
  type KeyPairJson,
} from './multikey.js'
export { createSigner, privateKeyOf, type Signer } from './signer.js'
export { resolveDidKey, didKeyDocument, didKeyOf, didKeyVerificationMethodId, type DidDocument } from './did-key.js'
export { publicKeyOf, jwtPublicKeyOf, isSameVerificationMethod, type VerificationMethod, type ResolveVerificationMethod } from './verification-method.js'
export { signCredential } from './data-integrity/sign-credential.js'
export { verifyProofs, verifyProof, verifiedController, verifiedControllers } from './data-integrity/verify-proofs.js'
export { hashData, SUPPORTED_CRYPTOSUITES, type HashData, type Canonicalization } from './data-integrity/hash-data.js'
export type {
  Cryptosuite,
  DataIntegrityProof,
  SignOptions,
  VerifyProofOptions,
  ProofCode,
  ProofCheck,
  ProofResult,
} from './data-integrity/types.js'
export { signJwt, verifyJwt, type JwtResult } from './vc-jwt.js'
export { jwtClaimsOf, compareClaims, credentialOfJwt, type CredentialJwtClaims, type JwtForm } from './jwt-claims.js'
