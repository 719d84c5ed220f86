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
export { createSigner, type Signer } from './signer.js'
export { resolveDidKey, didKeyDocument, didKeyOf, didKeyVerificationMethodId, type DidDocument } from './did-key.js'
export { publicKeyOf, isSameVerificationMethod, type VerificationMethod, type ResolveVerificationMethod } from './verification-method.js'
