import type { Kysely } from 'kysely'
import type { IssuanceRepo } from '../../app/issuance/ports.js'
import type { Database } from '../schema.js'

/** The issuance repository over `q` (a connection or a transaction), stamping times with `now()`. */
export function issuanceRepo(_q: Kysely<Database>, _now: () => Date): IssuanceRepo {
  return {}
}
