import type { Kysely } from 'kysely'
import type { AccountsRepo } from '../../app/accounts/ports.js'
import type { Database } from '../schema.js'

/** The accounts repository over `q` (a connection or a transaction), stamping times with `now()`. */
export function accountsRepo(_q: Kysely<Database>, _now: () => Date): AccountsRepo {
  return {}
}
