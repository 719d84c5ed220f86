import { jsonDocuments, type Fetcher } from '../app/platform/fetcher.js'
import type { DocumentFetcher } from '../core/verification/index.js'

/**
 * The document fetcher of `emblem credential verify`: the guarded fetcher (HTTPS, public addresses,
 * deadline, size cap, configured by EMBLEM_FETCH_*), a 200 response, and a JSON body. Each URL is
 * fetched once per run, so a JSON Lines batch from one issuer fetches its DID document and lists once.
 * `fetcher` is asked for on first use, so a verification that needs no fetch does not depend on the environment.
 */
export function createCliFetcher(fetcher: () => Fetcher): DocumentFetcher {
  const fetched = new Map<string, Promise<unknown>>()
  let fetchJson: DocumentFetcher | undefined
  return (url) => {
    let pending = fetched.get(url)
    if (pending === undefined) fetched.set(url, (pending = (fetchJson ??= jsonDocuments(fetcher()))(url)))
    return pending
  }
}
