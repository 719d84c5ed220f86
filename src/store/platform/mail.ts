import type { Kysely, Selectable } from 'kysely'
import type { MailMessage, OutboxEntry, OutboxRepo } from '../../app/mail/ports.js'
import { insertRows } from '../insert-rows.js'
import type { Database } from '../schema.js'

/** An outbox row as the app sees it. */
const entryOf = (r: Selectable<Database['outbox']>): OutboxEntry => ({
  id: r.id,
  orgId: r.org_id ?? undefined,
  to: r.to_address,
  fromName: r.from_name,
  subject: r.subject,
  text: r.text,
  html: r.html,
  state: r.state,
  attempts: Number(r.attempts),
  lastError: r.last_error,
  nextAttemptAt: r.next_attempt_at,
  createdAt: r.created_at,
  sentAt: r.sent_at,
})

/** Errors are kept short: an SMTP server's reply, not a stack. */
const MAX_ERROR = 1000

/** The e-mail outbox over `q` (a connection or a transaction), stamping times with `now()`. */
export function outboxRepo(q: Kysely<Database>, now: () => Date): OutboxRepo {
  const rowOf = (message: MailMessage, id: string, smtpConfigured: boolean, at: string) => ({
    id,
    org_id: message.orgId ?? null,
    to_address: message.to,
    from_name: message.fromName,
    subject: message.subject,
    text: message.text,
    html: message.html,
    state: smtpConfigured ? ('queued' as const) : ('held' as const),
    next_attempt_at: at,
    created_at: at,
    sent_at: null,
    last_error: null,
  })
  return {
    async enqueue(message, { smtpConfigured, id }) {
      await q.insertInto('outbox').values(rowOf(message, id, smtpConfigured, now().toISOString())).execute()
      return id
    },
    async enqueueMany(messages, { smtpConfigured }) {
      const at = now().toISOString()
      // 12 values a row: 500 rows stay far below both databases' parameter limits.
      await insertRows(q, 'outbox', messages.map((m) => rowOf(m.message, m.id, smtpConfigured, at)), 500)
    },

    async listForOrg(orgId, { limit, before }) {
      let query = q.selectFrom('outbox').selectAll().where('org_id', '=', orgId)
      if (before !== undefined) {
        const cursor = await q.selectFrom('outbox').select(['created_at', 'id']).where('id', '=', before).where('org_id', '=', orgId).executeTakeFirst()
        if (!cursor) return []
        query = query.where((eb) =>
          eb.or([eb('created_at', '<', cursor.created_at), eb.and([eb('created_at', '=', cursor.created_at), eb('id', '<', cursor.id)])]),
        )
      }
      const rows = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute()
      return rows.map(entryOf)
    },

    async listInstance({ limit, before, to }) {
      let query = q.selectFrom('outbox').selectAll().where('org_id', 'is', null)
      if (to !== undefined) query = query.where('to_address', '=', to)
      if (before !== undefined) {
        const cursor = await q.selectFrom('outbox').select(['created_at', 'id']).where('id', '=', before).where('org_id', 'is', null).executeTakeFirst()
        if (!cursor) return []
        query = query.where((eb) =>
          eb.or([eb('created_at', '<', cursor.created_at), eb.and([eb('created_at', '=', cursor.created_at), eb('id', '<', cursor.id)])]),
        )
      }
      const rows = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute()
      return rows.map(entryOf)
    },

    async get(id) {
      const row = await q.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirst()
      return row ? entryOf(row) : undefined
    },

    async due(at, limit) {
      const rows = await q
        .selectFrom('outbox')
        .selectAll()
        .where('state', '=', 'queued')
        .where('next_attempt_at', '<=', at.toISOString())
        .orderBy('next_attempt_at')
        .orderBy('created_at')
        .limit(limit)
        .execute()
      return rows.map(entryOf)
    },

    async claim(id, at, leaseUntil) {
      const result = await q
        .updateTable('outbox')
        .set({ next_attempt_at: leaseUntil.toISOString() })
        .where('id', '=', id)
        .where('state', '=', 'queued')
        .where('next_attempt_at', '<=', at.toISOString())
        .executeTakeFirst()
      return Number(result.numUpdatedRows) === 1
    },

    async markSent(id, at) {
      await q
        .updateTable('outbox')
        .set((eb) => ({ state: 'sent', sent_at: at.toISOString(), attempts: eb('attempts', '+', 1), last_error: null }))
        .where('id', '=', id)
        .execute()
    },

    async markFailed(id, error, nextAttemptAt) {
      await q
        .updateTable('outbox')
        .set((eb) => ({
          state: nextAttemptAt ? 'queued' : 'failed',
          attempts: eb('attempts', '+', 1),
          last_error: error.slice(0, MAX_ERROR),
          ...(nextAttemptAt ? { next_attempt_at: nextAttemptAt.toISOString() } : {}),
        }))
        .where('id', '=', id)
        .execute()
    },
  }
}
