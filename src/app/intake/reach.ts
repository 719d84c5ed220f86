// How intake reaches a URL: this instance's own paths in-process (fetchLocal), other hosts only
// through the guarded fetcher, and nothing else.
import { PlatformError } from '../../core/errors.js'
import { localPathOf } from '../credentials/instance-fetcher.js'
import type { FetchLocal } from '../credentials/ports.js'
import type { FetchedResource, Fetcher } from '../platform/fetcher.js'

/** What reaching a URL takes: this instance's public URL and handlers, and the guarded fetcher when it fetches remote documents. */
export interface Reach {
  publicUrl: string
  fetchLocal: FetchLocal
  fetcher?: Fetcher | undefined
}

/** The largest document intake reads from a URL (a baked image or a certificate may be larger than a JSON document). */
export const MAX_FETCHED_BYTES = 4 * 1024 * 1024

/** Fetches `url`: in-process when it is this instance's, else through the guarded fetcher; ERR_FETCH_BLOCKED / ERR_FETCH_FAILED otherwise. */
export async function reachUrl({ publicUrl, fetchLocal, fetcher }: Reach, url: string, accept: string): Promise<FetchedResource> {
  const path = localPathOf(publicUrl, url)
  if (path !== undefined) {
    const res = await fetchLocal(path, { headers: { accept } })
    const body = new Uint8Array(await res.arrayBuffer())
    if (body.byteLength > MAX_FETCHED_BYTES) throw new PlatformError('ERR_FETCH_FAILED', `${url} is larger than ${MAX_FETCHED_BYTES} bytes`)
    return { status: res.status, contentType: res.headers.get('content-type') ?? undefined, body, url }
  }
  if (!fetcher) throw new PlatformError('ERR_FETCH_BLOCKED', `${url} is on another host, and this instance does not fetch from other hosts`)
  return fetcher(url, { accept })
}

/** A JSON document at `url` (200 and JSON), else ERR_FETCH_FAILED saying why. */
export async function reachJson(reach: Reach, url: string): Promise<{ value: unknown; text: string }> {
  const res = await reachUrl(reach, url, 'application/ld+json, application/json;q=0.9')
  if (res.status !== 200) throw new PlatformError('ERR_FETCH_FAILED', `${url} answered HTTP ${res.status}`)
  const text = new TextDecoder().decode(res.body)
  try {
    return { value: JSON.parse(text) as unknown, text }
  } catch {
    throw new PlatformError('ERR_FETCH_FAILED', `${url} did not return JSON`)
  }
}
