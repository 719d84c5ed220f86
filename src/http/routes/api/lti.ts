import { Hono } from 'hono'
import { z } from 'zod'
import type { LtiContextRecord, LtiPlatformRecord } from '../../../app/lti/ports.js'
import { MIN_ROLE } from '../../../app/platform/roles.js'
import { PlatformError } from '../../../core/errors.js'
import { requireOrg } from '../../auth/require.js'
import '../../context.js'
import { readJson } from '../../request.js'

const presentPlatform = (p: LtiPlatformRecord) => ({
  id: p.id, name: p.name, issuer: p.issuer, clientId: p.clientId, authLoginUrl: p.authLoginUrl, tokenUrl: p.tokenUrl, jwksUrl: p.jwksUrl, deploymentIds: p.deploymentIds, createdAt: p.createdAt,
})
const presentContext = (x: LtiContextRecord) => ({
  id: x.id, platformId: x.platformId, contextId: x.contextId, title: x.title, label: x.label, agsAvailable: x.lineItemsUrl !== null, nrpsAvailable: x.membershipsUrl !== null, lastSyncAt: x.lastSyncAt, lastSyncError: x.lastSyncError, updatedAt: x.updatedAt,
})

/** An organization's LTI platforms and courses (/api/v1/orgs/:org/lti/…), for its admins. Described in schemas/lti.ts. */
export const ltiApi = (): Hono =>
  new Hono()
    .get('/orgs/:org/lti/platforms', async (c) => {
      const { org } = await requireOrg(c, c.req.param('org'), MIN_ROLE.manage)
      c.header('Cache-Control', 'no-store')
      return c.json({ items: (await c.get('platform').lti.listPlatforms(org.id)).map(presentPlatform), tool: c.get('platform').lti.toolConfig() })
    })
    .post('/orgs/:org/lti/platforms', async (c) => {
      const { org } = await requireOrg(c, c.req.param('org'), MIN_ROLE.manage)
      const body = await readJson(c, z.unknown(), { maxBytes: 32 * 1024 })
      return c.json(presentPlatform(await c.get('platform').lti.registerPlatform(org.id, body)), 201)
    })
    .delete('/orgs/:org/lti/platforms/:id', async (c) => {
      const { org } = await requireOrg(c, c.req.param('org'), MIN_ROLE.manage)
      await c.get('platform').lti.removePlatform(org.id, c.req.param('id'))
      return c.body(null, 204)
    })
    .get('/orgs/:org/lti/courses', async (c) => {
      const { org } = await requireOrg(c, c.req.param('org'), MIN_ROLE.manage)
      c.header('Cache-Control', 'no-store')
      return c.json({ items: (await c.get('platform').lti.contexts(org.id)).map(presentContext) })
    })
    .post('/orgs/:org/lti/courses/:id/sync', async (c) => {
      const { org } = await requireOrg(c, c.req.param('org'), MIN_ROLE.manage)
      const id = c.req.param('id')
      if (!(await c.get('platform').lti.contexts(org.id)).some((x) => x.id === id)) throw new PlatformError('ERR_NOT_FOUND', 'No such course in this organization')
      return c.json(await c.get('platform').lti.sync(id))
    })
