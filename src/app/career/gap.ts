// Gap analysis (issue #12 item 6): which of an occupation's skills a learner's verified credentials
// cover, directly or through the skill hierarchy (a credential aligned to a narrower skill covers the
// broader one), and which are missing, essential first.
import type { SkillRelation } from '../../core/occupations/index.js'
import type { OccupationSkillRecord } from '../occupations/ports.js'
import type { ProgramOffer } from './ports.js'

/** A credential the learner holds, and the skill URIs it is aligned to. */
export interface HeldCredential {
  id: string
  name: string
  skills: { uri: string; label: string }[]
}

/** Why a skill counts as covered: a held skill (the required one itself, or a narrower one) and the credentials aligned to it. */
export interface CoverageReason {
  /** The held skill. */
  skill: string
  label: string
  match: 'direct' | 'narrower'
  credentials: { id: string; name: string }[]
}

export interface CoveredSkill {
  skill: string
  label: string
  relation: SkillRelation
  /** Wallet credential ids that cover it. */
  credentials: string[]
  because: CoverageReason[]
}

export interface GapSkill {
  skill: string
  label: string
  relation: SkillRelation
}

/** The broader concepts of each held skill up the hierarchy: ancestor → the nearest held skills that lead to it. */
export type AncestorMap = Map<string, Set<string>>

/**
 * For each concept above a held skill, the held skills nearest to it (fewest steps), from the
 * hierarchy's closure rows; concepts that are held themselves are left out (they count directly).
 */
export function ancestorMapOf(held: readonly string[], rows: readonly { heldId: string; ancestorId: string; depth: number }[]): AncestorMap {
  const own = new Set(held)
  const best = new Map<string, { depth: number; from: Set<string> }>()
  for (const { heldId, ancestorId, depth } of rows) {
    if (own.has(ancestorId)) continue
    const entry = best.get(ancestorId)
    if (!entry || depth < entry.depth) best.set(ancestorId, { depth, from: new Set([heldId]) })
    else if (depth === entry.depth) entry.from.add(heldId)
  }
  return new Map([...best].map(([id, { from }]) => [id, from]))
}

/** Covered and missing skills of an occupation for these credentials; gap essential first (the requirements' order otherwise). */
export function analyseGap(requirements: readonly OccupationSkillRecord[], credentials: readonly HeldCredential[], ancestors: AncestorMap): { covered: CoveredSkill[]; gap: GapSkill[] } {
  const holders = new Map<string, { label: string; credentials: { id: string; name: string }[] }>()
  for (const c of credentials)
    for (const s of c.skills) {
      const entry = holders.get(s.uri) ?? { label: s.label, credentials: [] }
      if (!entry.credentials.some((x) => x.id === c.id)) entry.credentials.push({ id: c.id, name: c.name })
      holders.set(s.uri, entry)
    }
  const covered: CoveredSkill[] = []
  const gap: GapSkill[] = []
  for (const r of requirements) {
    const because: CoverageReason[] = []
    const direct = holders.get(r.skillId)
    if (direct) because.push({ skill: r.skillId, label: direct.label, match: 'direct', credentials: direct.credentials })
    for (const h of ancestors.get(r.skillId) ?? []) {
      const held = holders.get(h)
      if (held && h !== r.skillId) because.push({ skill: h, label: held.label, match: 'narrower', credentials: held.credentials })
    }
    if (because.length > 0) covered.push({ skill: r.skillId, label: r.label, relation: r.relation, credentials: [...new Set(because.flatMap((b) => b.credentials.map((c) => c.id)))], because })
    else gap.push({ skill: r.skillId, label: r.label, relation: r.relation })
  }
  const rank = (x: { relation: SkillRelation }) => (x.relation === 'essential' ? 0 : 1)
  return { covered: covered.sort((a, b) => rank(a) - rank(b)), gap: gap.sort((a, b) => rank(a) - rank(b)) }
}

/** A program as the planner ranks it: the gap skills it covers, and how much of the gap per hour and per unit of price. */
export interface RankedProgram extends ProgramOffer {
  /** Gap skills it covers, weighted: essential 2, optional 1. */
  gapWeight: number
  /** gapWeight per hour of workload (null when the workload is not stated). */
  perHour: number | null
  /** gapWeight per unit of price (null when free or not stated: free ranks first). */
  perPrice: number | null
}

/** Keeps the programs that cover some of the gap (`covers` narrowed to it), best first: more of the gap per hour, then per unit of price (free first), then more of it. */
export function rankPrograms(programs: readonly ProgramOffer[], gap: readonly GapSkill[]): RankedProgram[] {
  const weightOf = new Map(gap.map((g) => [g.skill, g.relation === 'essential' ? 2 : 1]))
  const ranked: RankedProgram[] = []
  for (const p of programs) {
    const covers = [...new Set(p.covers)].filter((s) => weightOf.has(s))
    if (covers.length === 0) continue
    const gapWeight = covers.reduce((n, s) => n + weightOf.get(s)!, 0)
    const perHour = p.hours && p.hours > 0 ? gapWeight / p.hours : null
    const perPrice = p.price && p.price > 0 ? gapWeight / p.price : null
    ranked.push({ ...p, covers, gapWeight, perHour, perPrice })
  }
  const num = (v: number | null, ifNull: number) => (v === null ? ifNull : v)
  return ranked.sort(
    (a, b) =>
      num(b.perHour, 0) - num(a.perHour, 0) ||
      (a.price === 0 ? -1 : 0) - (b.price === 0 ? -1 : 0) ||
      num(b.perPrice, 0) - num(a.perPrice, 0) ||
      b.gapWeight - a.gapWeight ||
      a.title.localeCompare(b.title, 'en'),
  )
}
