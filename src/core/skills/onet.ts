import { searchTextOf } from './search-text.js'
import type { SkillEntry } from './types.js'

// O*NET's Content Model: the skills (2.A basic, 2.B cross-functional) and knowledge areas (2.C)
// are the leaves under those branches of `Content Model Reference.txt` (tab-delimited, no quoting).
// Elements have no URI in the files; their O*NET OnLine descriptor page serves as one.

/** The O*NET text-release file that describes every Content Model element. */
export const ONET_CONTENT_MODEL_FILE = 'Content Model Reference.txt'
/** The columns that file must have. */
export const ONET_REQUIRED_COLUMNS = ['Element ID', 'Element Name', 'Description'] as const
/** The attribution O*NET's CC BY 4.0 licence asks for (shared/skills/README.md §2). */
export const ONET_ATTRIBUTION =
  'This page includes information from the O*NET 29.2 Database by the U.S. Department of Labor, Employment and Training Administration (USDOL/ETA). Used under the CC BY 4.0 license. O*NET® is a trademark of USDOL/ETA. Emblem has modified all or some of this information. USDOL/ETA has not approved, endorsed, or tested these modifications.'

/** The public page of an O*NET Content Model element, used as its URI. */
export const onetDescriptorUrl = (elementId: string): string => `https://www.onetonline.org/find/descriptor/result/${elementId}`

/** One Content Model element. */
export interface OnetElement {
  elementId: string
  name: string
  description: string
}

const BRANCHES: Record<string, SkillEntry['kind']> = { '2.A': 'skill', '2.B': 'skill', '2.C': 'knowledge' }

/** The skills and knowledge areas among Content Model elements: the leaves under 2.A, 2.B and 2.C. */
export function onetSkillsOf(elements: Iterable<OnetElement>): SkillEntry[] {
  const all = [...elements].filter((e) => e.elementId.trim() !== '')
  const parents = new Set(all.map((e) => e.elementId.slice(0, Math.max(0, e.elementId.lastIndexOf('.')))))
  const out: SkillEntry[] = []
  for (const { elementId, name, description } of all) {
    const branch = elementId.split('.').slice(0, 2).join('.')
    const kind = BRANCHES[branch]
    if (!kind || elementId === branch || parents.has(elementId) || !name.trim()) continue
    const label = name.trim()
    out.push({
      id: onetDescriptorUrl(elementId),
      framework: 'onet',
      code: elementId,
      kind,
      preferredLabel: label,
      altLabels: [],
      description: description.trim() === 'n/a' ? '' : description.trim(),
      searchText: searchTextOf([label]),
    })
  }
  return out
}
