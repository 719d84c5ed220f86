import type { RemoteDocument } from 'jsonld'
import { PlatformError } from '../errors.js'
import { bundledContexts } from './contexts.js'

/** A JSON-LD document loader: resolves a context URL to its document, or fails with a PlatformError. */
export type DocumentLoader = (url: string) => Promise<RemoteDocument>

/**
 * An offline document loader over the bundled contexts and any `extra` documents (DID documents,
 * additional contexts). An unknown URL is an `ERR_CONTEXT_UNKNOWN` error, never a fetch.
 */
export function createDocumentLoader(extra: ReadonlyMap<string, unknown> = new Map()): DocumentLoader {
  const contexts = bundledContexts()
  return async (url: string) => {
    const document = contexts.get(url) ?? extra.get(url)
    if (document === undefined)
      throw new PlatformError('ERR_CONTEXT_UNKNOWN', `JSON-LD context ${url} is not bundled with Emblem; remote contexts are never fetched`)
    return { contextUrl: null, documentUrl: url, document }
  }
}

/** The offline loader over the bundled contexts only. */
export const documentLoader: DocumentLoader = (url) => createDocumentLoader()(url)
