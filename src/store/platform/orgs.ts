import type { Kysely, Selectable } from 'kysely'
import type { OrgRecord, OrgsRepo } from '../../app/orgs/ports.js'
import type { Database } from '../schema.js'

/** An organizations row as the app sees it. */
export const orgRecordOf = (r: Selectable<Database['organizations']>): OrgRecord => ({
  id: r.id,
  slug: r.slug,
  name: r.name,
  description: r.description,
  url: r.url,
  email: r.email,
  country: r.country,
  logoImageId: r.logo_image_id,
  suite: r.suite,
  createdAt: r.created_at,
})

/** The organizations repository over `q` (a connection or a transaction), stamping times with `now()`. */
export function orgsRepo(q: Kysely<Database>, _now: () => Date): OrgsRepo {
  return {
    async get(id) {
      const row = await q.selectFrom('organizations').selectAll().where('id', '=', id).executeTakeFirst()
      return row ? orgRecordOf(row) : undefined
    },
  }
}
