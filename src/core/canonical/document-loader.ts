import type { RemoteDocument } from 'jsonld'
import { PlatformError } from '../errors.js'
import { bundledContexts } from './contexts.js'

/** A JSON-LD document loader: resolves a context URL to its document, or fails with a PlatformError. */
export type DocumentLoader = (url: string) => Promise<RemoteDocument>

const BUNDLED_FIRST = Symbol('emblem.bundled-first-loader')

/**
 * An offline document loader over the bundled contexts and any `extra` documents (DID documents,
 * additional contexts). Bundled contexts always win over `extra`. An unknown URL is an
 * `ERR_CONTEXT_UNKNOWN` error, never a fetch.
 */
export function createDocumentLoader(extra: ReadonlyMap<string, unknown> = new Map()): DocumentLoader {
  const contexts = bundledContexts()
  const loader = async (url: string): Promise<RemoteDocument> => {
    const document = contexts.get(url) ?? extra.get(url)
    if (document === undefined)
      throw new PlatformError('ERR_CONTEXT_UNKNOWN', `JSON-LD context ${url} is not bundled with Emblem; remote contexts are never fetched`)
    return { contextUrl: null, documentUrl: url, document }
  }
  return Object.assign(loader, { [BUNDLED_FIRST]: true })
}

/** True for loaders made by createDocumentLoader: they resolve every bundled URL to the bundled document. */
export const isBundledFirst = (loader: DocumentLoader): boolean => BUNDLED_FIRST in loader

/** The offline loader over the bundled contexts only. */
export const documentLoader: DocumentLoader = createDocumentLoader()
