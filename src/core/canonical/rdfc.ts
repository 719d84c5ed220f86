import { PlatformError, isPlatformError } from '../errors.js'
import { documentLoader as bundledLoader, type DocumentLoader } from './document-loader.js'

/** Options for RDFC-1.0 canonicalization through jsonld. */
export interface CanonizeOptions {
  documentLoader?: DocumentLoader
}

/**
 * RDFC-1.0 canonical N-Quads of a JSON-LD document through `jsonld` + `rdf-canonize`, in safe mode
 * (a term the contexts do not define is an error, not silently dropped).
 * @see https://www.w3.org/TR/rdf-canon/
 */
export async function canonizeGeneral(document: object, options: CanonizeOptions = {}): Promise<string> {
  // Loaded on first use (with its HTTP client): the fast path needs only its context processing.
  const { default: jsonld } = await import('jsonld')
  try {
    return await jsonld.canonize(document, {
      algorithm: 'RDFC-1.0',
      format: 'application/n-quads',
      documentLoader: options.documentLoader ?? bundledLoader,
      safe: true,
      base: null,
    })
  } catch (err) {
    throw asPlatformError(err)
  }
}

function asPlatformError(err: unknown): PlatformError {
  if (isPlatformError(err)) return err
  // jsonld wraps loader failures; surface ours unchanged.
  let cause: unknown = err
  for (let i = 0; i < 5 && cause && typeof cause === 'object'; i++) {
    if (isPlatformError(cause)) return cause
    const details = (cause as { details?: { cause?: unknown } }).details
    cause = details?.cause ?? (cause as { cause?: unknown }).cause
  }
  const message = err instanceof Error ? err.message : String(err)
  return new PlatformError('ERR_JSONLD', `JSON-LD processing failed: ${message}`, { cause: err })
}
