import { Hono } from 'hono'

/**
 * `GET /healthz`: liveness, with the running version. `GET /readyz`: readiness, for load
 * balancers: 200 once `ready` resolves (the database reachable, its migrations current), else the
 * 503 problem it throws (ERR_STORE_UNAVAILABLE, with Retry-After). Without a platform there is no
 * database to wait for, and the process is ready as soon as it is alive.
 */
export function healthRoutes(version: string, ready: () => Promise<void> = async () => {}): Hono {
  return new Hono()
    .get('/healthz', (c) => {
      c.header('Cache-Control', 'no-store')
      return c.json({ status: 'ok', version })
    })
    .get('/readyz', async (c) => {
      c.header('Cache-Control', 'no-store')
      await ready()
      return c.json({ status: 'ready', version })
    })
}
