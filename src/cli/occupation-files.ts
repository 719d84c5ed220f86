// Reading the occupation files of an ESCO CSV export or an O*NET text release for
// `emblem skills import` (issue #12 item 1): streamed with csv-parse, rows by header name.
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { join } from 'node:path'
import { parse } from 'csv-parse'
import { PlatformError } from '../core/errors.js'
import {
  ESCO_ISCO_FILE,
  ESCO_OCCUPATIONS_FILE,
  ESCO_RELATION_FILES,
  escoBroaderOf,
  escoIscoGroupOf,
  escoOccupationOf,
  escoRelationOf,
  onetDateOf,
  onetElementSkill,
  onetOccupationOf,
  onetRatingOf,
  onetTechnologyOf,
  ONET_FILES,
} from '../core/occupations/index.js'
import { ONET_CONTENT_MODEL_FILE } from '../core/skills/index.js'
import type { OccupationSources } from '../app/occupations/import-occupations.js'

type Row = Record<string, string>

const isFile = async (path: string) => (await stat(path).catch(() => undefined))?.isFile() === true

/** The first of `names` that is a file in `dir`, or undefined. */
async function firstFile(dir: string, names: readonly string[]): Promise<string | undefined> {
  for (const name of names) if (await isFile(join(dir, name))) return join(dir, name)
  return undefined
}

/** Rows of a CSV (ESCO: RFC 4180) or tab-delimited, unquoted text (O*NET) file, as a stream; `need` are required columns. */
async function* rows(file: string, { tsv, need }: { tsv: boolean; need: readonly string[] }): AsyncGenerator<Row> {
  const records = createReadStream(file).pipe(
    parse({
      bom: true,
      relax_column_count: true,
      ...(tsv ? { delimiter: '\t', quote: false } : {}),
      columns: (header: string[]) => {
        const missing = need.filter((c) => !header.includes(c))
        if (missing.length > 0) throw new PlatformError('ERR_CSV_INVALID', `${file} has no ${missing.join(', ')} column`)
        return header
      },
    }),
  )
  try {
    for await (const record of records as AsyncIterable<Row>) yield record
  } catch (err) {
    if (err instanceof PlatformError) throw err
    const cause = (err as { cause?: unknown }).cause
    if (cause instanceof PlatformError) throw cause
    throw new PlatformError('ERR_CSV_INVALID', `Cannot read ${file}: ${err instanceof Error ? err.message : String(err)}`, { cause: err })
  }
}

async function* mapped<T>(source: AsyncIterable<Row>, f: (row: Row) => T | undefined): AsyncGenerator<T> {
  for await (const row of source) {
    const v = f(row)
    if (v !== undefined) yield v
  }
}

/** The latest modifiedDate among an ESCO file's rows (a stand-in for the release when none is given). */
async function latestModified(file: string): Promise<string | undefined> {
  let latest: string | undefined
  for await (const row of rows(file, { tsv: false, need: [] })) {
    const d = row.modifiedDate?.slice(0, 10)
    if (d && (!latest || d > latest)) latest = d
  }
  return latest
}

/**
 * The occupation sources of an ESCO export folder, or undefined when it has no occupations file
 * (then only skills are imported, as before). Relation files are found under their v1.1.1 or v1.2 names.
 */
export async function escoOccupationSources(dir: string, release: string | undefined): Promise<OccupationSources | undefined> {
  if (!(await stat(dir).catch(() => undefined))?.isDirectory()) return undefined
  const occupations = join(dir, ESCO_OCCUPATIONS_FILE)
  if (!(await isFile(occupations))) return undefined
  const isco = join(dir, ESCO_ISCO_FILE)
  const [relations, skillPillar, occPillar] = await Promise.all([
    firstFile(dir, ESCO_RELATION_FILES.occupationSkills),
    firstFile(dir, ESCO_RELATION_FILES.skillBroader),
    firstFile(dir, ESCO_RELATION_FILES.occupationBroader),
  ])
  const version = release ?? `ESCO (occupations modified up to ${(await latestModified(occupations)) ?? 'an unknown date'})`
  return {
    framework: 'esco',
    version,
    occupations: [
      ...((await isFile(isco)) ? [() => mapped(rows(isco, { tsv: false, need: ['conceptUri', 'preferredLabel'] }), escoIscoGroupOf)] : []),
      () => mapped(rows(occupations, { tsv: false, need: ['conceptUri', 'preferredLabel'] }), escoOccupationOf),
    ],
    requirements: relations ? [() => mapped(rows(relations, { tsv: false, need: ['occupationUri', 'relationType', 'skillUri'] }), escoRelationOf)] : [],
    ...(skillPillar ? { skillBroader: () => mapped(rows(skillPillar, { tsv: false, need: ['conceptUri', 'broaderUri'] }), escoBroaderOf) } : {}),
    ...(occPillar ? { occupationBroader: () => mapped(rows(occPillar, { tsv: false, need: ['conceptUri', 'broaderUri'] }), escoBroaderOf) } : {}),
  }
}

const RATING_COLUMNS = ['O*NET-SOC Code', 'Element ID', 'Scale ID', 'Data Value'] as const

/**
 * The occupation sources of an O*NET text-release folder, or undefined when it has no Occupation
 * Data.txt. Skills, Knowledge and Abilities ratings (importance) and Technology Skills, each when present.
 */
export async function onetOccupationSources(dir: string, release: string | undefined): Promise<OccupationSources | undefined> {
  if (!(await stat(dir).catch(() => undefined))?.isDirectory()) return undefined
  const occupations = join(dir, ONET_FILES.occupations)
  if (!(await isFile(occupations))) return undefined
  const present = async (name: string) => ((await isFile(join(dir, name))) ? join(dir, name) : undefined)
  const [titles, skills, knowledge, abilities, technology, contentModel] = await Promise.all([
    present(ONET_FILES.alternateTitles),
    present(ONET_FILES.skills),
    present(ONET_FILES.knowledge),
    present(ONET_FILES.abilities),
    present(ONET_FILES.technology),
    present(ONET_CONTENT_MODEL_FILE),
  ])
  // The release: given, or the latest rating date (MM/YYYY) seen in Skills.txt.
  let version = release
  if (!version) {
    let latest: string | undefined
    if (skills) for await (const r of rows(skills, { tsv: true, need: [] })) latest = [latest, onetDateOf(r.Date)].filter((d): d is string => !!d).sort().pop()
    version = `O*NET (ratings dated up to ${latest ?? 'an unknown date'})`
  }
  const ratings = (file: string | undefined, category: 'skill' | 'knowledge' | 'ability') => (file ? [() => mapped(rows(file, { tsv: true, need: RATING_COLUMNS }), (r) => onetRatingOf(r, category))] : [])
  return {
    framework: 'onet',
    version,
    // The abilities (leaves under 1.A; the skills import brings 2.A–2.C) and every technology, so requirements have labels.
    skills: async function* () {
      if (contentModel) {
        const elements: { elementId: string; name: string; description: string }[] = []
        for await (const r of rows(contentModel, { tsv: true, need: ['Element ID', 'Element Name'] }))
          if (r['Element ID']) elements.push({ elementId: r['Element ID'], name: r['Element Name'] ?? '', description: r.Description ?? '' })
        const parents = new Set(elements.map((e) => e.elementId.slice(0, Math.max(0, e.elementId.lastIndexOf('.')))))
        for (const e of elements) if (e.elementId.startsWith('1.A.') && !parents.has(e.elementId) && e.name.trim()) yield onetElementSkill(e)
      }
      if (technology) yield* mapped(rows(technology, { tsv: true, need: [] }), (r) => onetTechnologyOf(r)?.skill)
    },
    occupations: [
      async function* () {
        // Alternate titles: a few MB, grouped by code in memory (about 56,000 short lines).
        const alternates = new Map<string, string[]>()
        if (titles)
          for await (const r of rows(titles, { tsv: true, need: ['O*NET-SOC Code', 'Alternate Title'] })) {
            const code = r['O*NET-SOC Code'] ?? ''
            const list = alternates.get(code) ?? []
            list.push(r['Alternate Title'] ?? '')
            alternates.set(code, list)
          }
        yield* mapped(rows(occupations, { tsv: true, need: ['O*NET-SOC Code', 'Title'] }), (r) => onetOccupationOf(r, alternates.get(r['O*NET-SOC Code'] ?? '') ?? []))
      },
    ],
    requirements: [
      ...ratings(skills, 'skill'),
      ...ratings(knowledge, 'knowledge'),
      ...ratings(abilities, 'ability'),
      ...(technology ? [() => mapped(rows(technology, { tsv: true, need: ['O*NET-SOC Code', 'Commodity Code', 'Commodity Title'] }), (r) => onetTechnologyOf(r)?.requirement)] : []),
    ],
  }
}
