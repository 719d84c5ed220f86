import type { Kysely } from 'kysely'
import type { SkillsRepo } from '../../app/skills/ports.js'
import type { Database } from '../schema.js'

/** The skills repository over `q` (a connection or a transaction), stamping times with `now()`. */
export function skillsRepo(_q: Kysely<Database>, _now: () => Date): SkillsRepo {
  return {}
}
