import { Hono } from 'hono'
import { accepts } from 'hono/accepts'
import '../context.js'

/** GET /endorsements/:id: an active endorsement's signed EndorsementCredential, from any origin (`application/vc`, or `application/json` when asked). */
export const publicEndorsementRoutes = (): Hono =>
  new Hono().get('/endorsements/:id', async (c) => {
    const document = await c.get('platform').endorsements.document(c.req.param('id'))
    c.header('Access-Control-Allow-Origin', '*')
    c.header('Cache-Control', 'public, max-age=60')
    c.header('Vary', 'Accept')
    const type = accepts(c, { header: 'Accept', supports: ['application/vc', 'application/json'], default: 'application/vc' })
    return c.body(document, 200, { 'Content-Type': type })
  })
