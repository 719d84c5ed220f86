import { PlatformError, isPlatformError } from '../../errors.js'
import type { DocumentFetcher } from '../types.js'

/** Finds JSON documents by id: first among those supplied offline, then through the fetcher. */
export interface DocumentSource {
  /**
   * The document known as `id`, or fetched from `url` (default `id`). Each URL is fetched at most
   * once per source. Rejects with `ERR_FETCH_FAILED` when it is neither supplied nor fetchable.
   */
  load(id: string, url?: string): Promise<unknown>
}

/** A document source over an offline map and an optional fetcher, caching for its own lifetime (one verification). */
export function createDocumentSource(
  documents: ReadonlyMap<string, unknown> = new Map(),
  fetcher?: DocumentFetcher,
): DocumentSource {
  const fetched = new Map<string, Promise<unknown>>()
  const fetchOnce = (url: string): Promise<unknown> => {
    let pending = fetched.get(url)
    if (pending === undefined) {
      pending = fetchDocument(url, fetcher)
      fetched.set(url, pending)
    }
    return pending
  }
  return {
    load: async (id, url = id) => documents.get(id) ?? documents.get(url) ?? fetchOnce(url),
  }
}

async function fetchDocument(url: string, fetcher: DocumentFetcher | undefined): Promise<unknown> {
  if (fetcher === undefined) throw new PlatformError('ERR_FETCH_FAILED', `${url} was not supplied and fetching is off`)
  let document: unknown
  try {
    document = await fetcher(url)
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err)
    const code = isPlatformError(err, 'ERR_FETCH_BLOCKED') ? 'ERR_FETCH_BLOCKED' : 'ERR_FETCH_FAILED'
    throw new PlatformError(code, `Could not fetch ${url}: ${reason}`, { cause: err })
  }
  if (typeof document !== 'object' || document === null || Array.isArray(document))
    throw new PlatformError('ERR_FETCH_FAILED', `${url} is not a JSON object`)
  return document
}
