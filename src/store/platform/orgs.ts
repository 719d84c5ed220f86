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
  brandColor: r.brand_color,
  suite: r.suite,
  statusEntries: r.status_entries,
  createdAt: r.created_at,
})

/** The organizations repository over `q` (a connection or a transaction), stamping times with `now()`. */
export function orgsRepo(q: Kysely<Database>, now: () => Date): OrgsRepo {
  return {
    async get(id) {
      const row = await q.selectFrom('organizations').selectAll().where('id', '=', id).executeTakeFirst()
      return row ? orgRecordOf(row) : undefined
    },

    async bySlug(slug) {
      const row = await q.selectFrom('organizations').selectAll().where('slug', '=', slug).executeTakeFirst()
      return row ? orgRecordOf(row) : undefined
    },

    async create(org, ownerId) {
      const at = now().toISOString()
      // ON CONFLICT DO NOTHING: a taken slug neither throws nor aborts a PostgreSQL transaction.
      const result = await q
        .insertInto('organizations')
        .values({ id: org.id, slug: org.slug, name: org.name, description: org.description, url: org.url, email: org.email, country: org.country, suite: org.suite, ...(org.statusEntries ? { status_entries: org.statusEntries } : {}), created_at: at })
        .onConflict((oc) => oc.column('slug').doNothing())
        .executeTakeFirst()
      if (Number(result.numInsertedOrUpdatedRows ?? 0) !== 1) return 'slug-taken'
      await q.insertInto('memberships').values({ org_id: org.id, user_id: ownerId, role: 'owner', created_at: at }).execute()
      return 'created'
    },

    async delete(id) {
      await q.deleteFrom('organizations').where('id', '=', id).execute()
    },

    async update(id, changes) {
      const set = {
        ...(changes.name !== undefined ? { name: changes.name } : {}),
        ...(changes.description !== undefined ? { description: changes.description } : {}),
        ...(changes.url !== undefined ? { url: changes.url } : {}),
        ...(changes.email !== undefined ? { email: changes.email } : {}),
        ...(changes.country !== undefined ? { country: changes.country } : {}),
        ...(changes.suite !== undefined ? { suite: changes.suite } : {}),
        ...(changes.statusEntries !== undefined ? { status_entries: changes.statusEntries } : {}),
        ...(changes.brandColor !== undefined ? { brand_color: changes.brandColor } : {}),
        ...(changes.logoImageId !== undefined ? { logo_image_id: changes.logoImageId } : {}),
      }
      if (Object.keys(set).length > 0) await q.updateTable('organizations').set(set).where('id', '=', id).execute()
      const row = await q.selectFrom('organizations').selectAll().where('id', '=', id).executeTakeFirst()
      return row ? orgRecordOf(row) : undefined
    },

    async lock(id) {
      // A no-op write: a row lock on PostgreSQL, the database write lock on SQLite.
      await q
        .updateTable('organizations')
        .set((eb) => ({ name: eb.ref('name') }))
        .where('id', '=', id)
        .execute()
    },

    async ofUser(userId) {
      const rows = await q
        .selectFrom('memberships')
        .innerJoin('organizations', 'organizations.id', 'memberships.org_id')
        .selectAll('organizations')
        .select('memberships.role')
        .where('memberships.user_id', '=', userId)
        .orderBy('organizations.name')
        .orderBy('organizations.slug')
        .execute()
      return rows.map(({ role, ...org }) => ({ org: orgRecordOf(org), role }))
    },
  }
}
