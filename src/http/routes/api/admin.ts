import { Hono } from 'hono'
import type { OutboxEntry } from '../../../app/mail/ports.js'
import { requireUser } from '../../auth/require.js'
import '../../context.js'
import { readQuery } from '../../request.js'
import { instanceOutboxQuery } from '../../schemas/admin.js'

const presentMessage = (m: OutboxEntry) => ({ id: m.id, to: m.to, subject: m.subject, text: m.text, html: m.html, state: m.state, createdAt: m.createdAt, sentAt: m.sentAt })

/** Instance administration (/api/v1/admin…): the instance's own e-mail. Described in schemas/admin.ts. */
export const adminApi = (): Hono =>
  new Hono().get('/admin/outbox', async (c) => {
    const user = requireUser(c)
    const { limit, cursor } = readQuery(c, instanceOutboxQuery)
    const { scope, items, next } = await c.get('platform').instanceOutbox.list(user.id, { limit, before: cursor })
    c.header('Cache-Control', 'no-store')
    return c.json({ scope, items: items.map(presentMessage), ...(next ? { nextCursor: next } : {}) })
  })
