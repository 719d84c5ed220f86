import { sql, type Kysely, type Selectable } from 'kysely'
import type { CareerTargetsRepo, OccupationRecord, OccupationsRepo } from '../../app/occupations/ports.js'
import { likePattern, normalizeQuery, prefixPatterns } from '../../core/skills/index.js'
import type { Database } from '../schema.js'

const COLUMNS = ['id', 'framework', 'code', 'isco_group', 'preferred_label', 'alt_labels', 'description'] as const

const occupationOf = (r: Pick<Selectable<Database['occupations']>, (typeof COLUMNS)[number]>): OccupationRecord => ({
  id: r.id,
  framework: r.framework,
  code: r.code,
  iscoGroup: r.isco_group,
  preferredLabel: r.preferred_label,
  altLabels: r.alt_labels === '' ? [] : r.alt_labels.split('\n'),
  description: r.description,
})

/** Splits `ids` into chunks small enough for one statement's parameters. */
const chunks = <T>(items: readonly T[], size = 500): T[][] => {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

/** The occupations repository over `q` (a connection or a transaction). */
export function occupationsRepo(q: Kysely<Database>): OccupationsRepo {
  const upsertBroader = async (table: 'skill_broader' | 'occupation_broader', entries: readonly { childId: string; broaderId: string }[]) => {
    const unique = [...new Map(entries.map((e) => [`${e.childId}\n${e.broaderId}`, e])).values()]
    for (const part of chunks(unique))
      await q
        .insertInto(table)
        .values(part.map((e) => ({ child_id: e.childId, broader_id: e.broaderId })))
        .onConflict((oc) => oc.columns(['child_id', 'broader_id']).doNothing())
        .execute()
  }
  return {
    async upsert(entries) {
      const unique = [...new Map(entries.map((e) => [e.id, e])).values()]
      for (const part of chunks(unique, 400))
        await q
          .insertInto('occupations')
          .values(
            part.map((e) => ({
              id: e.id,
              framework: e.framework,
              code: e.code,
              isco_group: e.iscoGroup,
              preferred_label: e.preferredLabel,
              alt_labels: e.altLabels.join('\n'),
              description: e.description,
              search_text: e.searchText,
            })),
          )
          .onConflict((oc) =>
            oc.column('id').doUpdateSet((eb) => ({
              framework: eb.ref('excluded.framework'),
              code: eb.ref('excluded.code'),
              isco_group: eb.ref('excluded.isco_group'),
              preferred_label: eb.ref('excluded.preferred_label'),
              alt_labels: eb.ref('excluded.alt_labels'),
              description: eb.ref('excluded.description'),
              search_text: eb.ref('excluded.search_text'),
            })),
          )
          .execute()
    },

    async upsertSkills(entries) {
      const unique = [...new Map(entries.map((e) => [`${e.occupationId}\n${e.skillId}`, e])).values()]
      for (const part of chunks(unique))
        await q
          .insertInto('occupation_skills')
          .values(part.map((e) => ({ occupation_id: e.occupationId, skill_id: e.skillId, relation: e.relation, category: e.category, importance: e.importance })))
          .onConflict((oc) =>
            oc.columns(['occupation_id', 'skill_id']).doUpdateSet((eb) => ({
              relation: eb.ref('excluded.relation'),
              category: eb.ref('excluded.category'),
              importance: eb.ref('excluded.importance'),
            })),
          )
          .execute()
    },

    upsertSkillBroader: (entries) => upsertBroader('skill_broader', entries),
    upsertOccupationBroader: (entries) => upsertBroader('occupation_broader', entries),

    async existing(ids) {
      const found = new Set<string>()
      for (const part of chunks([...new Set(ids)]))
        for (const r of await q.selectFrom('occupations').select('id').where('id', 'in', part).execute()) found.add(r.id)
      return found
    },

    async search(query, { framework, limit }) {
      let select = q.selectFrom('occupations').select(COLUMNS).where('framework', '<>', 'isco')
      if (framework) select = select.where('framework', '=', framework)
      if (normalizeQuery(query) === '') return (await select.orderBy('preferred_label').orderBy('id').limit(limit).execute()).map(occupationOf)
      const [first, later] = prefixPatterns(query)
      const rows = await select
        .where(sql<boolean>`search_text like ${likePattern(query)} escape '\\'`)
        .orderBy(sql`case when search_text like ${first} escape '\\' or search_text like ${later} escape '\\' then 0 else 1 end`)
        .orderBy(sql`length(preferred_label)`)
        .orderBy('preferred_label')
        .orderBy('id')
        .limit(limit)
        .execute()
      return rows.map(occupationOf)
    },

    async get(id) {
      const row = await q.selectFrom('occupations').select(COLUMNS).where('id', '=', id).executeTakeFirst()
      return row && occupationOf(row)
    },

    async getMany(ids) {
      const out: OccupationRecord[] = []
      for (const part of chunks([...new Set(ids)])) out.push(...(await q.selectFrom('occupations').select(COLUMNS).where('id', 'in', part).execute()).map(occupationOf))
      return out
    },

    async skillsOf(id) {
      const rows = await q
        .selectFrom('occupation_skills as os')
        .leftJoin('skills as s', 's.id', 'os.skill_id')
        .select(['os.skill_id', 'os.relation', 'os.category', 'os.importance', 's.preferred_label', 's.description', 's.framework'])
        .where('os.occupation_id', '=', id)
        .execute()
      return rows
        .map((r) => ({
          skillId: r.skill_id,
          label: r.preferred_label ?? r.skill_id,
          description: r.description ?? '',
          framework: r.framework ?? null,
          relation: r.relation,
          category: r.category,
          importance: r.importance === null ? null : Number(r.importance),
        }))
        .sort((a, b) => (a.relation === b.relation ? 0 : a.relation === 'essential' ? -1 : 1) || (b.importance ?? 0) - (a.importance ?? 0) || a.label.localeCompare(b.label, 'en'))
    },

    async skillBroaderOf(ids) {
      const out: { childId: string; broaderId: string }[] = []
      for (const part of chunks([...new Set(ids)]))
        for (const r of await q.selectFrom('skill_broader').select(['child_id', 'broader_id']).where('child_id', 'in', part).execute()) out.push({ childId: r.child_id, broaderId: r.broader_id })
      return out
    },

    async skillAncestors(ids, depth = 8) {
      const held = [...new Set(ids)]
      if (held.length === 0) return []
      const out: { heldId: string; ancestorId: string; depth: number }[] = []
      for (const part of chunks(held)) {
        const { rows } = await sql<{ held_id: string; ancestor_id: string; depth: number | string }>`
          with recursive up(held_id, ancestor_id, depth) as (
            select child_id, broader_id, 1 from skill_broader where child_id in (${sql.join(part)})
            union
            select up.held_id, b.broader_id, up.depth + 1 from up join skill_broader b on b.child_id = up.ancestor_id where up.depth < ${depth}
          )
          select held_id, ancestor_id, min(depth) as depth from up group by held_id, ancestor_id`.execute(q)
        for (const r of rows) out.push({ heldId: r.held_id, ancestorId: r.ancestor_id, depth: Number(r.depth) })
      }
      return out
    },

    async occupationAncestors(id, depth = 6) {
      const seen = new Set<string>([id])
      const order: string[] = []
      let frontier = [id]
      for (let step = 0; step < depth && frontier.length > 0; step += 1) {
        const rows = await q.selectFrom('occupation_broader').select('broader_id').where('child_id', 'in', frontier).execute()
        frontier = rows.map((r) => r.broader_id).filter((b) => !seen.has(b))
        for (const b of frontier) {
          seen.add(b)
          order.push(b)
        }
      }
      const records = new Map((await this.getMany(order)).map((r) => [r.id, r]))
      return order.flatMap((o) => records.get(o) ?? [])
    },

    async occupationsForSkills(skillIds, limit) {
      const hits = new Map<string, { skillId: string; relation: 'essential' | 'optional' }[]>()
      for (const part of chunks([...new Set(skillIds)]))
        for (const r of await q.selectFrom('occupation_skills').select(['occupation_id', 'skill_id', 'relation']).where('skill_id', 'in', part).execute()) {
          const list = hits.get(r.occupation_id) ?? []
          list.push({ skillId: r.skill_id, relation: r.relation })
          hits.set(r.occupation_id, list)
        }
      const weight = (l: { relation: string }[]) => l.reduce((n, s) => n + (s.relation === 'essential' ? 2 : 1), 0)
      const top = [...hits.entries()].sort((a, b) => weight(b[1]) - weight(a[1]) || a[0].localeCompare(b[0])).slice(0, limit * 2)
      if (top.length === 0) return []
      const ids = top.map(([id]) => id)
      const [records, totals] = await Promise.all([
        this.getMany(ids),
        q
          .selectFrom('occupation_skills')
          .select(['occupation_id', (eb) => eb.fn.countAll<number | string>().as('n'), sql<number | string>`sum(case when relation = 'essential' then 1 else 0 end)`.as('e')])
          .where('occupation_id', 'in', ids)
          .groupBy('occupation_id')
          .execute(),
      ])
      const byId = new Map(records.map((r) => [r.id, r]))
      const totalOf = new Map(totals.map((t) => [t.occupation_id, { total: Number(t.n), essential: Number(t.e) }]))
      return top
        .flatMap(([id, skills]) => {
          const occupation = byId.get(id)
          if (!occupation || occupation.framework === 'isco') return []
          return [{ occupation, skills, ...(totalOf.get(id) ?? { total: skills.length, essential: 0 }) }]
        })
        .sort((a, b) => weight(b.skills) / Math.max(1, b.total) - weight(a.skills) / Math.max(1, a.total) || weight(b.skills) - weight(a.skills) || a.occupation.preferredLabel.localeCompare(b.occupation.preferredLabel, 'en'))
        .slice(0, limit)
    },

    async countByFramework() {
      const rows = await q.selectFrom('occupations').select(['framework', (eb) => eb.fn.countAll<number | string>().as('n')]).groupBy('framework').execute()
      return Object.fromEntries(rows.map((r) => [r.framework, Number(r.n)]))
    },

    async setRelease(framework, version, at) {
      await q
        .insertInto('framework_releases')
        .values({ framework, version, imported_at: at })
        .onConflict((oc) => oc.column('framework').doUpdateSet({ version, imported_at: at }))
        .execute()
    },

    async releases() {
      return (await q.selectFrom('framework_releases').selectAll().orderBy('framework').execute()).map((r) => ({ framework: r.framework, version: r.version, importedAt: r.imported_at }))
    },
  }
}

/** The career targets repository over `q`. */
export function careerTargetsRepo(q: Kysely<Database>): CareerTargetsRepo {
  return {
    async list(userId) {
      return (await q.selectFrom('career_targets').select('occupation_id').where('user_id', '=', userId).orderBy('position').execute()).map((r) => r.occupation_id)
    },

    async replace(userId, occupationIds, at) {
      await q.deleteFrom('career_targets').where('user_id', '=', userId).execute()
      const unique = [...new Set(occupationIds)]
      if (unique.length > 0) await q.insertInto('career_targets').values(unique.map((occupation_id, position) => ({ user_id: userId, occupation_id, position, created_at: at }))).execute()
    },

    async learnerCount() {
      const row = await q.selectFrom('career_targets').select(sql<number | string>`count(distinct user_id)`.as('n')).executeTakeFirst()
      return Number(row?.n ?? 0)
    },

    async demand({ minLearners, limit }) {
      const rows = await q
        .selectFrom('career_targets as ct')
        .innerJoin('occupation_skills as os', 'os.occupation_id', 'ct.occupation_id')
        .leftJoin('skills as s', 's.id', 'os.skill_id')
        .select([
          'os.skill_id',
          sql<string | null>`max(s.preferred_label)`.as('label'),
          sql<number | string>`count(distinct ct.user_id)`.as('learners'),
          sql<number | string>`count(distinct case when os.relation = 'essential' then ct.user_id end)`.as('essential_learners'),
          sql<number | string>`count(distinct os.occupation_id)`.as('occupations'),
        ])
        .groupBy('os.skill_id')
        .having(sql`count(distinct ct.user_id)`, '>=', minLearners)
        .orderBy(sql`count(distinct ct.user_id)`, 'desc')
        .orderBy(sql`count(distinct case when os.relation = 'essential' then ct.user_id end)`, 'desc')
        .orderBy('os.skill_id')
        .limit(limit)
        .execute()
      return rows.map((r) => ({ skillId: r.skill_id, label: r.label ?? r.skill_id, learners: Number(r.learners), essentialLearners: Number(r.essential_learners), occupations: Number(r.occupations) }))
    },
  }
}
