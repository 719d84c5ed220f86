import { Hono } from 'hono'
import { secureHeaders } from 'hono/secure-headers'
import { describe, expect, it } from 'vitest'
import { preparedResponse, securityHeaders, securityHeadersMiddleware, type SecurityHeaderOptions } from './security-headers.js'

const csp = { defaultSrc: ["'self'"], imgSrc: ["'self'", 'data:'], frameAncestors: ["'none'"], formAction: ["'self'"] }

/** Every header of a response, as [name, value] pairs in the order they were set. */
const headersOf = (res: Response) => [...res.headers.entries()]

describe('securityHeaders', () => {
  for (const strictTransportSecurity of ['max-age=15552000; includeSubDomains', false] as const) {
    const options: SecurityHeaderOptions = { strictTransportSecurity, contentSecurityPolicy: csp }
    it(`sets what Hono's secureHeaders sets (HSTS ${strictTransportSecurity === false ? 'off' : 'on'}), on a plain response and on a prepared one`, async () => {
      const hono = new Hono().use(secureHeaders({ overwrite: false, strictTransportSecurity, contentSecurityPolicy: csp })).get('/', (c) => c.json({ a: 1 }))
      const ours = new Hono()
        .use(securityHeadersMiddleware(securityHeaders(options)))
        .get('/', (c) => c.json({ a: 1 }))
        .get('/prepared', (c) => preparedResponse(c, '{"a":1}', 200, { 'Content-Type': 'application/json' }))
      const expected = headersOf(await hono.request('/'))
      expect(expected.some(([name]) => name === 'content-security-policy')).toBe(true)
      expect(headersOf(await ours.request('/')).sort()).toEqual([...expected].sort())
      expect(headersOf(await ours.request('/prepared')).sort()).toEqual([...expected].sort())
    })
  }

  it("keeps a route's own header, on a plain response and on a prepared one", async () => {
    const app = new Hono()
      .use(securityHeadersMiddleware(securityHeaders({ strictTransportSecurity: false, contentSecurityPolicy: csp })))
      .get('/', (c) => c.body('x', 200, { 'Cross-Origin-Resource-Policy': 'cross-origin', 'X-Powered-By': 'me' }))
      .get('/prepared', (c) => preparedResponse(c, 'x', 200, { 'Cross-Origin-Resource-Policy': 'cross-origin' }))
    const plain = await app.request('/')
    expect(plain.headers.get('cross-origin-resource-policy')).toBe('cross-origin')
    expect(plain.headers.get('x-powered-by')).toBeNull()
    expect(plain.headers.get('x-frame-options')).toBe('SAMEORIGIN')
    const prepared = await app.request('/prepared')
    expect(prepared.headers.get('cross-origin-resource-policy')).toBe('cross-origin')
    expect(prepared.headers.get('x-frame-options')).toBe('SAMEORIGIN')
  })
})
