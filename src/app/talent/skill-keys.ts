// How a skill is named for the talent search: by its URI, by its framework code, by its label. One
// skill of a credential becomes one index row per name it carries, so a search by any of them finds it.
import type { DisplaySkill } from '../wallet/display.js'

/** Labels compare with case and spacing ignored. */
export const normalizeLabel = (label: string): string => label.trim().toLowerCase().replace(/\s+/g, ' ')

/** Every key `skill` is found by: `uri:<uri>`, `code:<code>` (lower-cased), `label:<normalized label>`. */
export function keysOfSkill(skill: DisplaySkill): string[] {
  const keys: string[] = []
  if (skill.uri) keys.push(`uri:${skill.uri.trim()}`)
  if (skill.code?.trim()) keys.push(`code:${skill.code.trim().toLowerCase()}`)
  if (skill.label?.trim()) keys.push(`label:${normalizeLabel(skill.label)}`)
  return [...new Set(keys)].filter((k) => k.length <= 500)
}

/** The EQF level a credential document aligns to (the EU vocabulary's URL), or null. */
export function eqfLevelOf(document: string): number | null {
  const m = /data\.europa\.eu\/snb\/eqf\/([1-8])\b/.exec(document.slice(0, 200_000))
  return m ? Number(m[1]) : null
}

/** One row of the talent index. */
export interface TalentSkillRow {
  itemId: string
  userId: string
  skillKey: string
  label: string
  issuerId: string | null
  issuerName: string
  eqfLevel: number | null
  issuedAt: string | null
}

/** The index rows of one wallet credential. */
export function talentRowsOf(item: { id: string; userId: string; skills: readonly DisplaySkill[]; issuerId: string | null; issuerName: string; issuedAt: string | null; document: string }): TalentSkillRow[] {
  const eqfLevel = eqfLevelOf(item.document)
  const rows = new Map<string, TalentSkillRow>()
  for (const skill of item.skills) {
    if (!skill.label?.trim()) continue
    for (const skillKey of keysOfSkill(skill)) {
      if (!rows.has(skillKey)) rows.set(skillKey, { itemId: item.id, userId: item.userId, skillKey, label: skill.label.trim().slice(0, 300), issuerId: item.issuerId, issuerName: item.issuerName.toLowerCase(), eqfLevel, issuedAt: item.issuedAt })
    }
  }
  return [...rows.values()]
}
