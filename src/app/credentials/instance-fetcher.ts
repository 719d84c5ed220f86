import type { DocumentFetcher } from '../../core/verification/index.js'
import type { DocumentAccess, FetchLocal } from './ports.js'

const ACCEPT = 'application/did+json, application/vc, application/vc+ld+json, application/ld+json, application/json'

/** Whether `url` is one of this instance's own URLs, and its path here (the public URL's base path removed). */
export function localPathOf(publicUrl: string, url: string): string | undefined {
  let target: URL
  try {
    target = new URL(url)
  } catch {
    return undefined
  }
  const base = new URL(publicUrl)
  // did:web always resolves over https; an instance reached over plain http (local development) is still itself.
  if (target.host !== base.host || !['http:', 'https:'].includes(target.protocol) || target.username || target.password) return undefined
  const prefix = base.pathname.replace(/\/+$/, '')
  if (prefix && target.pathname !== prefix && !target.pathname.startsWith(`${prefix}/`)) return undefined
  return `${target.pathname.slice(prefix.length) || '/'}${target.search}`
}

/** Where this instance serves its organizations' did:web DID documents (what DocumentAccess.keptLocalJson keeps). */
const DID_DOCUMENT_PATH = /^\/orgs\/[^/?#]+\/did\.json$/

/** A JSON document from this instance's own handler for `path`; rejects unless it answers 200 with JSON. */
export async function fetchLocalJson(fetchLocal: FetchLocal, path: string, url = path): Promise<unknown> {
  const res = await fetchLocal(path, { headers: { accept: ACCEPT } })
  if (res.status !== 200) throw new Error(`${url} answered HTTP ${res.status}`)
  try {
    return JSON.parse(await res.text()) as unknown
  } catch {
    throw new Error(`${url} did not return JSON`)
  }
}

/**
 * The document fetcher of a verification on this instance: its own URLs (its organizations'
 * did:web documents, its status lists) answered in-process, anything else through `fetchRemote`
 * when there is one, and refused otherwise, so the check that needed it says why.
 */
export function instanceFetcher(publicUrl: string, { fetchLocal, fetchRemote, keptLocalJson }: DocumentAccess): DocumentFetcher {
  return async (url) => {
    const path = localPathOf(publicUrl, url)
    if (path !== undefined && keptLocalJson && DID_DOCUMENT_PATH.test(path)) return keptLocalJson(path, () => fetchLocalJson(fetchLocal, path, url))
    if (path !== undefined) return fetchLocalJson(fetchLocal, path, url)
    if (fetchRemote) return fetchRemote(url)
    throw new Error(`${url} is on another host, and this instance does not fetch remote documents`)
  }
}
