import type { Kysely } from 'kysely'
import type { OutboxRepo } from '../../app/mail/ports.js'
import type { Database } from '../schema.js'

/** The e-mail outbox over `q` (a connection or a transaction), stamping times with `now()`. */
export function outboxRepo(q: Kysely<Database>, now: () => Date): OutboxRepo {
  return {
    async enqueue(message, { smtpConfigured, id }) {
      const at = now().toISOString()
      await q
        .insertInto('outbox')
        .values({
          id,
          org_id: message.orgId ?? null,
          to_address: message.to,
          from_name: message.fromName,
          subject: message.subject,
          text: message.text,
          html: message.html,
          state: smtpConfigured ? 'queued' : 'held',
          next_attempt_at: at,
          created_at: at,
          sent_at: null,
          last_error: null,
        })
        .execute()
      return id
    },
  }
}
