import { sql, type Kysely } from 'kysely'
import type { DayCounts, StatsRepo } from '../../app/dashboard/ports.js'
import type { Database } from '../schema.js'

/** Dashboard counts over `q`. Dates are the first 10 characters of the ISO timestamps (UTC days). */
export function statsRepo(q: Kysely<Database>): StatsRepo {
  const day = (column: string) => sql<string>`substr(${sql.ref(column)}, 1, 10)`
  const count = sql<number>`count(*)`
  async function perDay(
    table: 'issued_credentials' | 'verification_events',
    column: string,
    orgId: string,
    fromIso: string,
    only?: { column: 'state' | 'kind'; value: string },
  ) {
    const rows = await q
      .selectFrom(table)
      // A verification_events row stands for `count` looks (0027).
      .select([day(column).as('date'), (table === 'verification_events' ? sql<number>`sum(count)` : count).as('n')])
      .where('org_id', '=', orgId)
      .where(sql.ref(column), '>=', fromIso)
      .$if(only !== undefined, (qb) => qb.where(sql.ref(only!.column), '=', only!.value))
      .groupBy(day(column))
      .execute()
    return rows.map((r) => ({ date: String(r.date), n: Number(r.n) }))
  }
  return {
    async daily(orgId, fromIso) {
      const [issued, claimed, revoked, verified, viewed] = await Promise.all([
        perDay('issued_credentials', 'issued_at', orgId, fromIso),
        perDay('issued_credentials', 'claimed_at', orgId, fromIso),
        perDay('issued_credentials', 'state_changed_at', orgId, fromIso, { column: 'state', value: 'revoked' }),
        perDay('verification_events', 'at', orgId, fromIso, { column: 'kind', value: 'verification' }),
        perDay('verification_events', 'at', orgId, fromIso, { column: 'kind', value: 'view' }),
      ])
      const days = new Map<string, DayCounts>()
      const add = (rows: { date: string; n: number }[], key: Exclude<keyof DayCounts, 'date'>) => {
        for (const { date, n } of rows) {
          const d = days.get(date) ?? { date, issued: 0, claimed: 0, revoked: 0, verified: 0, viewed: 0 }
          d[key] = n
          days.set(date, d)
        }
      }
      add(issued, 'issued')
      add(claimed, 'claimed')
      add(revoked, 'revoked')
      add(verified, 'verified')
      add(viewed, 'viewed')
      return [...days.values()].sort((a, b) => a.date.localeCompare(b.date))
    },
    async totals(orgId) {
      const n = (v: unknown) => Number(v ?? 0)
      const issued = await q
        .selectFrom('issued_credentials')
        .select([
          count.as('issued'),
          sql<number>`sum(case when claimed_at is not null then 1 else 0 end)`.as('claimed'),
          sql<number>`sum(case when state = 'revoked' then 1 else 0 end)`.as('revoked'),
          sql<number>`sum(case when state = 'suspended' then 1 else 0 end)`.as('suspended'),
        ])
        .where('org_id', '=', orgId)
        .executeTakeFirstOrThrow()
      const looks = await q
        .selectFrom('verification_events')
        .select([
          sql<number>`sum(case when kind = 'verification' then count else 0 end)`.as('verified'),
          sql<number>`sum(case when kind = 'verification' and channel = 'browser' then count else 0 end)`.as('in_browser'),
          sql<number>`sum(case when kind = 'view' then count else 0 end)`.as('views'),
        ])
        .where('org_id', '=', orgId)
        .executeTakeFirstOrThrow()
      const batches = await q.selectFrom('batches').select(count.as('n')).where('org_id', '=', orgId).executeTakeFirstOrThrow()
      const achievements = await q.selectFrom('achievements').select(count.as('n')).where('org_id', '=', orgId).where('state', '!=', 'archived').executeTakeFirstOrThrow()
      return {
        issued: n(issued.issued),
        claimed: n(issued.claimed),
        revoked: n(issued.revoked),
        suspended: n(issued.suspended),
        verified: n(looks.verified),
        verifiedInBrowser: n(looks.in_browser),
        views: n(looks.views),
        batches: n(batches.n),
        achievements: n(achievements.n),
      }
    },
    async looksByAchievement(orgId) {
      const rows = await q
        .selectFrom('verification_events as v')
        .innerJoin('issued_credentials as i', 'i.credential_id', 'v.credential_id')
        .innerJoin('achievements as a', (j) => j.onRef('a.id', '=', 'i.achievement_id').onRef('a.org_id', '=', 'i.org_id'))
        .select([
          'a.id',
          'a.name',
          sql<number>`sum(case when v.kind = 'verification' then v.count else 0 end)`.as('verified'),
          sql<number>`sum(case when v.kind = 'verification' and v.channel = 'browser' then v.count else 0 end)`.as('in_browser'),
          sql<number>`sum(case when v.kind = 'view' then v.count else 0 end)`.as('viewed'),
        ])
        .where('v.org_id', '=', orgId)
        .groupBy(['a.id', 'a.name'])
        .execute()
      return rows
        .map((r) => ({ achievementId: r.id, name: r.name, verified: Number(r.verified ?? 0), inBrowser: Number(r.in_browser ?? 0), viewed: Number(r.viewed ?? 0) }))
        .sort((a, b) => b.verified - a.verified || b.viewed - a.viewed || a.name.localeCompare(b.name))
    },
    async orgsOf(userId) {
      const rows = await q
        .selectFrom('memberships')
        .innerJoin('organizations', 'organizations.id', 'memberships.org_id')
        .select((eb) => [
          'organizations.slug',
          'organizations.name',
          'memberships.role',
          'organizations.logo_image_id',
          eb.selectFrom('issued_credentials').select(count.as('n')).whereRef('issued_credentials.org_id', '=', 'organizations.id').as('credentials'),
          eb
            .selectFrom('achievements')
            .select(count.as('n'))
            .whereRef('achievements.org_id', '=', 'organizations.id')
            .where('achievements.state', '!=', 'archived')
            .as('achievements'),
        ])
        .where('memberships.user_id', '=', userId)
        .orderBy('organizations.name')
        .execute()
      return rows.map((r) => ({ slug: r.slug, name: r.name, role: r.role, credentials: Number(r.credentials ?? 0), achievements: Number(r.achievements ?? 0), logoImageId: r.logo_image_id ?? null }))
    },
  }
}
