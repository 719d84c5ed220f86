import { sql, type Kysely, type Selectable } from 'kysely'
import type { AchievementRecord, AchievementsRepo } from '../../app/achievements/ports.js'
import { PlatformError } from '../../core/errors.js'
import type { Database } from '../schema.js'
import { likePattern } from '../../core/skills/index.js'

/** An achievements row as the app sees it. */
export const achievementRecordOf = (r: Selectable<Database['achievements']>): AchievementRecord => ({
  id: r.id,
  orgId: r.org_id,
  state: r.state,
  name: r.name,
  definition: JSON.parse(r.definition) as Record<string, unknown>,
  imageId: r.image_id,
  version: Number(r.version),
  createdAt: r.created_at,
  updatedAt: r.updated_at,
})


const encodeCursor = (at: string, id: string): string => Buffer.from(JSON.stringify([at, id])).toString('base64url')
function decodeCursor(cursor: string): { at: string; id: string } {
  let value: unknown
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
  } catch {
    value = undefined
  }
  if (Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === 'string')) return { at: value[0] as string, id: value[1] as string }
  throw new PlatformError('ERR_INPUT_INVALID', 'cursor: is not one this list gave out')
}

/** The achievements repository over `q` (a connection or a transaction), stamping times with `now()`. */
export function achievementsRepo(q: Kysely<Database>, now: () => Date): AchievementsRepo {
  const get = async (orgId: string, id: string) => {
    const row = await q.selectFrom('achievements').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst()
    return row ? achievementRecordOf(row) : undefined
  }
  return {
    get,

    async insert({ id, orgId, state, name, definition, imageId }) {
      const at = now().toISOString()
      await q
        .insertInto('achievements')
        .values({ id, org_id: orgId, state, name, definition: JSON.stringify(definition), image_id: imageId, version: 1, created_at: at, updated_at: at })
        .execute()
      return { id, orgId, state, name, definition, imageId, version: 1, createdAt: at, updatedAt: at }
    },

    async update(orgId, id, expectedVersion, { name, definition, imageId }) {
      const result = await q
        .updateTable('achievements')
        .set({ name, definition: JSON.stringify(definition), image_id: imageId, version: expectedVersion + 1, updated_at: now().toISOString() })
        .where('org_id', '=', orgId)
        .where('id', '=', id)
        .where('version', '=', expectedVersion)
        .executeTakeFirst()
      return Number(result.numUpdatedRows) === 1 ? get(orgId, id) : undefined
    },

    async setState(orgId, id, state) {
      await q.updateTable('achievements').set({ state, updated_at: now().toISOString() }).where('org_id', '=', orgId).where('id', '=', id).execute()
      return get(orgId, id)
    },

    async list(orgId, { state, nameContains, limit, after }) {
      let query = q.selectFrom('achievements').selectAll().where('org_id', '=', orgId)
      if (state) query = query.where('state', '=', state)
      if (nameContains) query = query.where(sql<boolean>`lower(name) like ${likePattern(nameContains)} escape '\\'`)
      const cursor = after ? decodeCursor(after) : undefined
      if (cursor)
        query = query.where((eb) =>
          eb.or([eb('created_at', '<', cursor.at), eb.and([eb('created_at', '=', cursor.at), eb('id', '<', cursor.id)])]),
        )
      const rows = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit + 1).execute()
      const items = rows.slice(0, limit).map(achievementRecordOf)
      const last = items.at(-1)
      return rows.length > limit && last ? { items, nextCursor: encodeCursor(last.createdAt, last.id) } : { items }
    },
  }
}
