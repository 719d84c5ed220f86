// GET /metrics: Prometheus text exposition, behind a bearer token. Without a configured token the
// route does not exist (404), so an instance never publishes its metrics by accident.
import { createHash, timingSafeEqual } from 'node:crypto'
import type { MiddlewareHandler } from 'hono'
import { Hono } from 'hono'
import { routePath } from 'hono/route'
import { PlatformError } from '../../core/errors.js'

/** What the HTTP edge needs of the metrics (implemented by src/metrics, wired in main.ts). */
export interface HttpMetrics {
  observeRequest(request: { method: string; route: string; status: number; seconds: number }): void
  render(): Promise<{ contentType: string; body: string }>
}

const digest = (text: string) => createHash('sha256').update(text).digest()

/** Whether `header` is `Bearer <token>`, compared in constant time. */
export function bearerMatches(header: string | undefined, token: string): boolean {
  const given = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '')?.[1]
  return given !== undefined && timingSafeEqual(digest(given), digest(token))
}

/** `GET /metrics` with `Authorization: Bearer <token>` (401 otherwise). Mount only when a token is configured. */
export function metricsRoutes(metrics: HttpMetrics, token: string): Hono {
  return new Hono().get('/metrics', async (c) => {
    c.header('Cache-Control', 'no-store')
    if (!bearerMatches(c.req.header('authorization'), token)) {
      c.header('WWW-Authenticate', 'Bearer realm="metrics"')
      throw new PlatformError('ERR_UNAUTHENTICATED', 'The metrics need the bearer token EMBLEM_METRICS_TOKEN')
    }
    const { contentType, body } = await metrics.render()
    return c.body(body, 200, { 'Content-Type': contentType })
  })
}

/**
 * Counts every request by its route pattern (`/orgs/:slug/did.json`, never the path itself: ids
 * and tokens stay out of the labels), method and status, and times it. Unmatched paths count as one
 * route, `(unmatched)`.
 */
export function requestMetrics(metrics: HttpMetrics): MiddlewareHandler {
  return async (c, next) => {
    const started = performance.now()
    try {
      await next()
    } finally {
      const pattern = routePath(c)
      const route = c.res.status === 404 && (pattern === '/*' || pattern === '*' || pattern === '') ? '(unmatched)' : pattern || '(unmatched)'
      metrics.observeRequest({ method: c.req.method, route, status: c.res.status, seconds: (performance.now() - started) / 1000 })
    }
  }
}
