import type { Kysely } from 'kysely'
import type { AchievementsRepo } from '../../app/achievements/ports.js'
import type { Database } from '../schema.js'

/** The achievements repository over `q` (a connection or a transaction), stamping times with `now()`. */
export function achievementsRepo(_q: Kysely<Database>, _now: () => Date): AchievementsRepo {
  return {}
}
