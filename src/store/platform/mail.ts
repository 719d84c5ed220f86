import type { Kysely } from 'kysely'
import type { OutboxRepo } from '../../app/mail/ports.js'
import type { Database } from '../schema.js'

/** The mail repository over `q` (a connection or a transaction), stamping times with `now()`. */
export function outboxRepo(_q: Kysely<Database>, _now: () => Date): OutboxRepo {
  return {}
}
