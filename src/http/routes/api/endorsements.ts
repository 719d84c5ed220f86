import { Hono } from 'hono'
import { z } from 'zod'
import type { EndorsementView } from '../../../app/endorsements/endorsements-use-cases.js'
import { MIN_ROLE } from '../../../app/platform/roles.js'
import { requireOrg } from '../../auth/require.js'
import '../../context.js'
import { readJson, readQuery } from '../../request.js'
import { endorsementQuery } from '../../schemas/trust.js'

/** An endorsement as the API shows it: the record with its signed credential parsed. */
export const presentEndorsement = (e: EndorsementView) => ({
  id: e.id,
  url: e.url,
  org: e.org,
  subjectKind: e.subjectKind,
  subjectId: e.subjectId,
  subjectName: e.subjectName,
  subjectOrg: e.subjectOrg,
  comment: e.comment,
  state: e.state,
  createdAt: e.createdAt,
  withdrawnAt: e.withdrawnAt,
  credential: JSON.parse(e.document) as Record<string, unknown>,
})

/** An organization's endorsements (/api/v1/orgs/:org/endorsements): endorse (admin), list given or received (any member), withdraw (admin). */
export const endorsementsApi = (): Hono =>
  new Hono()
    .post('/orgs/:org/endorsements', async (c) => {
      const access = await requireOrg(c, c.req.param('org'), MIN_ROLE.manage)
      const body = await readJson(c, z.unknown(), { maxBytes: 32 * 1024 })
      return c.json(presentEndorsement(await c.get('platform').endorsements.endorse(access, body)), 201)
    })
    .get('/orgs/:org/endorsements', async (c) => {
      const access = await requireOrg(c, c.req.param('org'), MIN_ROLE.read)
      const { direction = 'given' } = readQuery(c, endorsementQuery)
      c.header('Cache-Control', 'no-store')
      return c.json({ items: (await c.get('platform').endorsements.list(access, direction)).map(presentEndorsement) })
    })
    .delete('/orgs/:org/endorsements/:id', async (c) => {
      const access = await requireOrg(c, c.req.param('org'), MIN_ROLE.manage)
      await c.get('platform').endorsements.withdraw(access, c.req.param('id'))
      return c.body(null, 204)
    })
