import { lookup as dnsLookup } from 'node:dns/promises'
import { request as httpRequest, type IncomingMessage, type RequestOptions } from 'node:http'
import { request as httpsRequest } from 'node:https'
import { isIP, type LookupFunction } from 'node:net'
import { PlatformError } from '../core/errors.js'
import { addressRisk } from './ip-address.js'

/** Options of the guarded fetcher; the defaults are the safe ones. */
export interface GuardedFetcherOptions {
  /** Allow plain `http:` URLs (default false: HTTPS only). */
  allowHttp?: boolean
  /** Allow loopback, private, link-local, unique-local and other non-public addresses (default false). */
  allowPrivateAddresses?: boolean
  /** Deadline for the whole fetch, redirects and body included (default 5000 ms). */
  timeoutMs?: number
  /** Largest body accepted (default 1 MiB). */
  maxBytes?: number
  /** Redirects followed, each to the same host only (default 3). */
  maxRedirects?: number
  /** Resolves a host name to IP addresses (default: node:dns `lookup`, all addresses). For tests. */
  resolveHost?: (hostname: string) => Promise<string[]>
  /** What kind of non-public address an IP address is, or undefined for a public one (default: ip-address.ts `addressRisk`). For tests. */
  classifyAddress?: (address: string) => string | undefined
}

/** A fetched response. `url` is the final URL, after redirects. */
export interface FetchedResource {
  status: number
  contentType: string | undefined
  body: Uint8Array
  url: string
}

/** Fetches one remote resource under the guard's rules. Fails with ERR_FETCH_BLOCKED or ERR_FETCH_FAILED. */
export type GuardedFetch = (url: string | URL, options?: FetchOptions) => Promise<FetchedResource>

/** What to ask: GET by default; a POST (a service's token endpoint) sends `body` and never follows a redirect. */
export interface FetchOptions {
  accept?: string
  method?: 'GET' | 'POST'
  /** Extra request headers (e.g. `authorization`, `content-type`). */
  headers?: Record<string, string>
  body?: string
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308])

const blocked = (message: string): PlatformError => new PlatformError('ERR_FETCH_BLOCKED', message)
const failed = (message: string, cause?: unknown): PlatformError =>
  new PlatformError('ERR_FETCH_FAILED', message, cause === undefined ? undefined : { cause })

const defaultResolveHost = async (hostname: string): Promise<string[]> =>
  (await dnsLookup(hostname, { all: true, verbatim: true })).map((entry) => entry.address)

/**
 * The one way Emblem reaches the network: did:web documents, status lists, images.
 * HTTPS only, public addresses only, a deadline, a size cap, redirects to the same host only.
 * The host is resolved once per hop, every address is checked, and the connection goes to the
 * checked address (DNS rebinding cannot swap it), while TLS still verifies the host name.
 *
 * @example
 * const fetchRemote = createGuardedFetcher()
 * const { status, body } = await fetchRemote('https://example.edu/.well-known/did.json', { accept: 'application/did+json' })
 */
export function createGuardedFetcher(options: GuardedFetcherOptions = {}): GuardedFetch {
  const opts = {
    allowHttp: false,
    allowPrivateAddresses: false,
    timeoutMs: 5000,
    maxBytes: 1024 * 1024,
    maxRedirects: 3,
    resolveHost: defaultResolveHost,
    classifyAddress: addressRisk,
    ...options,
  } satisfies Required<GuardedFetcherOptions>

  /** Checks the URL and its host's addresses; returns the address to connect to. */
  async function admit(url: URL, signal: AbortSignal): Promise<string> {
    if (url.protocol !== 'https:' && !(opts.allowHttp && url.protocol === 'http:'))
      throw blocked(`Refusing ${url.protocol} URL ${url.origin}: ${opts.allowHttp ? 'only http(s)' : 'only https'} is allowed`)
    if (url.username || url.password) throw blocked('Refusing a URL with credentials in it')
    const host = url.hostname.replace(/^\[(.*)\]$/, '$1')
    let addresses: string[]
    if (isIP(host)) {
      addresses = [host]
    } else {
      try {
        addresses = await withDeadline(opts.resolveHost(host), signal)
      } catch (err) {
        if (signal.aborted) throw failed(`Fetch timed out after ${opts.timeoutMs} ms resolving ${host}`, err)
        throw failed(`Cannot resolve ${host}`, err)
      }
      if (addresses.length === 0) throw failed(`Cannot resolve ${host}: no addresses`)
    }
    if (!opts.allowPrivateAddresses) {
      for (const address of addresses) {
        const risk = opts.classifyAddress(address)
        if (risk) throw blocked(`Refusing ${host}: it resolves to ${address}, a ${risk} address`)
      }
    }
    return addresses[0]!
  }

  return async function guardedFetch(input, { accept, method = 'GET', headers, body: requestBody } = {}) {
    let url: URL
    try {
      url = new URL(input)
    } catch {
      throw blocked(`Not a URL: ${String(input).slice(0, 200)}`)
    }
    const signal = AbortSignal.timeout(opts.timeoutMs)
    const startHost = url.hostname.toLowerCase()
    for (let redirects = 0; ; redirects++) {
      const address = await admit(url, signal)
      const response = await send(url, address, { accept, method, headers, body: requestBody, signal, timeoutMs: opts.timeoutMs })
      const location = response.headers.location
      if (method !== 'GET' || !REDIRECT_STATUSES.has(response.statusCode ?? 0) || !location) {
        const body = await readBody(response, opts.maxBytes, signal, opts.timeoutMs)
        return { status: response.statusCode ?? 0, contentType: response.headers['content-type'], body, url: url.href }
      }
      response.resume() // discard the redirect's body
      if (redirects >= opts.maxRedirects) throw failed(`Too many redirects (more than ${opts.maxRedirects}) from ${startHost}`)
      let next: URL
      try {
        next = new URL(location, url)
      } catch (err) {
        throw failed(`Redirect to an invalid location from ${url.origin}`, err)
      }
      if (next.hostname.toLowerCase() !== startHost)
        throw blocked(`Refusing a redirect from ${startHost} to another host (${next.hostname})`)
      url = next
    }
  }
}

/** `promise`, or a rejection as soon as `signal` aborts (a DNS lookup cannot itself be cancelled). */
function withDeadline<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason)
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason)
    signal.addEventListener('abort', onAbort, { once: true })
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort))
  })
}

/** Sends a GET (or a POST with `body`) to `url`, connecting to `address` only. Resolves once the response head arrives. */
function send(
  url: URL,
  address: string,
  { accept, method, headers, body, signal, timeoutMs }: { accept: string | undefined; method: 'GET' | 'POST'; headers: Record<string, string> | undefined; body: string | undefined; signal: AbortSignal; timeoutMs: number },
): Promise<IncomingMessage> {
  const family = isIP(address)
  const pinnedLookup: LookupFunction = (_hostname, options, callback) => {
    if (options.all) callback(null, [{ address, family }])
    else callback(null, address, family)
  }
  const requestOptions: RequestOptions = {
    method,
    protocol: url.protocol,
    hostname: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port || undefined,
    path: `${url.pathname}${url.search}`,
    headers: {
      ...headers,
      accept: accept ?? '*/*',
      'accept-encoding': 'identity',
      'user-agent': 'Emblem (guarded fetcher)',
      ...(body !== undefined ? { 'content-length': String(Buffer.byteLength(body)) } : {}),
    },
    lookup: pinnedLookup,
    agent: false,
    signal,
  }
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest
  return new Promise((resolve, reject) => {
    const req = request(requestOptions, resolve)
    req.on('error', (err) => reject(fetchError(err, url, signal, timeoutMs)))
    req.end(body)
  })
}

/** Reads the whole body, failing as soon as it passes `maxBytes`. */
async function readBody(response: IncomingMessage, maxBytes: number, signal: AbortSignal, timeoutMs: number): Promise<Uint8Array> {
  const declared = Number(response.headers['content-length'])
  if (Number.isFinite(declared) && declared > maxBytes) {
    response.destroy()
    throw failed(`Response is ${declared} bytes, more than the ${maxBytes} allowed`)
  }
  const chunks: Buffer[] = []
  let size = 0
  try {
    for await (const chunk of response as AsyncIterable<Buffer>) {
      size += chunk.length
      if (size > maxBytes) {
        response.destroy()
        throw failed(`Response is larger than the ${maxBytes} bytes allowed`)
      }
      chunks.push(chunk)
    }
  } catch (err) {
    if (err instanceof PlatformError) throw err
    throw fetchError(err, undefined, signal, timeoutMs)
  }
  const body = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    body.set(chunk, offset)
    offset += chunk.length
  }
  return body
}

function fetchError(err: unknown, url: URL | undefined, signal: AbortSignal, timeoutMs: number): PlatformError {
  if (signal.aborted) return failed(`Fetch timed out after ${timeoutMs} ms`, err)
  const where = url ? ` ${url.origin}` : ''
  return failed(`Fetch failed${where}: ${err instanceof Error ? err.message : String(err)}`, err)
}
