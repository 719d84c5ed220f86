import { Hono } from 'hono'
import { html } from 'hono/html'
import type { OutboxEntry } from '../../../app/mail/ports.js'
import { MIN_ROLE } from '../../../app/platform/roles.js'
import { requireOrg } from '../../../http/auth/require.js'
import '../../../http/context.js'
import { orgNav } from '../../components/org-nav.js'
import { renderPage } from '../../page.js'
import { uuidParam, when } from './parts.js'

const STATE: Record<OutboxEntry['state'], unknown> = {
  held: html`<span class="pill warn">Held</span>`,
  queued: html`<span class="pill neutral">Queued</span>`,
  sent: html`<span class="pill ok">Sent</span>`,
  failed: html`<span class="pill bad">Failed</span>`,
}

const PAGE = 50

/**
 * The organization's outgoing e-mail, for admins: without SMTP, messages are held here and an admin
 * can read them (and pass a learner's claim link on); with SMTP, their delivery state.
 */
export const outboxRoutes = (): Hono =>
  new Hono()
    .get('/orgs/:org/outbox', async (c) => {
      const { org } = await requireOrg(c, c.req.param('org'), MIN_ROLE.manage)
      const { items: page, next } = await c.var.platform.outbox.list(org.id, { limit: PAGE, before: uuidParam(c.req.query('before')) })
      return renderPage(c, {
        title: `Outbox · ${org.name}`,
        main: html`<h1>Outbox</h1>
          ${orgNav(org, 'outbox')}
          <p class="lead">${c.var.platform.smtpConfigured
            ? 'E-mail goes out over SMTP; this is what was sent, and what is still waiting or failed.'
            : 'No SMTP server is configured, so e-mail is held here instead of sent. Open a message to read it, for example to pass a learner their claim link.'}</p>
          ${page.length === 0
            ? html`<p>No e-mail yet.</p>`
            : html`<div class="table-wrap"><table>
                <caption class="sr-only">E-mail of ${org.name}, newest first</caption>
                <thead><tr><th scope="col">Subject</th><th scope="col">To</th><th scope="col">State</th><th scope="col">Created</th></tr></thead>
                <tbody>${page.map((m) => html`<tr><th scope="row"><a href="/orgs/${org.slug}/outbox/${m.id}">${m.subject}</a></th><td>${m.to}</td><td>${STATE[m.state]}</td><td>${when(m.createdAt)}</td></tr>`)}</tbody>
              </table></div>`}
          ${next ? html`<p><a href="/orgs/${org.slug}/outbox?before=${next}" rel="next">Older messages</a></p>` : ''}`,
      })
    })
    .get('/orgs/:org/outbox/:id', async (c) => {
      const { org } = await requireOrg(c, c.req.param('org'), MIN_ROLE.manage)
      const message = await c.var.platform.outbox.message(org.id, c.req.param('id'))
      return renderPage(c, {
        title: `${message.subject} · Outbox`,
        main: html`<h1>${message.subject}</h1>
          ${orgNav(org, 'outbox')}
          <dl>
            <dt>To</dt><dd>${message.to}</dd>
            <dt>From</dt><dd>${message.fromName}</dd>
            <dt>State</dt><dd>${STATE[message.state]}${message.sentAt ? html` ${when(message.sentAt)}` : ''}${message.lastError ? html` — ${message.lastError}` : ''}</dd>
            <dt>Created</dt><dd>${when(message.createdAt)}</dd>
          </dl>
          <h2>Message</h2>
          <pre>${message.text}</pre>
          <p><a href="/orgs/${org.slug}/outbox">Back to the outbox</a></p>`,
      })
    })
