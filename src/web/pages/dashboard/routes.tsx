import { Hono } from 'hono'
import { MIN_ROLE } from '../../../app/platform/roles.js'
import { requireOrg, requireUser } from '../../../http/auth/require.js'
import '../../../http/context.js'
import { render, tOf } from '../../kit/render.js'
import { OrgDashboardView, WINDOWS } from './org-dashboard-view.js'
import { UserDashboardView } from './user-dashboard-view.js'

const windowOf = (value: string | undefined): number => WINDOWS.find((d) => String(d) === value) ?? 30

/** The signed-in user's dashboard (/dashboard) and each organization's (/orgs/:org/dashboard). */
export const dashboardPages = (): Hono =>
  new Hono()
    .get('/dashboard', async (c) => {
      const user = requireUser(c)
      const orgs = (await c.get('platform').dashboard.myOrgs(user.id)).map((o) => ({ ...o, logoUrl: o.logoImageId ? `/images/${o.logoImageId}` : undefined }))
      // A learner (no organization) lands in their wallet; /dashboard?orgs=1 still shows how to create one.
      if (orgs.length === 0 && c.req.query('orgs') !== '1') return c.redirect('/wallet', 303)
      const t = tOf(c)
      return render(c, <UserDashboardView model={{ name: user.name, email: user.email, emailVerified: user.emailVerified, orgs }} />, { title: t.t('dash.user.pageTitle') })
    })
    .get('/orgs/:org/dashboard', async (c) => {
      const { org, role } = await requireOrg(c, c.req.param('org'), MIN_ROLE.read)
      const days = windowOf(c.req.query('days'))
      // Twice the window: the older half is what the trends compare against.
      const [{ totals, days: series }, { logoImageId }, byAchievement] = await Promise.all([c.get('platform').dashboard.activity(org.id, days * 2), c.get('platform').orgs.get(org.id), c.get('platform').dashboard.looksByAchievement(org.id)])
      const t = tOf(c)
      const shell = { ...org, logoUrl: logoImageId ? `/images/${logoImageId}` : undefined }
      const model = { org: shell, role, days, totals, previous: series.slice(0, days), current: series.slice(days), byAchievement }
      return render(c, <OrgDashboardView model={model} />, { title: t.t('dash.orgTitle', { name: org.name }) })
    })
