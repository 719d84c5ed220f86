import type { Kysely } from 'kysely'
import type { OrgsRepo } from '../../app/orgs/ports.js'
import type { Database } from '../schema.js'

/** The orgs repository over `q` (a connection or a transaction), stamping times with `now()`. */
export function orgsRepo(_q: Kysely<Database>, _now: () => Date): OrgsRepo {
  return {}
}
