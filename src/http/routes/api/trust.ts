import { Hono } from 'hono'
import { z } from 'zod'
import { requireUser } from '../../auth/require.js'
import '../../context.js'
import { readJson, readQuery } from '../../request.js'
import { trustLookupQuery } from '../../schemas/trust.js'

/** Whether an issuer is trusted (GET /api/v1/trust, public), and trusted issuers and registries (/api/v1/admin/trust/…), for the instance's administrators. Described in schemas/trust.ts. */
export const trustApi = (): Hono =>
  new Hono()
    .get('/trust', async (c) => {
      const { issuer } = readQuery(c, trustLookupQuery)
      c.header('Access-Control-Allow-Origin', '*')
      c.header('Cache-Control', 'public, max-age=60')
      return c.json(await c.get('platform').trust.trustOf(issuer))
    })
    .get('/admin/trust/issuers', async (c) => {
      const { issuers } = await c.get('platform').trust.overview(requireUser(c).id)
      c.header('Cache-Control', 'no-store')
      return c.json({ items: issuers })
    })
    .post('/admin/trust/issuers', async (c) => {
      const user = requireUser(c)
      const body = await readJson(c, z.unknown(), { maxBytes: 16 * 1024 })
      return c.json(await c.get('platform').trust.addIssuer(user.id, body), 201)
    })
    .delete('/admin/trust/issuers/:id', async (c) => {
      await c.get('platform').trust.removeIssuer(requireUser(c).id, c.req.param('id'))
      return c.body(null, 204)
    })
    .get('/admin/trust/registries', async (c) => {
      const { registries } = await c.get('platform').trust.overview(requireUser(c).id)
      c.header('Cache-Control', 'no-store')
      return c.json({ items: registries })
    })
    .post('/admin/trust/registries', async (c) => {
      const user = requireUser(c)
      const body = await readJson(c, z.unknown(), { maxBytes: 16 * 1024 })
      return c.json(await c.get('platform').trust.addRegistry(user.id, body), 201)
    })
    .post('/admin/trust/registries/:id/refresh', async (c) => c.json(await c.get('platform').trust.refreshRegistry(requireUser(c).id, c.req.param('id'))))
    .delete('/admin/trust/registries/:id', async (c) => {
      await c.get('platform').trust.removeRegistry(requireUser(c).id, c.req.param('id'))
      return c.body(null, 204)
    })
