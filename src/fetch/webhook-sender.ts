import { lookup as dnsLookup } from 'node:dns/promises'
import { request as httpRequest, type IncomingMessage } from 'node:http'
import { request as httpsRequest } from 'node:https'
import { isIP, type LookupFunction } from 'node:net'
import { PlatformError } from '../core/errors.js'
import type { WebhookSender } from '../app/webhooks/ports.js'
import { addressRisk } from './ip-address.js'

/** Options of the webhook sender: the guarded fetcher's (EMBLEM_FETCH_*), and its own deadline. */
export interface WebhookSenderOptions {
  /** Allow plain `http:` endpoints (default false: HTTPS only). */
  allowHttp?: boolean
  /** Allow loopback, private and other non-public addresses (default false). */
  allowPrivateAddresses?: boolean
  /** Deadline of one delivery, connection to the end of the answer (default 10 000 ms). */
  timeoutMs?: number
  /** How much of the answer is read (default 64 KiB; the rest is dropped, never an error). */
  maxBytes?: number
  /** Resolves a host name (default: node:dns `lookup`, all addresses). For tests. */
  resolveHost?: (hostname: string) => Promise<string[]>
}

const blocked = (message: string) => new PlatformError('ERR_FETCH_BLOCKED', message)
const failed = (message: string, cause?: unknown) => new PlatformError('ERR_FETCH_FAILED', message, cause === undefined ? undefined : { cause })

/**
 * POSTs signed webhook requests under the guarded fetcher's rules: HTTPS only and public addresses
 * only unless configured, every resolved address checked and the connection pinned to a checked one
 * (DNS rebinding cannot swap it), a deadline, and redirects never followed (a 3xx is an answer:
 * the delivery is retried). Any HTTP status resolves; only an unreachable receiver rejects.
 */
export function createWebhookSender(options: WebhookSenderOptions = {}): WebhookSender {
  const { allowHttp = false, allowPrivateAddresses = false, timeoutMs = 10_000, maxBytes = 64 * 1024 } = options
  const resolveHost = options.resolveHost ?? (async (host: string) => (await dnsLookup(host, { all: true, verbatim: true })).map((a) => a.address))
  return async ({ url: target, headers, body }) => {
    let url: URL
    try {
      url = new URL(target)
    } catch {
      throw blocked('Not a URL')
    }
    if (url.protocol !== 'https:' && !(allowHttp && url.protocol === 'http:')) throw blocked(`Refusing ${url.protocol} URL: ${allowHttp ? 'only http(s)' : 'only https'} is allowed`)
    if (url.username || url.password) throw blocked('Refusing a URL with credentials in it')
    const host = url.hostname.replace(/^\[(.*)\]$/, '$1')
    const signal = AbortSignal.timeout(timeoutMs)
    let addresses: string[]
    try {
      addresses = isIP(host) ? [host] : await resolveHost(host)
    } catch (err) {
      throw failed(`Cannot resolve ${host}`, err)
    }
    if (addresses.length === 0) throw failed(`Cannot resolve ${host}: no addresses`)
    if (!allowPrivateAddresses)
      for (const address of addresses) {
        const risk = addressRisk(address)
        if (risk) throw blocked(`Refusing ${host}: it resolves to ${address}, a ${risk} address`)
      }
    const address = addresses[0]!
    const family = isIP(address)
    const lookup: LookupFunction = (_h, o, cb) => (o.all ? cb(null, [{ address, family }]) : cb(null, address, family))
    const payload = Buffer.from(body, 'utf8')
    const response = await new Promise<IncomingMessage>((resolve, reject) => {
      const req = (url.protocol === 'https:' ? httpsRequest : httpRequest)(
        {
          method: 'POST',
          protocol: url.protocol,
          hostname: host,
          port: url.port || undefined,
          path: `${url.pathname}${url.search}`,
          headers: { ...headers, 'content-length': String(payload.length), 'accept-encoding': 'identity' },
          lookup,
          agent: false,
          signal,
        },
        resolve,
      )
      req.on('error', (err) => reject(signal.aborted ? failed(`Timed out after ${timeoutMs} ms`, err) : failed(`Could not reach ${url.origin}: ${err.message}`, err)))
      req.end(payload)
    })
    const chunks: Buffer[] = []
    let size = 0
    try {
      for await (const chunk of response as AsyncIterable<Buffer>) {
        if (size < maxBytes) chunks.push(chunk.subarray(0, maxBytes - size))
        size += chunk.length
        if (size >= maxBytes) {
          response.destroy()
          break
        }
      }
    } catch (err) {
      if (signal.aborted) throw failed(`Timed out after ${timeoutMs} ms reading the answer`, err)
    }
    return { status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }
  }
}
