import { escoValues } from '../skills/esco.js'
import { onetDescriptorUrl } from '../skills/onet.js'
import { searchTextOf } from '../skills/search-text.js'
import type { SkillEntry } from '../skills/types.js'

// Occupations and what they ask for (issue #12 item 1): ESCO's occupations, their essential and
// optional skills, the skill and occupation hierarchies and ISCO-08 groups; O*NET's occupations with
// their skills, knowledge, abilities and technology skills at importance levels. Rows are read by
// header name; a row that cannot be used is skipped (undefined), never fatal.

/** How strongly an occupation asks for a skill. */
export type SkillRelation = 'essential' | 'optional'
/** What kind of requirement it is (O*NET distinguishes four; ESCO has skills and knowledge). */
export type RequirementCategory = 'skill' | 'knowledge' | 'ability' | 'technology'

/** An occupation (or an ISCO-08 group, framework `isco`) ready to store; `id` is its URI. */
export interface OccupationEntry {
  id: string
  /** `esco`, `onet`, `isco`, `emblem-demo`. */
  framework: string
  /** ESCO: `2512.4`; O*NET: `15-1252.00`; ISCO: `2512`. */
  code: string | null
  /** The ISCO-08 unit group (ESCO occupations), or null. */
  iscoGroup: string | null
  preferredLabel: string
  altLabels: string[]
  description: string
  /** Lower-cased labels one per line (preferred, alternative, hidden). */
  searchText: string
}

/** One skill an occupation asks for. */
export interface OccupationSkillEntry {
  occupationId: string
  skillId: string
  relation: SkillRelation
  category: RequirementCategory
  /** O*NET importance (1–5), or null. */
  importance: number | null
}

/** One edge of a hierarchy: `childId` is narrower than `broaderId`. */
export interface BroaderEntry {
  childId: string
  broaderId: string
}

type Row = Readonly<Record<string, string | undefined>>

const released = (row: Row) => !row.status || row.status.trim() === 'released'

/** The occupations file of an ESCO export. */
export const ESCO_OCCUPATIONS_FILE = 'occupations_en.csv'
/** The ISCO groups file of an ESCO export. */
export const ESCO_ISCO_FILE = 'ISCOGroups_en.csv'
/** The relation files: v1.1.1 names first, then the v1.2 names (both are accepted). */
export const ESCO_RELATION_FILES = {
  occupationSkills: ['occupationSkillRelations.csv', 'occupationSkillRelations_en.csv'],
  skillBroader: ['broaderRelationsSkillPillar.csv', 'broaderRelationsSkillPillar_en.csv'],
  occupationBroader: ['broaderRelationsOccPillar.csv', 'broaderRelationsOccPillar_en.csv'],
} as const

/** One row of occupations_en.csv, or undefined to skip it. */
export function escoOccupationOf(row: Row): OccupationEntry | undefined {
  const id = row.conceptUri?.trim()
  const preferredLabel = row.preferredLabel?.trim()
  if (!id || !preferredLabel || !released(row)) return undefined
  const altLabels = [...new Set(escoValues(row.altLabels))].filter((l) => l !== preferredLabel)
  return {
    id,
    framework: 'esco',
    code: row.code?.trim() || null,
    iscoGroup: row.iscoGroup?.trim() || null,
    preferredLabel,
    altLabels,
    description: (row.description ?? '').trim(),
    searchText: searchTextOf([preferredLabel, ...altLabels, ...escoValues(row.hiddenLabels)]),
  }
}

/** One row of ISCOGroups_en.csv as an occupation entry of framework `isco`, or undefined. */
export function escoIscoGroupOf(row: Row): OccupationEntry | undefined {
  const id = row.conceptUri?.trim()
  const preferredLabel = row.preferredLabel?.trim()
  if (!id || !preferredLabel || !released(row)) return undefined
  const altLabels = [...new Set(escoValues(row.altLabels))].filter((l) => l !== preferredLabel)
  return { id, framework: 'isco', code: row.code?.trim() || null, iscoGroup: null, preferredLabel, altLabels, description: (row.description ?? '').trim(), searchText: searchTextOf([preferredLabel, ...altLabels]) }
}

/** One row of occupationSkillRelations.csv, or undefined. */
export function escoRelationOf(row: Row): OccupationSkillEntry | undefined {
  const occupationId = row.occupationUri?.trim()
  const skillId = row.skillUri?.trim()
  const relation = row.relationType?.trim()
  if (!occupationId || !skillId || (relation !== 'essential' && relation !== 'optional')) return undefined
  return { occupationId, skillId, relation, category: row.skillType?.trim() === 'knowledge' ? 'knowledge' : 'skill', importance: null }
}

/** One row of a broaderRelations*Pillar file, or undefined. */
export function escoBroaderOf(row: Row): BroaderEntry | undefined {
  const childId = row.conceptUri?.trim()
  const broaderId = row.broaderUri?.trim()
  if (!childId || !broaderId || childId === broaderId) return undefined
  return { childId, broaderId }
}

// ---- O*NET ----

/** The O*NET text-release files the occupation import reads. */
export const ONET_FILES = {
  occupations: 'Occupation Data.txt',
  alternateTitles: 'Alternate Titles.txt',
  skills: 'Skills.txt',
  knowledge: 'Knowledge.txt',
  abilities: 'Abilities.txt',
  technology: 'Technology Skills.txt',
} as const

/** An O*NET-SOC occupation's URI: its O*NET OnLine summary page. */
export const onetOccupationUri = (code: string): string => `https://www.onetonline.org/link/summary/${code}`
/** A technology skill's URI (an UNSPSC commodity class; O*NET gives it no page of its own). */
export const onetTechnologyUri = (commodityCode: string): string => `urn:onet:commodity:${commodityCode}`

/** Importance (1–5) from which an O*NET requirement counts as essential (our convention, not O*NET's). */
export const ONET_ESSENTIAL_IMPORTANCE = 3

/** One row of Occupation Data.txt, or undefined. */
export function onetOccupationOf(row: Row, alternateTitles: readonly string[] = []): OccupationEntry | undefined {
  const code = row['O*NET-SOC Code']?.trim()
  const preferredLabel = row.Title?.trim()
  if (!code || !preferredLabel) return undefined
  const altLabels = [...new Set(alternateTitles.map((t) => t.trim()).filter((t) => t !== '' && t !== 'n/a' && t !== preferredLabel))].slice(0, 50)
  const description = (row.Description ?? '').trim()
  return { id: onetOccupationUri(code), framework: 'onet', code, iscoGroup: null, preferredLabel, altLabels, description: description === 'n/a' ? '' : description, searchText: searchTextOf([preferredLabel, ...altLabels]) }
}

/**
 * One importance (IM) row of Skills.txt, Knowledge.txt or Abilities.txt as a requirement, or
 * undefined (level rows, suppressed ratings, unparsable values). Importance ≥ 3 is essential.
 */
export function onetRatingOf(row: Row, category: 'skill' | 'knowledge' | 'ability'): OccupationSkillEntry | undefined {
  const code = row['O*NET-SOC Code']?.trim()
  const elementId = row['Element ID']?.trim()
  if (!code || !elementId || row['Scale ID']?.trim() !== 'IM' || row['Recommend Suppress']?.trim() === 'Y') return undefined
  const importance = Number(row['Data Value'])
  if (!Number.isFinite(importance)) return undefined
  return { occupationId: onetOccupationUri(code), skillId: onetDescriptorUrl(elementId), relation: importance >= ONET_ESSENTIAL_IMPORTANCE ? 'essential' : 'optional', category, importance }
}

/** One row of Technology Skills.txt: the requirement (hot technologies essential) and its skill entry, or undefined. */
export function onetTechnologyOf(row: Row): { requirement: OccupationSkillEntry; skill: SkillEntry } | undefined {
  const code = row['O*NET-SOC Code']?.trim()
  const commodity = row['Commodity Code']?.trim()
  const title = row['Commodity Title']?.trim()
  if (!code || !commodity || !title) return undefined
  const id = onetTechnologyUri(commodity)
  return {
    requirement: { occupationId: onetOccupationUri(code), skillId: id, relation: row['Hot Technology']?.trim() === 'Y' ? 'essential' : 'optional', category: 'technology', importance: null },
    skill: { id, framework: 'onet', code: commodity, kind: 'knowledge', preferredLabel: title, altLabels: [], description: '', searchText: searchTextOf([title]) },
  }
}

/** A Content Model element (any branch: abilities 1.A, skills 2.A/2.B, knowledge 2.C) as a skill entry. */
export function onetElementSkill(element: { elementId: string; name: string; description: string }): SkillEntry {
  const label = element.name.trim()
  const description = element.description.trim()
  return {
    id: onetDescriptorUrl(element.elementId),
    framework: 'onet',
    code: element.elementId,
    kind: element.elementId.startsWith('2.C') ? 'knowledge' : 'skill',
    preferredLabel: label,
    altLabels: [],
    description: description === 'n/a' ? '' : description,
    searchText: searchTextOf([label]),
  }
}

/** The latest `MM/YYYY` of O*NET's Date column as `YYYY-MM`, or undefined. */
export function onetDateOf(value: string | undefined): string | undefined {
  const m = /^(\d{2})\/(\d{4})$/.exec(value?.trim() ?? '')
  return m ? `${m[2]}-${m[1]}` : undefined
}

/**
 * The framework URI a credential's alignment points to: its `targetUrl` when it has one, else one
 * built from the framework and code (Emblem's demo skills are `urn:` URIs, which a credential's
 * display keeps only as framework + code; ESCO codes are the URI's UUID; O*NET codes Element IDs).
 */
export function skillUriOf(skill: { uri?: string | undefined; code?: string | undefined; framework?: string | undefined }): string | undefined {
  if (skill.uri) return skill.uri
  const code = skill.code?.trim()
  const framework = skill.framework?.trim().toLowerCase() ?? ''
  if (!code) return undefined
  if (framework === 'emblem demo skills' || framework === 'emblem-demo') return /^[a-z0-9-]+$/.test(code) ? `urn:emblem:skill:${code}` : undefined
  if (framework.startsWith('esco') && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(code)) return `http://data.europa.eu/esco/skill/${code.toLowerCase()}`
  if (framework.startsWith('o*net') && /^\d(\.[A-Za-z0-9]+)+$/.test(code)) return onetDescriptorUrl(code)
  return undefined
}
