// The one way to the network (implemented by src/fetch: HTTPS only, public addresses only, a
// deadline and a size cap). Use cases and commands get it as a port, wired by the composition roots.
import { PlatformError } from '../../core/errors.js'
import type { DocumentFetcher } from '../../core/verification/index.js'

/** A fetched resource: its status, type, bytes and final URL. */
export interface FetchedResource {
  status: number
  contentType: string | undefined
  body: Uint8Array
  url: string
}

/** Fetches a URL under the fetcher's guards; ERR_FETCH_BLOCKED for what they refuse, ERR_FETCH_FAILED when it cannot be fetched. */
export type Fetcher = (url: string | URL, options?: FetchOptions) => Promise<FetchedResource>

/** GET by default; a POST sends `body` (with `headers`, e.g. a content type) and follows no redirect. */
export interface FetchOptions {
  accept?: string
  method?: 'GET' | 'POST'
  headers?: Record<string, string>
  body?: string
}

/** The media types verification asks documents in (DID documents, status lists, issuer profiles). */
export const DOCUMENT_ACCEPT = 'application/did+json, application/did+ld+json, application/vc+ld+json, application/vc, application/ld+json, application/json'

/** JSON documents through `fetcher`: a 200 answer and a JSON body, else ERR_FETCH_FAILED. */
export function jsonDocuments(fetcher: Fetcher, accept = DOCUMENT_ACCEPT): DocumentFetcher {
  return async (url) => {
    const { status, body } = await fetcher(url, { accept })
    if (status !== 200) throw new PlatformError('ERR_FETCH_FAILED', `${url} answered HTTP ${status}`)
    try {
      return JSON.parse(new TextDecoder().decode(body)) as unknown
    } catch {
      throw new PlatformError('ERR_FETCH_FAILED', `${url} did not return JSON`)
    }
  }
}
