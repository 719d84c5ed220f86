import { Hono } from 'hono'
import { requirePerson } from '../../auth/require.js'
import '../../context.js'

/** The learner's connected apps (OB 3.0 API clients): GET /me/grants, DELETE /me/grants/:id. Described in schemas/oauth-grants.ts. */
export const grantsApi = (): Hono =>
  new Hono()
    .get('/me/grants', async (c) => {
      const user = requirePerson(c, 'Connected apps')
      c.header('Cache-Control', 'no-store')
      return c.json({ grants: await c.get('platform').oauth.grants(user.id) })
    })
    .delete('/me/grants/:id', async (c) => {
      const user = requirePerson(c, 'Connected apps')
      await c.get('platform').oauth.revokeGrant(user.id, c.req.param('id'))
      return c.body(null, 204)
    })
