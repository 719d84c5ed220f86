import { Hono, type Context } from 'hono'
import { accepts } from 'hono/accepts'
import { RESERVED_SLUGS } from '../../app/orgs/index.js'
import { CONTEXT } from '../../core/canonical/index.js'
import '../context.js'

const PROFILE_TYPES = ['text/html', 'application/ld+json', 'application/json'] as const

/** Public documents are cached briefly: a revoked key must leave caches soon. */
function publicDocument(c: Context): void {
  c.header('Access-Control-Allow-Origin', '*')
  c.header('Cache-Control', 'public, max-age=300')
}

/**
 * Public organization documents: `/orgs/:slug/did.json`, the did:web DID document of its keys,
 * and `/orgs/:slug` with `Accept: application/json` / `application/ld+json`, the OB 3.0 issuer
 * Profile its credentials embed. A browser asking for HTML goes on to the organization's public
 * page (web/), mounted after these routes.
 */
export const publicOrgRoutes = (): Hono =>
  new Hono()
    .get('/orgs/:slug/did.json', async (c) => {
      const document = await c.get('platform').orgs.didDocument(c.req.param('slug'))
      publicDocument(c)
      return c.body(JSON.stringify(document), 200, { 'Content-Type': 'application/did+json' })
    })
    .get('/orgs/:slug', async (c, next) => {
      // /orgs/new and other reserved words are pages of the back office, not organizations.
      if (RESERVED_SLUGS.has(c.req.param('slug'))) return next()
      const type = accepts(c, { header: 'Accept', supports: [...PROFILE_TYPES], default: 'text/html' })
      c.header('Vary', 'Accept')
      if (type === 'text/html') return next()
      const { profile } = await c.get('platform').orgs.publicProfile(c.req.param('slug'))
      publicDocument(c)
      return c.body(JSON.stringify({ '@context': [CONTEXT.VC_V2, CONTEXT.OB_V3], ...profile }), 200, { 'Content-Type': type === 'application/ld+json' ? 'application/ld+json' : 'application/json' })
    })
