import { searchTextOf } from './search-text.js'
import type { SkillEntry } from './types.js'

// ESCO's skills_en.csv (v1.1.1 and v1.2.x share its 13 columns): read by header name, never by
// position. Multi-value fields hold one value per line. Hidden labels are for matching only.
// https://esco.ec.europa.eu/en/use-esco/download

/** The file of an ESCO CSV export that lists skills and knowledge. */
export const ESCO_SKILLS_FILE = 'skills_en.csv'
/** The columns an ESCO skills file must have. */
export const ESCO_REQUIRED_COLUMNS = ['conceptUri', 'preferredLabel'] as const
/** The attribution ESCO's reuse policy asks for (shared/skills/README.md §2). */
export const ESCO_ATTRIBUTION =
  'This service uses the ESCO classification of the European Commission (© European Union). Source: https://esco.ec.europa.eu/. Reuse under Commission Decision 2011/833/EU / CC BY 4.0.'

/** The values of a multi-value ESCO field (one per line), trimmed, without empties. */
export const escoValues = (field: string | undefined): string[] =>
  (field ?? '')
    .split(/\r?\n/)
    .map((v) => v.trim())
    .filter((v) => v !== '')

/** The required columns missing from a header. */
export const missingEscoColumns = (header: readonly string[]): string[] => ESCO_REQUIRED_COLUMNS.filter((c) => !header.includes(c))

/**
 * One row of skills_en.csv as a SkillEntry, or undefined for a row to skip (no URI or label, or a
 * status other than `released`). Kind: `knowledge` for skillType knowledge, else `skill`.
 */
export function escoSkillOf(row: Readonly<Record<string, string | undefined>>): SkillEntry | undefined {
  const id = row.conceptUri?.trim()
  const preferredLabel = row.preferredLabel?.trim()
  if (!id || !preferredLabel) return undefined
  if (row.status && row.status.trim() !== 'released') return undefined
  const altLabels = [...new Set(escoValues(row.altLabels))].filter((l) => l !== preferredLabel)
  return {
    id,
    framework: 'esco',
    code: id.slice(id.lastIndexOf('/') + 1) || null,
    kind: row.skillType?.trim() === 'knowledge' ? 'knowledge' : 'skill',
    preferredLabel,
    altLabels,
    description: (row.description ?? '').trim(),
    searchText: searchTextOf([preferredLabel, ...altLabels, ...escoValues(row.hiddenLabels)]),
  }
}
