export { didOf, didWebUrl } from './did-web-url.js'
export { createDocumentSource, type DocumentSource } from './document-source.js'
export { findVerificationMethod } from './find-verification-method.js'
export { createVerificationMethodResolver, type MethodOrigin, type VerificationMethodResolver } from './create-resolver.js'
