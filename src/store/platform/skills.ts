import { sql, type Kysely, type Selectable } from 'kysely'
import type { SkillRecord, SkillsRepo } from '../../app/skills/ports.js'
import { likePattern, normalizeQuery, prefixPatterns } from '../../core/skills/index.js'
import type { Database } from '../schema.js'

const skillOf = (r: Pick<Selectable<Database['skills']>, 'id' | 'framework' | 'code' | 'kind' | 'preferred_label' | 'alt_labels' | 'description'>): SkillRecord => ({
  id: r.id,
  framework: r.framework,
  code: r.code,
  kind: r.kind === 'knowledge' ? 'knowledge' : 'skill',
  preferredLabel: r.preferred_label,
  altLabels: r.alt_labels === '' ? [] : r.alt_labels.split('\n'),
  description: r.description,
})

const COLUMNS = ['id', 'framework', 'code', 'kind', 'preferred_label', 'alt_labels', 'description'] as const

/** The skills repository over `q` (a connection or a transaction). */
export function skillsRepo(q: Kysely<Database>, _now: () => Date): SkillsRepo {
  return {
    async upsert(entries) {
      if (entries.length === 0) return
      await q
        .insertInto('skills')
        .values(
          entries.map((e) => ({
            id: e.id,
            framework: e.framework,
            code: e.code,
            kind: e.kind,
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
            kind: eb.ref('excluded.kind'),
            preferred_label: eb.ref('excluded.preferred_label'),
            alt_labels: eb.ref('excluded.alt_labels'),
            description: eb.ref('excluded.description'),
            search_text: eb.ref('excluded.search_text'),
          })),
        )
        .execute()
    },

    async search(query, { framework, limit }) {
      let select = q.selectFrom('skills').select(COLUMNS)
      if (framework) select = select.where('framework', '=', framework)
      if (normalizeQuery(query) === '') return (await select.orderBy('preferred_label').orderBy('id').limit(limit).execute()).map(skillOf)
      const [first, later] = prefixPatterns(query)
      const rows = await select
        .where(sql<boolean>`search_text like ${likePattern(query)} escape '\\'`)
        .orderBy(sql`case when search_text like ${first} escape '\\' or search_text like ${later} escape '\\' then 0 else 1 end`)
        .orderBy(sql`length(preferred_label)`)
        .orderBy('preferred_label')
        .orderBy('id')
        .limit(limit)
        .execute()
      return rows.map(skillOf)
    },

    async getMany(ids) {
      if (ids.length === 0) return []
      return (await q.selectFrom('skills').select(COLUMNS).where('id', 'in', [...ids]).execute()).map(skillOf)
    },

    async countByFramework() {
      const rows = await q.selectFrom('skills').select(['framework', (eb) => eb.fn.countAll<number | string>().as('n')]).groupBy('framework').execute()
      return Object.fromEntries(rows.map((r) => [r.framework, Number(r.n)]))
    },
  }
}
