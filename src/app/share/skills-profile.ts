// The skills profile (issue #10 item 6): the skills a learner's verified credentials prove, with the
// framework's labels and codes, counted, each with the credentials that prove it.
import type { DisplaySkill } from '../wallet/display.js'

/** A credential that proves a skill. */
export interface SkillProof {
  id: string
  name: string
  issuerName: string
}

/** One skill of the profile. */
export interface SkillSummary {
  label: string
  code?: string
  framework?: string
  uri?: string
  /** How many credentials prove it. */
  count: number
  credentials: SkillProof[]
}

/** What the profile is gathered from: verified credentials and their skills. */
export interface SkillSource extends SkillProof {
  skills: readonly DisplaySkill[]
}

/** The same skill across credentials: its URI, else its framework and code, else its label (case and spacing ignored). */
const keyOf = (s: DisplaySkill): string => {
  if (s.uri) return `uri:${s.uri}`
  if (s.code) return `code:${(s.framework ?? '').toLowerCase()}|${s.code.toLowerCase()}`
  return `label:${s.label.trim().toLowerCase().replace(/\s+/g, ' ')}`
}

/** The skills of `sources`, most proven first, then by label; one entry per credential and skill. */
export function skillsProfile(sources: readonly SkillSource[]): SkillSummary[] {
  const byKey = new Map<string, SkillSummary>()
  for (const source of sources) {
    const seen = new Set<string>()
    for (const skill of source.skills) {
      if (!skill.label?.trim()) continue
      const key = keyOf(skill)
      if (seen.has(key)) continue
      seen.add(key)
      let summary = byKey.get(key)
      if (!summary) {
        summary = {
          label: skill.label.trim(),
          ...(skill.code ? { code: skill.code } : {}),
          ...(skill.framework ? { framework: skill.framework } : {}),
          ...(skill.uri ? { uri: skill.uri } : {}),
          count: 0,
          credentials: [],
        }
        byKey.set(key, summary)
      }
      summary.count += 1
      summary.credentials.push({ id: source.id, name: source.name, issuerName: source.issuerName })
    }
  }
  return [...byKey.values()].sort((a, b) => b.count - a.count || a.label.localeCompare(b.label, 'en'))
}
