import { loadConfig } from '../config.js'
import { PlatformError } from '../core/errors.js'
import type { DocumentFetcher } from '../core/verification/index.js'
import { createGuardedFetcher } from '../fetch/index.js'

const ACCEPT = 'application/did+json, application/did+ld+json, application/vc+ld+json, application/vc, application/ld+json, application/json'

/**
 * The document fetcher of `emblem credential verify`: the guarded fetcher (HTTPS, public addresses,
 * deadline, size cap, configured by EMBLEM_FETCH_*), a 200 response, and a JSON body. Each URL is
 * fetched once per run, so a JSON Lines batch from one issuer fetches its DID document and lists once.
 */
export function createCliFetcher(): DocumentFetcher {
  const fetched = new Map<string, Promise<unknown>>()
  const fetchJson = createJsonFetcher()
  return (url) => {
    let pending = fetched.get(url)
    if (pending === undefined) fetched.set(url, (pending = fetchJson(url)))
    return pending
  }
}

function createJsonFetcher(): DocumentFetcher {
  // Configured on first use, so a verification that needs no fetch does not depend on the environment.
  let fetchRemote: ReturnType<typeof createGuardedFetcher> | undefined
  return async (url) => {
    fetchRemote ??= createGuardedFetcher(loadConfig().fetch)
    const { status, body } = await fetchRemote(url, { accept: ACCEPT })
    if (status !== 200) throw new PlatformError('ERR_FETCH_FAILED', `${url} answered HTTP ${status}`)
    try {
      return JSON.parse(new TextDecoder().decode(body)) as unknown
    } catch {
      throw new PlatformError('ERR_FETCH_FAILED', `${url} did not return JSON`)
    }
  }
}
