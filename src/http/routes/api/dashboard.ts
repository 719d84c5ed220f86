import { Hono } from 'hono'
import { organizationActivity } from '../../../app/dashboard/activity.js'
import { MIN_ROLE } from '../../../app/platform/roles.js'
import { PlatformError } from '../../../core/errors.js'
import { requireOrg } from '../../auth/require.js'
import '../../context.js'

/** GET /api/v1/orgs/:org/activity?days=N (1–366, default 30): totals and per-day counts. */
export const dashboardApi = (): Hono =>
  new Hono().get('/orgs/:org/activity', async (c) => {
    const { org } = await requireOrg(c, c.req.param('org'), MIN_ROLE.read)
    const raw = c.req.query('days') ?? '30'
    const days = /^\d{1,3}$/.test(raw) ? Number(raw) : NaN
    if (!(days >= 1 && days <= 366)) throw new PlatformError('ERR_INPUT_INVALID', `days must be an integer from 1 to 366, got ${JSON.stringify(raw)}`)
    c.header('Cache-Control', 'no-store')
    return c.json(await organizationActivity({ stats: c.var.platform.store.repos.stats, clock: c.var.platform.clock }, org.id, days))
  })
