import { Hono } from 'hono'
import { MIN_ROLE } from '../../../app/platform/roles.js'
import { requireOrg } from '../../auth/require.js'
import '../../context.js'
import { readQuery } from '../../request.js'
import { activityQuery } from '../../schemas/batches.js'

/** GET /api/v1/orgs/:org/activity?days=N (1–366, default 30): totals and per-day counts. */
export const dashboardApi = (): Hono =>
  new Hono().get('/orgs/:org/activity', async (c) => {
    const { org } = await requireOrg(c, c.req.param('org'), MIN_ROLE.read)
    const { days } = readQuery(c, activityQuery)
    c.header('Cache-Control', 'no-store')
    return c.json(await c.get('platform').dashboard.activity(org.id, days))
  })
