import { Hono } from 'hono'
import { z } from 'zod'
import { MIN_ROLE } from '../../../app/platform/roles.js'
import { requireOrg } from '../../auth/require.js'
import '../../context.js'
import { readJson } from '../../request.js'

/**
 * An issuer sends a credential to the learner's OB 3.0 host: POST /orgs/:org/credentials/:id/push
 * (a push link for the learner), GET /orgs/:org/credentials/:id/pushes (what became of them).
 * Described in schemas/credential-pushes.ts.
 */
export const credentialPushesApi = (): Hono =>
  new Hono()
    .post('/orgs/:org/credentials/:id/push', async (c) => {
      const actor = c.get('actor')
      const { org } = await requireOrg(c, c.req.param('org'), MIN_ROLE.issue)
      const body = await readJson(c, z.unknown(), { maxBytes: 8 * 1024, empty: {} })
      const created = await c.get('platform').issuerPush.create(org.id, c.req.param('id'), body, actor?.kind === 'user' ? actor.user.id : null)
      c.header('Cache-Control', 'no-store')
      return c.json(created, 201)
    })
    .get('/orgs/:org/credentials/:id/pushes', async (c) => {
      const { org } = await requireOrg(c, c.req.param('org'), MIN_ROLE.read)
      c.header('Cache-Control', 'no-store')
      return c.json({ items: await c.get('platform').issuerPush.list(org.id, c.req.param('id')) })
    })
