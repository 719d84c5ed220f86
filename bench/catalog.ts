// Catalog search (issue #12): 10,000 published programs of 50 organizations on a SQLite file, each
// aligned to 3 of 300 skills; 600 catalog searches through platform.programs.catalog with mixed
// filters (words, a skill, format, language, most hours, free), after 50 warm-up searches. Reports
// the median and 99th percentile latency against the target (p99 <= 50 ms):
//   npx tsx bench/catalog.ts [--programs 10000] [--json]
// `npm run bench -- --only catalog` runs it.
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { CatalogQuery } from '../src/app/programs/programs-use-cases.js'
import { masterKeyFrom } from '../src/keys/master-key.js'
import { createPlatform } from '../src/platform.js'
import { openStore } from '../src/store/index.js'
import type { Row } from './report.js'

export const TARGET_CATALOG_P99_MS = 50

export interface CatalogBenchResult {
  programs: number
  searches: number
  p50Ms: number
  p99Ms: number
  perSecond: number
}

const WORDS = ['data', 'python', 'statistics', 'safety', 'leadership', 'cloud', 'design', 'finance', 'nursing', 'welding', 'marketing', 'research']
const FORMATS = ['online', 'onsite', 'blended'] as const
const LANGS = ['en', 'de', 'fr', 'es', 'nl'] as const
const skill = (i: number) => `http://data.europa.eu/esco/skill/bench-${i}`

export async function runCatalogBench({ programs = 10_000, searches = 600 } = {}): Promise<CatalogBenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'emblem-bench-catalog-'))
  const store = await openStore({ url: join(dir, 'emblem.db') })
  try {
    await store.migrate()
    const { platform } = createPlatform({ store, masterKey: masterKeyFrom(randomBytes(32)), publicUrl: 'https://bench.example', dataDir: dir })
    const now = new Date().toISOString()
    const orgs = Array.from({ length: 50 }, (_, i) => ({ id: `org-${i}`, achievement: `ach-${i}` }))
    for (const o of orgs) {
      await store.db.insertInto('organizations').values({ id: o.id, slug: `bench-${o.id}`, name: `Bench ${o.id}`, created_at: now }).execute()
      await store.db.insertInto('achievements').values({ id: o.achievement, org_id: o.id, state: 'published', name: `Achievement ${o.id}`, definition: '{"name":"x"}', image_id: null, created_at: now, updated_at: now }).execute()
    }
    for (let start = 0; start < programs; start += 500) {
      const batch = Array.from({ length: Math.min(500, programs - start) }, (_, k) => start + k)
      const rows = batch.map((i) => {
        const o = orgs[i % orgs.length]!
        const title = `${WORDS[i % WORDS.length]} ${WORDS[(i * 7) % WORDS.length]} program ${i}`
        return {
          id: `p-${i}`, org_id: o.id, achievement_id: o.achievement, title, summary: `A program about ${WORDS[(i * 3) % WORDS.length]} and ${WORDS[(i * 5) % WORDS.length]}.`,
          format: FORMATS[i % 3]!, hours: 1 + (i % 120), duration_weeks: null, self_paced: 1, starts_on: null, ends_on: null, price_cents: i % 4 === 0 ? 0 : 1000 * (i % 50), currency: 'EUR',
          language: LANGS[i % LANGS.length]!, prerequisites: '', seats: null, enrolment_mode: 'open' as const, final_signoff: 0, state: 'published' as const, search_text: '', created_at: now, updated_at: now,
        }
      })
      for (const r of rows) r.search_text = `${r.title} ${r.summary}`.toLowerCase()
      await store.db.insertInto('programs').values(rows).execute()
      await store.db.insertInto('program_skills').values(batch.flatMap((i) => [skill(i % 300), skill((i * 7 + 1) % 300), skill((i * 13 + 2) % 300)].filter((s, j, a) => a.indexOf(s) === j).map((skill_uri) => ({ program_id: `p-${i}`, skill_uri })))).execute()
    }
    const queryOf = (n: number): CatalogQuery => {
      const q: CatalogQuery = { limit: 24 }
      if (n % 2 === 0) q.q = WORDS[n % WORDS.length]
      if (n % 3 === 0) q.skill = skill(n % 300)
      if (n % 4 === 0) q.format = FORMATS[n % 3]
      if (n % 5 === 0) q.language = LANGS[n % LANGS.length]
      if (n % 6 === 0) q.maxHours = 40
      if (n % 7 === 0) q.free = true
      return q
    }
    for (let n = 0; n < 50; n++) await platform.programs.catalog(queryOf(n))
    const times: number[] = []
    const started = performance.now()
    for (let n = 0; n < searches; n++) {
      const t0 = performance.now()
      await platform.programs.catalog(queryOf(n))
      times.push(performance.now() - t0)
    }
    const total = performance.now() - started
    times.sort((a, b) => a - b)
    const at = (p: number) => Math.round(times[Math.min(times.length - 1, Math.floor(p * times.length))]! * 100) / 100
    return { programs, searches, p50Ms: at(0.5), p99Ms: at(0.99), perSecond: Math.round(searches / (total / 1000)) }
  } finally {
    await store.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

export function catalogReport(r: CatalogBenchResult | undefined): { rows: Row[]; lines: string[] } {
  if (!r) return { rows: [], lines: [] }
  return {
    rows: [{ name: 'catalog-search-sqlite', ops_per_s: r.perSecond, baseline: null, baseline_ops_per_s: null, ratio: null, p50_ms: r.p50Ms, p99_ms: r.p99Ms }],
    lines: [`${r.p99Ms <= TARGET_CATALOG_P99_MS ? 'met    ' : 'NOT MET'}  catalog search over ${r.programs.toLocaleString('en-US')} programs p99 <= ${TARGET_CATALOG_P99_MS} ms (p50 ${r.p50Ms} ms, p99 ${r.p99Ms} ms)`],
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf('--programs')
  const result = await runCatalogBench({ programs: at > 0 ? Number(process.argv[at + 1]) : 10_000 })
  process.stdout.write(process.argv.includes('--json') ? `${JSON.stringify(result)}\n` : `${catalogReport(result).lines.join('\n')}\n`)
}
