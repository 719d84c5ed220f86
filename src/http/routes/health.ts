import { Hono } from 'hono'

/** `GET /healthz`: liveness, with the running version. */
export function healthRoutes(version: string): Hono {
  return new Hono().get('/healthz', (c) => {
    c.header('Cache-Control', 'no-store')
    return c.json({ status: 'ok', version })
  })
}
