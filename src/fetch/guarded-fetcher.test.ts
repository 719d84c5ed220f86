import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { isPlatformError } from '../core/errors.js'
import { createGuardedFetcher } from './guarded-fetcher.js'

let server: Server
let base: string
let port: number
const seen: { url: string; headers: IncomingHttpHeaders }[] = []

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push({ url: req.url ?? '', headers: req.headers })
    const path = new URL(req.url ?? '/', 'http://x').pathname
    if (path === '/doc') {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ id: 'did:web:example', accept: req.headers.accept }))
    } else if (path === '/echo') {
      const chunks: Buffer[] = []
      req.on('data', (c: Buffer) => chunks.push(c))
      req.on('end', () => {
        res.writeHead(req.method === 'POST' ? 201 : 200, { 'content-type': 'application/json', 'x-total-count': '7', link: '<http://x/next>; rel="next"' })
        res.end(JSON.stringify({ method: req.method, body: Buffer.concat(chunks).toString('utf8'), authorization: req.headers.authorization, type: req.headers['content-type'] }))
      })
    } else if (path === '/post-redirect') {
      res.writeHead(303, { location: '/doc' })
      res.end()
    } else if (path === '/redirect-same-host') {
      res.writeHead(302, { location: '/doc' })
      res.end()
    } else if (path === '/redirect-other-host') {
      res.writeHead(302, { location: `http://localhost:${port}/doc` })
      res.end()
    } else if (path === '/redirect-loop') {
      res.writeHead(307, { location: '/redirect-loop' })
      res.end()
    } else if (path === '/slow') {
      res.writeHead(200, { 'content-type': 'text/plain' })
      res.write('partial')
      // never ends: the fetcher's deadline has to cut it off
    } else if (path === '/hang') {
      // never answers
    } else if (path === '/big-declared') {
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(64 * 1024) })
      res.end(Buffer.alloc(64 * 1024))
    } else if (path === '/big-streamed') {
      res.writeHead(200, { 'content-type': 'application/octet-stream' }) // chunked, no content-length
      for (let i = 0; i < 16; i++) res.write(Buffer.alloc(4096))
      res.end()
    } else {
      res.writeHead(404, { 'content-type': 'text/plain' })
      res.end('nope')
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  port = (server.address() as AddressInfo).port
  base = `http://127.0.0.1:${port}`
})

afterAll(async () => {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
})

const local = (options = {}) => createGuardedFetcher({ allowHttp: true, allowPrivateAddresses: true, timeoutMs: 2000, ...options })

async function expectCode(promise: Promise<unknown>, code: 'ERR_FETCH_BLOCKED' | 'ERR_FETCH_FAILED', message?: RegExp) {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(isPlatformError(err, code), `expected ${code}, got ${String(err)}`).toBe(true)
  if (message) expect((err as Error).message).toMatch(message)
}

describe('createGuardedFetcher', () => {
  it('fetches a document when http and private addresses are allowed', async () => {
    const res = await local()(`${base}/doc`, { accept: 'application/did+json' })
    expect(res.status).toBe(200)
    expect(res.contentType).toBe('application/json')
    expect(res.url).toBe(`${base}/doc`)
    expect(JSON.parse(new TextDecoder().decode(res.body))).toEqual({ id: 'did:web:example', accept: 'application/did+json' })
  })

  it('returns non-2xx responses for the caller to judge', async () => {
    const res = await local()(`${base}/missing`)
    expect(res.status).toBe(404)
    expect(new TextDecoder().decode(res.body)).toBe('nope')
  })

  it('refuses plain http with the default options', async () => {
    await expectCode(createGuardedFetcher()(`${base}/doc`), 'ERR_FETCH_BLOCKED', /only https/)
  })

  it('refuses a loopback address unless private addresses are allowed', async () => {
    await expectCode(createGuardedFetcher({ allowHttp: true })(`${base}/doc`), 'ERR_FETCH_BLOCKED', /loopback/)
    await expectCode(createGuardedFetcher()('https://127.0.0.1/doc'), 'ERR_FETCH_BLOCKED', /loopback/)
    await expectCode(createGuardedFetcher()('https://[::1]/doc'), 'ERR_FETCH_BLOCKED', /loopback/)
    await expectCode(createGuardedFetcher()('https://[::ffff:127.0.0.1]/doc'), 'ERR_FETCH_BLOCKED', /loopback/)
  })

  it('refuses a host name that resolves to a private address', async () => {
    const fetcher = createGuardedFetcher({ resolveHost: async () => ['93.184.216.34', '10.0.0.7'] })
    await expectCode(fetcher('https://rebind.example/doc'), 'ERR_FETCH_BLOCKED', /10\.0\.0\.7, a private address/)
    await expectCode(createGuardedFetcher({ resolveHost: async () => ['169.254.169.254'] })('https://metadata.example/'), 'ERR_FETCH_BLOCKED', /link-local/)
  })

  it('connects to the address it checked, sending the original host name', async () => {
    const resolved: string[] = []
    const fetcher = local({
      resolveHost: async (host: string) => {
        resolved.push(host)
        return ['127.0.0.1']
      },
    })
    const res = await fetcher(`http://issuer.example:${port}/doc`)
    expect(res.status).toBe(200)
    expect(resolved).toEqual(['issuer.example'])
    expect(seen.at(-1)?.headers.host).toBe(`issuer.example:${port}`)
  })

  it('refuses other schemes and URLs with credentials', async () => {
    await expectCode(local()('file:///etc/passwd'), 'ERR_FETCH_BLOCKED')
    await expectCode(local()('ftp://example.org/x'), 'ERR_FETCH_BLOCKED')
    await expectCode(local()(`http://user:pw@127.0.0.1:${port}/doc`), 'ERR_FETCH_BLOCKED', /credentials/)
    await expectCode(local()('not a url'), 'ERR_FETCH_BLOCKED')
  })

  it('follows a redirect to the same host', async () => {
    const res = await local()(`${base}/redirect-same-host`)
    expect(res.status).toBe(200)
    expect(res.url).toBe(`${base}/doc`)
  })

  it('refuses a redirect to another host', async () => {
    await expectCode(local()(`${base}/redirect-other-host`), 'ERR_FETCH_BLOCKED', /another host \(localhost\)/)
  })

  it('stops after maxRedirects', async () => {
    await expectCode(local({ maxRedirects: 2 })(`${base}/redirect-loop`), 'ERR_FETCH_FAILED', /Too many redirects/)
  })

  it('times out a server that never answers', async () => {
    const started = Date.now()
    await expectCode(local({ timeoutMs: 200 })(`${base}/hang`), 'ERR_FETCH_FAILED', /timed out after 200 ms/)
    expect(Date.now() - started).toBeLessThan(1500)
  })

  it('times out a host name that never resolves', async () => {
    const fetcher = createGuardedFetcher({ timeoutMs: 100, resolveHost: () => new Promise<string[]>(() => {}) })
    await expectCode(fetcher('https://slow-dns.example/'), 'ERR_FETCH_FAILED', /timed out after 100 ms resolving slow-dns\.example/)
  })

  it('times out a body that never ends', async () => {
    await expectCode(local({ timeoutMs: 200 })(`${base}/slow`), 'ERR_FETCH_FAILED', /timed out/)
  })

  it('refuses a body larger than maxBytes, declared or streamed', async () => {
    await expectCode(local({ maxBytes: 1000 })(`${base}/big-declared`), 'ERR_FETCH_FAILED', /more than the 1000 allowed/)
    await expectCode(local({ maxBytes: 10_000 })(`${base}/big-streamed`), 'ERR_FETCH_FAILED', /larger than the 10000 bytes/)
    const ok = await local({ maxBytes: 64 * 1024 })(`${base}/big-streamed`)
    expect(ok.body.length).toBe(64 * 1024)
  })

  it('reports an unreachable server as a failed fetch', async () => {
    const closed = createServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    const closedPort = (closed.address() as AddressInfo).port
    await new Promise((resolve) => closed.close(resolve))
    await expectCode(local()(`http://127.0.0.1:${closedPort}/`), 'ERR_FETCH_FAILED', /ECONNREFUSED/)
  })
})

describe('requests with a body (the OB 3.0 client)', () => {
  it('POSTs and PUTs the body with the caller\'s headers, and returns the response headers', async () => {
    const fetchRemote = local()
    for (const method of ['POST', 'PUT'] as const) {
      const res = await fetchRemote(`${base}/echo`, { method, headers: { authorization: 'Bearer t0ken', 'content-type': 'application/json', host: 'evil.example' }, body: '{"a":1}' })
      expect(res.status).toBe(method === 'POST' ? 201 : 200)
      expect(JSON.parse(new TextDecoder().decode(res.body))).toEqual({ method, body: '{"a":1}', authorization: 'Bearer t0ken', type: 'application/json' })
      expect(res.headers?.['x-total-count']).toBe('7')
      expect(res.headers?.link).toContain('rel="next"')
    }
  })

  it('never follows a redirect of a POST, and keeps every guard (private addresses, http)', async () => {
    const res = await local()(`${base}/post-redirect`, { method: 'POST', body: 'x' })
    expect(res.status).toBe(303)
    await expectCode(createGuardedFetcher({ allowHttp: true })(`${base}/echo`, { method: 'POST', body: 'x' }), 'ERR_FETCH_BLOCKED')
    await expectCode(createGuardedFetcher({ allowPrivateAddresses: true })(`${base}/echo`, { method: 'POST', body: 'x' }), 'ERR_FETCH_BLOCKED')
    await expectCode(local({ maxBytes: 10 })(`${base}/echo`, { method: 'POST', body: 'a longer body than ten bytes' }), 'ERR_FETCH_FAILED')
  })
})
