import { sql, type Kysely, type RawBuilder } from 'kysely'
import type { TalentQuery, TalentRepo } from '../../app/talent/ports.js'
import type { TalentSkillRow } from '../../app/talent/skill-keys.js'
import type { Database } from '../schema.js'

const rowValues = (r: TalentSkillRow) => ({
  item_id: r.itemId,
  skill_key: r.skillKey,
  user_id: r.userId,
  label: r.label,
  issuer_id: r.issuerId,
  issuer_name: r.issuerName,
  eqf_level: r.eqfLevel,
  issued_at: r.issuedAt,
})

async function insertRows(q: Kysely<Database>, rows: readonly TalentSkillRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 200) {
    await q
      .insertInto('talent_skills')
      .values(rows.slice(i, i + 200).map(rowValues))
      .onConflict((oc) => oc.columns(['skill_key', 'item_id']).doNothing())
      .execute()
  }
}

/** Which index rows to bring in step: a learner's, some credentials', the wallet copies of one issued credential, or (`{}`) all. */
export interface TalentScope {
  userId?: string
  itemIds?: readonly string[]
  issuedCredentialId?: string
}

/**
 * Recomputes what the search filters on for the index rows in `scope` from the live rows (migration
 * 0025): `visible` (opted in, public profile; credential public, not hidden, verified, not revoked or
 * suspended here), the credential's expiry and the opt-in's country and location. Every write that
 * changes one of these calls it with the same `q`, so the index moves in the same transaction.
 */
export async function refreshTalentVisibility(q: Kysely<Database>, scope: TalentScope): Promise<void> {
  const where: RawBuilder<unknown>[] = []
  if (scope.userId !== undefined) where.push(sql`user_id = ${scope.userId}`)
  if (scope.itemIds !== undefined) {
    if (scope.itemIds.length === 0) return
    where.push(sql`item_id in (${sql.join([...scope.itemIds])})`)
  }
  if (scope.issuedCredentialId !== undefined) where.push(sql`item_id in (select w.id from wallet_items w where w.issued_credential_id = ${scope.issuedCredentialId})`)
  await sql`update talent_skills set
      visible = case when exists (
        select 1 from wallet_items wi
        join talent_optins o on o.user_id = wi.user_id
        join learner_profiles lp on lp.user_id = wi.user_id and lp.public = 1
        left join issued_credentials ic on ic.credential_id = wi.issued_credential_id
        where wi.id = talent_skills.item_id and wi.public = 1 and wi.hidden = 0 and wi.verified = 1 and (ic.state is null or ic.state = 'active')
      ) then 1 else 0 end,
      expires_at = (select wi.expires_at from wallet_items wi where wi.id = talent_skills.item_id),
      country = (select o.country from talent_optins o where o.user_id = talent_skills.user_id),
      location = coalesce((select lower(o.location) from talent_optins o where o.user_id = talent_skills.user_id), '')
    ${where.length > 0 ? sql`where ${sql.join(where, sql` and `)}` : sql``}`.execute(q)
}

/** Indexes one new wallet credential (called by the wallet repository when it stores one). */
export async function indexTalentRows(q: Kysely<Database>, rows: readonly TalentSkillRow[]): Promise<void> {
  if (rows.length === 0) return
  await insertRows(q, rows)
  await refreshTalentVisibility(q, { itemIds: [...new Set(rows.map((r) => r.itemId))] })
}

/**
 * The index rows that prove a query as `ok(user_id, item_id, n, issued_at)`: rows of the requested
 * skills that the search may show (`visible`, not expired: migration 0025), with the filters, whose
 * learner has not blocked the organization. Reads only `talent_skills` (its partial index
 * `talent_skills_search`) and the searcher's blocks. With `userIds` (the proofs of one page), the
 * live rows are checked again as well: opt-in, public profile, public, not hidden, verified, active.
 */
const okRows = (query: TalentQuery, userIds?: readonly string[]): RawBuilder<unknown> => {
  const filters: RawBuilder<unknown>[] = []
  if (query.issuer) filters.push(sql`and (ts.issuer_id = ${query.issuer} or ts.issuer_name = ${query.issuer.toLowerCase()})`)
  if (query.eqfMin) filters.push(sql`and ts.eqf_level >= ${query.eqfMin}`)
  if (query.issuedSince) filters.push(sql`and ts.issued_at >= ${query.issuedSince}`)
  if (query.country) filters.push(sql`and ts.country = ${query.country}`)
  if (query.location) filters.push(sql`and ts.location like ${`%${query.location.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`} escape '\\'`)
  if (userIds) filters.push(sql`and ts.user_id in (${sql.join([...userIds])})`)
  const rows = query.requirements.flatMap((keys, n) => keys.map((k) => sql`(${k}, ${sql.lit(n)})`))
  const live = userIds
    ? sql`and exists (
        select 1 from wallet_items wi
        join talent_optins o on o.user_id = wi.user_id
        join learner_profiles lp on lp.user_id = wi.user_id and lp.public = 1
        left join issued_credentials ic on ic.credential_id = wi.issued_credential_id
        where wi.id = ts.item_id and wi.public = 1 and wi.hidden = 0 and wi.verified = 1 and (wi.expires_at is null or wi.expires_at > ${query.now}) and (ic.state is null or ic.state = 'active'))`
    : sql``
  return sql`req(skill_key, n) as (values ${sql.join(rows)}),
    ok as (
      select ts.user_id, ts.item_id, req.n, ts.label, ts.issued_at from req join talent_skills ts on ts.skill_key = req.skill_key
      where ts.visible = 1 and (ts.expires_at is null or ts.expires_at > ${query.now}) ${sql.join(filters, sql` `)}
      and ts.user_id not in (select b.user_id from talent_blocks b where b.org_id = ${query.orgId})
      ${live}
    )`
}

/** The talent search's repository over `q`. */
export function talentRepo(q: Kysely<Database>): TalentRepo {
  return {
    async orgKind(orgId) {
      const row = await q.selectFrom('organizations').select('kind').where('id', '=', orgId).executeTakeFirst()
      return row?.kind
    },
    async setOrgKind(orgId, kind) {
      await q.updateTable('organizations').set({ kind }).where('id', '=', orgId).execute()
    },
    async employerOrgsOf(userId) {
      return q
        .selectFrom('memberships as m')
        .innerJoin('organizations as o', 'o.id', 'm.org_id')
        .select(['o.id', 'o.slug', 'o.name'])
        .where('m.user_id', '=', userId)
        .where('o.kind', '=', 'employer')
        .orderBy('o.name')
        .execute()
    },
    async optin(userId) {
      const r = await q.selectFrom('talent_optins').selectAll().where('user_id', '=', userId).executeTakeFirst()
      return r && { userId: r.user_id, location: r.location, country: r.country, optedInAt: r.opted_in_at }
    },
    async saveOptin(o) {
      const values = { location: o.location, country: o.country }
      await q
        .insertInto('talent_optins')
        .values({ user_id: o.userId, ...values, opted_in_at: o.optedInAt })
        .onConflict((oc) => oc.column('user_id').doUpdateSet(values))
        .execute()
      await refreshTalentVisibility(q, { userId: o.userId })
    },
    async withdraw(userId) {
      await q.deleteFrom('talent_optins').where('user_id', '=', userId).execute()
      await refreshTalentVisibility(q, { userId })
    },
    async reindexUser(userId, rows) {
      await q.deleteFrom('talent_skills').where('user_id', '=', userId).execute()
      await insertRows(q, rows)
      await refreshTalentVisibility(q, { userId })
    },
    index: (rows) => indexTalentRows(q, rows),
    async narrowerClosure(ids, depth, limit) {
      if (ids.length === 0) return []
      const rows = await sql<{ id: string }>`
        with recursive c(id, depth) as (
          select child_id, 1 from skill_broader where broader_id in (${sql.join([...ids])})
          union
          select b.child_id, c.depth + 1 from skill_broader b join c on b.broader_id = c.id where c.depth < ${depth}
        )
        select distinct id from c limit ${limit}`.execute(q)
      return rows.rows.map((r) => r.id)
    },
    async search(query) {
      // One pass: each matching learner with the number of requested skills proven, and how many match in all.
      const page = await sql<{ user_id: string; matched: number | string; total: number | string; handle: string; display_name: string; location: string; country: string | null }>`
        with ${okRows(query)},
        m as (
          select user_id, count(distinct n) as matched, max(issued_at) as latest, count(*) over () as total
          from ok group by user_id having count(distinct n) >= ${query.min}
          order by matched desc, latest desc, user_id
          limit ${query.limit} offset ${query.offset}
        )
        select m.user_id, m.matched, m.total, lp.handle, lp.display_name, o.location, o.country
        from m join learner_profiles lp on lp.user_id = m.user_id and lp.public = 1 join talent_optins o on o.user_id = m.user_id
        order by m.matched desc, m.latest desc, m.user_id`.execute(q)
      let total = Number(page.rows[0]?.total ?? 0)
      if (page.rows.length === 0 && query.offset > 0) {
        // Past the last page: the count alone.
        const counted = await sql<{ n: number | string }>`with ${okRows(query)} select count(*) as n from (select user_id from ok group by user_id having count(distinct n) >= ${query.min}) x`.execute(q)
        total = Number(counted.rows[0]?.n ?? 0)
      }
      return {
        learners: page.rows.map((r) => ({ userId: r.user_id, handle: r.handle, displayName: r.display_name, location: r.location, country: r.country, matched: Number(r.matched) })),
        total,
      }
    },
    async proofs(query, userIds) {
      if (userIds.length === 0) return []
      const rows = await sql<{ user_id: string; n: number | string; label: string; item_id: string; name: string; issuer_name: string; issued_at: string | null; checked_at: string; verified: number | string }>`
        with ${okRows(query, userIds)}
        select distinct ok.user_id, ok.n, ok.label, wi.id as item_id, wi.name, wi.issuer_name, wi.issued_at, wi.checked_at, wi.verified
        from ok join wallet_items wi on wi.id = ok.item_id
        order by ok.user_id, ok.n, wi.issued_at desc, wi.id`.execute(q)
      return rows.rows.map((r) => ({ userId: r.user_id, requirement: Number(r.n), label: r.label, itemId: r.item_id, name: r.name, issuerName: r.issuer_name, issuedAt: r.issued_at, checkedAt: r.checked_at, verified: Number(r.verified) === 1 }))
    },
    async findable(orgId, handle) {
      const r = await q
        .selectFrom('learner_profiles as lp')
        .innerJoin('talent_optins as o', 'o.user_id', 'lp.user_id')
        .select(['lp.user_id', 'lp.display_name', 'lp.handle'])
        .where('lp.handle', '=', handle)
        .where('lp.public', '=', 1)
        .where((eb) => eb.not(eb.exists(eb.selectFrom('talent_blocks as b').select('b.user_id').whereRef('b.user_id', '=', 'lp.user_id').where('b.org_id', '=', orgId))))
        .executeTakeFirst()
      return r && { userId: r.user_id, displayName: r.display_name, handle: r.handle }
    },
    async saveSearch(s) {
      await q.insertInto('talent_saved_searches').values({ id: s.id, org_id: s.orgId, name: s.name, query: s.query, created_by: s.createdBy, created_at: s.createdAt }).execute()
    },
    async savedSearches(orgId) {
      const rows = await q.selectFrom('talent_saved_searches').selectAll().where('org_id', '=', orgId).orderBy('created_at', 'desc').orderBy('id').limit(200).execute()
      return rows.map((r) => ({ id: r.id, orgId: r.org_id, name: r.name, query: r.query, createdBy: r.created_by, createdAt: r.created_at }))
    },
    async savedSearch(orgId, id) {
      const r = await q.selectFrom('talent_saved_searches').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst()
      return r && { id: r.id, orgId: r.org_id, name: r.name, query: r.query, createdBy: r.created_by, createdAt: r.created_at }
    },
    async deleteSearch(orgId, id) {
      const result = await q.deleteFrom('talent_saved_searches').where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst()
      return Number(result.numDeletedRows) === 1
    },
    async recordView(userId, orgId, at) {
      await q.insertInto('talent_views').values({ user_id: userId, org_id: orgId, viewed_at: at }).execute()
    },
    async views(userId, limit) {
      const rows = await q
        .selectFrom('talent_views as v')
        .innerJoin('organizations as o', 'o.id', 'v.org_id')
        .select(['o.name', 'o.slug', 'v.viewed_at'])
        .where('v.user_id', '=', userId)
        .orderBy('v.viewed_at', 'desc')
        .limit(limit)
        .execute()
      return rows.map((r) => ({ orgName: r.name, orgSlug: r.slug, viewedAt: r.viewed_at }))
    },
    async addMessage(m) {
      await q.insertInto('talent_messages').values({ id: m.id, org_id: m.orgId, user_id: m.userId, sender: m.sender, sender_user_id: m.senderUserId, body: m.body, created_at: m.createdAt }).execute()
    },
    async messagesOf(userId, limit) {
      const rows = await q
        .selectFrom('talent_messages as m')
        .innerJoin('organizations as o', 'o.id', 'm.org_id')
        .select(['m.id', 'm.org_id', 'o.name', 'o.slug', 'm.user_id', 'm.sender', 'm.body', 'm.created_at', 'm.read_at'])
        .where('m.user_id', '=', userId)
        .orderBy('m.created_at', 'desc')
        .orderBy('m.id')
        .limit(limit)
        .execute()
      return rows.map((r) => ({ id: r.id, orgId: r.org_id, orgName: r.name, orgSlug: r.slug, userId: r.user_id, sender: r.sender, body: r.body, createdAt: r.created_at, readAt: r.read_at }))
    },
    async thread(orgId, userId) {
      const rows = await q
        .selectFrom('talent_messages as m')
        .innerJoin('organizations as o', 'o.id', 'm.org_id')
        .select(['m.id', 'm.org_id', 'o.name', 'o.slug', 'm.user_id', 'm.sender', 'm.body', 'm.created_at', 'm.read_at'])
        .where('m.user_id', '=', userId)
        .where('m.org_id', '=', orgId)
        .orderBy('m.created_at')
        .orderBy('m.id')
        .limit(500)
        .execute()
      return rows.map((r) => ({ id: r.id, orgId: r.org_id, orgName: r.name, orgSlug: r.slug, userId: r.user_id, sender: r.sender, body: r.body, createdAt: r.created_at, readAt: r.read_at }))
    },
    async markRead(userId, at) {
      await q.updateTable('talent_messages').set({ read_at: at }).where('user_id', '=', userId).where('sender', '=', 'employer').where('read_at', 'is', null).execute()
    },
    async block(userId, orgId, at) {
      await q.insertInto('talent_blocks').values({ user_id: userId, org_id: orgId, created_at: at }).onConflict((oc) => oc.columns(['user_id', 'org_id']).doNothing()).execute()
    },
    async unblock(userId, orgId) {
      await q.deleteFrom('talent_blocks').where('user_id', '=', userId).where('org_id', '=', orgId).execute()
    },
    async blocked(userId) {
      const rows = await q.selectFrom('talent_blocks as b').innerJoin('organizations as o', 'o.id', 'b.org_id').select(['o.id', 'o.name', 'o.slug']).where('b.user_id', '=', userId).orderBy('o.name').execute()
      return rows.map((r) => ({ orgId: r.id, orgName: r.name, orgSlug: r.slug }))
    },
    async isBlocked(userId, orgId) {
      return (await q.selectFrom('talent_blocks').select('user_id').where('user_id', '=', userId).where('org_id', '=', orgId).executeTakeFirst()) !== undefined
    },
    async orgBySlug(slug) {
      const r = await q.selectFrom('organizations').select(['id', 'slug', 'name', 'kind']).where('slug', '=', slug).executeTakeFirst()
      return r
    },
  }
}
