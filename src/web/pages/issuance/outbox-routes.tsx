import { Hono } from 'hono'
import { MIN_ROLE } from '../../../app/platform/roles.js'
import { requireOrg } from '../../../http/auth/require.js'
import '../../../http/context.js'
import { render, tOf } from '../../kit/render.js'
import { OutboxMessageView, OutboxView } from './outbox-view.js'
import { uuidParam } from './shared.js'

const PAGE = 50

/**
 * How a message's HTML version is served: nothing runs (no script, a sandbox without scripts or
 * same-origin access), only inline styles and images load, it can be framed by this site alone,
 * and its links leave the frame (a new tab).
 */
export const MAIL_HTML_CSP =
  "default-src 'none'; img-src 'self' https: http: data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'; sandbox allow-popups allow-popups-to-escape-sandbox"

/** The message's HTML with links opening outside the frame. */
export function framedMailHtml(html: string): string {
  const base = '<base target="_blank">'
  return /<head[^>]*>/i.test(html) ? html.replace(/<head[^>]*>/i, (head) => `${head}${base}`) : `${base}${html}`
}

/**
 * The organization's outgoing e-mail, for admins: without SMTP, messages are held here and an admin
 * can read them (and pass a learner's claim link on); with SMTP, their delivery state.
 */
export const outboxRoutes = (): Hono =>
  new Hono()
    .get('/orgs/:org/outbox', async (c) => {
      const { org, role } = await requireOrg(c, c.req.param('org'), MIN_ROLE.manage)
      const { items, next } = await c.get('platform').outbox.list(org.id, { limit: PAGE, before: uuidParam(c.req.query('before')) })
      const model = { org, role, items, smtpConfigured: c.get('platform').smtpConfigured, next: next ? `/orgs/${org.slug}/outbox?before=${next}` : undefined }
      return render(c, <OutboxView model={model} />, { title: tOf(c).t('iss.outbox.pageTitle', { org: org.name }) })
    })
    .get('/orgs/:org/outbox/:id', async (c) => {
      const { org, role } = await requireOrg(c, c.req.param('org'), MIN_ROLE.manage)
      const message = await c.get('platform').outbox.message(org.id, c.req.param('id'))
      return render(c, <OutboxMessageView model={{ org, role, message }} />, { title: tOf(c).t('iss.outbox.messageTitle', { subject: message.subject }) })
    })
    .get('/orgs/:org/outbox/:id/html', async (c) => {
      const { org } = await requireOrg(c, c.req.param('org'), MIN_ROLE.manage)
      const message = await c.get('platform').outbox.message(org.id, c.req.param('id'))
      c.header('Content-Security-Policy', MAIL_HTML_CSP)
      c.header('Cache-Control', 'no-store')
      c.header('Referrer-Policy', 'no-referrer')
      return c.html(framedMailHtml(message.html))
    })
