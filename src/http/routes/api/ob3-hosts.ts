import { Hono } from 'hono'
import { z } from 'zod'
import { requirePerson } from '../../auth/require.js'
import '../../context.js'
import { readJson } from '../../request.js'

const WHAT = 'Connected hosts'

/** Other OB 3.0 hosts the learner connected: GET/POST /me/hosts, DELETE /me/hosts/:id, POST …/import and …/push. Described in schemas/ob3-hosts.ts. */
export const hostsApi = (): Hono =>
  new Hono()
    .get('/me/hosts', async (c) => {
      const user = requirePerson(c, WHAT)
      c.header('Cache-Control', 'no-store')
      return c.json({ hosts: await c.get('platform').ob3client.hosts(user.id) })
    })
    .post('/me/hosts', async (c) => {
      const user = requirePerson(c, WHAT)
      const body = await readJson(c, z.unknown(), { maxBytes: 8 * 1024 })
      return c.json(await c.get('platform').ob3client.connect(user.id, body), 201)
    })
    .delete('/me/hosts/:id', async (c) => {
      const user = requirePerson(c, WHAT)
      await c.get('platform').ob3client.remove(user.id, c.req.param('id'))
      return c.body(null, 204)
    })
    .post('/me/hosts/:id/import', async (c) => {
      const user = requirePerson(c, WHAT)
      return c.json(await c.get('platform').ob3client.importAll(user.id, c.req.param('id'), { fetchLocal: c.get('fetchLocal') }))
    })
    .post('/me/hosts/:id/push', async (c) => {
      const user = requirePerson(c, WHAT)
      const body = await readJson(c, z.unknown(), { maxBytes: 8 * 1024 })
      return c.json(await c.get('platform').ob3client.push(user.id, c.req.param('id'), body))
    })
