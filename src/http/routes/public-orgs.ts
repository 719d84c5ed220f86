import { Hono, type Context } from 'hono'
import { accepts } from 'hono/accepts'
import { RESERVED_SLUGS, didDocument, issuerProfile } from '../../app/orgs/index.js'
import { CONTEXT } from '../../core/canonical/index.js'
import { PlatformError } from '../../core/errors.js'
import { publicOrgPage } from '../../web/pages/orgs/public-org-page.js'
import '../context.js'

const PROFILE_TYPES = ['text/html', 'application/ld+json', 'application/json'] as const

/** Public documents are cached briefly: a revoked key must leave caches soon. */
function publicDocument(c: Context): void {
  c.header('Access-Control-Allow-Origin', '*')
  c.header('Cache-Control', 'public, max-age=300')
}

async function orgBySlug(c: Context, slug: string) {
  const org = await c.var.platform.store.repos.orgs.bySlug(slug)
  if (!org) throw new PlatformError('ERR_NOT_FOUND', `No organization "${slug}" on this instance`)
  return org
}

/**
 * Public organization documents: `/orgs/:slug/did.json`, the did:web DID document of its keys,
 * and `/orgs/:slug`, its public page, or with `Accept: application/json` / `application/ld+json`
 * the OB 3.0 issuer Profile its credentials embed.
 */
export const publicOrgRoutes = (): Hono =>
  new Hono()
    .get('/orgs/:slug/did.json', async (c) => {
      const org = await orgBySlug(c, c.req.param('slug'))
      const keys = await c.var.platform.store.repos.orgKeys.keysOf(org.id)
      publicDocument(c)
      return c.body(JSON.stringify(didDocument(org, keys, c.var.platform.publicUrl)), 200, { 'Content-Type': 'application/did+json' })
    })
    .get('/orgs/:slug', async (c, next) => {
      // /orgs/new and other reserved words are pages of the back office, not organizations.
      if (RESERVED_SLUGS.has(c.req.param('slug'))) return next()
      const org = await orgBySlug(c, c.req.param('slug'))
      const type = accepts(c, { header: 'Accept', supports: [...PROFILE_TYPES], default: 'text/html' })
      c.header('Vary', 'Accept')
      if (type === 'text/html') return publicOrgPage(c, org)
      publicDocument(c)
      const profile = { '@context': [CONTEXT.VC_V2, CONTEXT.OB_V3], ...issuerProfile(org, c.var.platform.publicUrl) }
      return c.body(JSON.stringify(profile), 200, { 'Content-Type': type === 'application/ld+json' ? 'application/ld+json' : 'application/json' })
    })
