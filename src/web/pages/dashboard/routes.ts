import { Hono } from 'hono'
import { html } from 'hono/html'
import { MIN_ROLE, hasRole } from '../../../app/platform/roles.js'
import { requireOrg, requireUser } from '../../../http/auth/require.js'
import '../../../http/context.js'
import { orgNav } from '../../components/org-nav.js'
import { renderPage } from '../../page.js'
import { activityChart } from './activity-chart.js'

const WINDOWS = [7, 30, 90] as const
const windowOf = (value: string | undefined): number => WINDOWS.find((d) => String(d) === value) ?? 30

/** The signed-in user's dashboard (/dashboard) and each organization's (/orgs/:org/dashboard). */
export const dashboardPages = (): Hono =>
  new Hono()
    .get('/dashboard', async (c) => {
      const user = requireUser(c)
      const orgs = await c.var.platform.dashboard.myOrgs(user.id)
      return renderPage(c, {
        title: 'Dashboard',
        main: html`<h1>Your organizations</h1>
          ${user.emailVerified ? '' : html`<p class="alert warn">Your e-mail address is not verified yet. <a href="/account">Resend the link</a>.</p>`}
          ${orgs.length === 0
            ? html`<div class="card">
                <p>You are not in any organization yet. An organization issues micro-credentials under its own name and signing key.</p>
                <p><a class="button" href="/orgs/new">Create an organization</a></p>
                <p class="muted">Invited by someone? Open the link in their e-mail while signed in as ${user.email}.</p>
              </div>`
            : html`<div class="cards">
                  ${orgs.map(
                    (o) => html`<section class="card" aria-labelledby="org-${o.slug}">
                      <h2 id="org-${o.slug}"><a href="/orgs/${o.slug}/dashboard">${o.name}</a></h2>
                      <p class="muted">You are ${o.role} · ${o.achievements} achievements · ${o.credentials.toLocaleString('en')} credentials issued</p>
                      <p class="actions">
                        <a href="/orgs/${o.slug}/dashboard">Dashboard</a>
                        ${hasRole(o.role, MIN_ROLE.issue) ? html`<a href="/orgs/${o.slug}/issue">Issue</a>` : ''}
                        <a href="/orgs/${o.slug}/credentials">Credentials</a>
                      </p>
                    </section>`,
                  )}
                </div>
                <p><a class="button secondary" href="/orgs/new">Create another organization</a></p>`}`,
      })
    })
    .get('/orgs/:org/dashboard', async (c) => {
      const { org, role } = await requireOrg(c, c.req.param('org'), MIN_ROLE.read)
      const days = windowOf(c.req.query('days'))
      const { totals, days: series } = await c.var.platform.dashboard.activity(org.id, days)
      const stat = (label: string, n: number, href?: string) =>
        html`<div class="card"><div class="stat">${n.toLocaleString('en')}</div><div>${href ? html`<a href="${href}">${label}</a>` : label}</div></div>`
      return renderPage(c, {
        title: `${org.name} dashboard`,
        main: html`<h1>${org.name}</h1>
          ${orgNav(org, 'dashboard')}
          <div class="cards" role="list">
            ${stat('Credentials issued', totals.issued, `/orgs/${org.slug}/credentials`)}
            ${stat('Claimed by learners', totals.claimed)}
            ${stat('Verifications', totals.verified)}
            ${stat('Revoked', totals.revoked, `/orgs/${org.slug}/credentials?state=revoked`)}
            ${stat('Suspended', totals.suspended, `/orgs/${org.slug}/credentials?state=suspended`)}
            ${stat('Achievements', totals.achievements, `/orgs/${org.slug}/achievements`)}
            ${stat('Bulk batches', totals.batches, `/orgs/${org.slug}/batches`)}
          </div>
          <h2>Activity</h2>
          <p class="actions" aria-label="Window">
            ${WINDOWS.map((d) => (d === days ? html`<strong>Last ${d} days</strong>` : html`<a href="?days=${d}">Last ${d} days</a>`))}
          </p>
          ${activityChart(series)}
          ${hasRole(role, MIN_ROLE.issue)
            ? html`<p class="actions"><a class="button" href="/orgs/${org.slug}/issue">Issue a credential</a> <a class="button secondary" href="/orgs/${org.slug}/batches/new">Issue from a CSV file</a></p>`
            : ''}`,
      })
    })
