import type { Kysely, Selectable } from 'kysely'
import type { AchievementRecord, AchievementsRepo } from '../../app/achievements/ports.js'
import type { Database } from '../schema.js'

/** An achievements row as the app sees it. */
export const achievementRecordOf = (r: Selectable<Database['achievements']>): AchievementRecord => ({
  id: r.id,
  orgId: r.org_id,
  state: r.state,
  name: r.name,
  definition: JSON.parse(r.definition) as Record<string, unknown>,
  imageId: r.image_id,
  version: r.version,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
})

/** The achievements repository over `q` (a connection or a transaction), stamping times with `now()`. */
export function achievementsRepo(q: Kysely<Database>, _now: () => Date): AchievementsRepo {
  return {
    async get(orgId, id) {
      const row = await q.selectFrom('achievements').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst()
      return row ? achievementRecordOf(row) : undefined
    },
  }
}
