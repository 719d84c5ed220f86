import { PlatformError } from '../../errors.js'
import { resolveDidKey, type ResolveVerificationMethod, type VerificationMethod } from '../../proof/index.js'
import { didOf, didWebUrl } from './did-web-url.js'
import type { DocumentSource } from './document-source.js'
import { findVerificationMethod, isProfile } from './find-verification-method.js'

/** Where a resolved verification method was found: the id of its controller document, and whether that was an OB Profile. */
export interface MethodOrigin {
  documentId: string
  isProfile: boolean
}

/** A verification method resolver that also remembers where each method came from (for the issuer-binding check). */
export interface VerificationMethodResolver {
  resolve: ResolveVerificationMethod
  originOf(methodId: string): MethodOrigin | undefined
}

/**
 * Resolves `did:key` by computation, `did:web` through its DID document, and http(s) method URLs
 * through the controller document or issuer Profile at the URL without its fragment. Documents come
 * from `source`, which caches them; other DID methods are `ERR_DID_UNSUPPORTED`.
 */
export function createVerificationMethodResolver(source: DocumentSource): VerificationMethodResolver {
  const origins = new Map<string, MethodOrigin>()
  const remember = (method: VerificationMethod, origin: MethodOrigin, cited: string): VerificationMethod => {
    origins.set(method.id, origin)
    origins.set(cited, origin)
    return method
  }

  const resolve: ResolveVerificationMethod = async (url, { proofPurpose }) => {
    if (url.startsWith('did:key:')) {
      const method = resolveDidKey(url)
      return remember(method, { documentId: method.controller, isProfile: false }, url)
    }
    if (url.startsWith('did:web:')) {
      const did = didOf(url)
      const document = await controllerDocument(source, did, didWebUrl(did))
      const method = findVerificationMethod(document, did, url, proofPurpose)
      return remember(method, { documentId: did, isProfile: false }, url)
    }
    if (url.startsWith('https://') || url.startsWith('http://')) {
      const documentUrl = url.split('#')[0] ?? url
      const document = await controllerDocument(source, documentUrl, documentUrl)
      const method = findVerificationMethod(document, documentUrl, url, proofPurpose)
      return remember(method, { documentId: documentUrl, isProfile: isProfile(document) }, url)
    }
    throw new PlatformError('ERR_DID_UNSUPPORTED', `Cannot resolve verification method ${url}: only did:key, did:web and https are supported`)
  }

  return { resolve, originOf: (methodId) => origins.get(methodId) }
}

async function controllerDocument(source: DocumentSource, id: string, url: string): Promise<Record<string, unknown>> {
  const document = await source.load(id, url)
  if (typeof document !== 'object' || document === null || Array.isArray(document))
    throw new PlatformError('ERR_DID_RESOLUTION', `The document for ${id} is not a JSON object`)
  const found = (document as { id?: unknown }).id
  if (found !== id) throw new PlatformError('ERR_DID_RESOLUTION', `The document at ${url} has id ${String(found)}, not ${id}`)
  return document as Record<string, unknown>
}
