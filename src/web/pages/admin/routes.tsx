import { Hono } from 'hono'
import { linksIn } from '../../../app/mail/instance-outbox.js'
import { requireUser } from '../../../http/auth/require.js'
import '../../../http/context.js'
import { render, tOf } from '../../kit/render.js'
import { InstanceOutboxView, NotAdminView } from './outbox-view.js'

/** How many messages a page shows. */
const PAGE = 25

/** Instance administration pages: /admin/outbox, the instance's own e-mail (confirmations, resets). */
export const adminPages = (): Hono =>
  new Hono().get('/admin/outbox', async (c) => {
    const user = requireUser(c)
    const { instanceOutbox, smtpConfigured } = c.get('platform')
    const title = tOf(c).t('acct.outbox.title')
    if (!(await instanceOutbox.scopeOf(user.id))) return render(c, <NotAdminView />, { title, status: 403 })
    const { scope, items, next } = await instanceOutbox.list(user.id, { limit: PAGE, before: c.req.query('before')?.slice(0, 100) })
    const model = { scope, smtpConfigured, items: items.map((entry) => ({ entry, links: linksIn(entry.text) })), next }
    return render(c, <InstanceOutboxView model={model} />, { title })
  })
