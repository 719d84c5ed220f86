// The career planner (issue #12 item 6) and demand signals (item 7). Only the learner's verified,
// unrevoked, unexpired wallet credentials count; every read is scoped to the learner.
import { PlatformError } from '../../core/errors.js'
import { skillUriOf, type SkillRelation } from '../../core/occupations/index.js'
import type { OccupationRecord } from '../occupations/ports.js'
import type { PlatformPorts } from '../platform/ports.js'
import type { DisplaySkill } from '../wallet/display.js'
import { statusOf } from '../wallet/items.js'
import { analyseGap, ancestorMapOf, rankPrograms, type CoveredSkill, type GapSkill, type HeldCredential, type RankedProgram } from './gap.js'
import { noPrograms, type ProgramsForSkills } from './ports.js'

/** How many target occupations a learner may keep. */
export const MAX_TARGETS = 5
/** Demand signals show a skill only when at least this many learners' targets ask for it. */
export const MIN_GROUP_SIZE = 5

/** A learner's plan toward one occupation. */
export interface CareerPlan {
  occupation: OccupationRecord
  covered: CoveredSkill[]
  gap: GapSkill[]
  programs: RankedProgram[]
  /** Essential skills covered and asked for. */
  essential: { covered: number; total: number }
  /** How many verified credentials were considered. */
  credentials: number
  /** The learner's saved targets. */
  targets: OccupationRecord[]
}

/** An occupation a credential moves the learner toward. */
export interface OccupationTowards {
  occupation: OccupationRecord
  /** The occupation's skills the credential covers (directly or through a narrower skill). */
  skills: { skill: string; label: string; relation: SkillRelation }[]
  total: number
  essential: number
}

/** Skills the occupations learners target ask for most, and how well the catalog covers them. */
export interface SkillDemand {
  minGroupSize: number
  /** Learners with a target occupation (null when fewer than minGroupSize: nothing is shown). */
  learners: number | null
  mostAsked: DemandRow[]
  leastCovered: DemandRow[]
}

export interface DemandRow {
  skill: string
  label: string
  learners: number
  essentialLearners: number
  occupations: number
  /** Catalog programs teaching it. */
  programs: number
}

export interface CareerUseCases {
  /** The plan toward `occupation` (default: the first saved target). ERR_NOT_FOUND for an unknown occupation or none saved. */
  plan(userId: string, occupation?: string): Promise<CareerPlan>
  targets(userId: string): Promise<OccupationRecord[]>
  /** Saves the learner's targets in order (1–5 known occupations; an empty list clears them). */
  setTargets(userId: string, occupations: readonly string[]): Promise<OccupationRecord[]>
  /** The occupations one of the learner's wallet credentials moves them toward. ERR_NOT_FOUND when it is not theirs. */
  towards(userId: string, itemId: string, limit?: number): Promise<{ credential: HeldCredential & { verified: boolean }; occupations: OccupationTowards[] }>
  /** Aggregated demand signals (no personal data; groups under MIN_GROUP_SIZE learners are left out). */
  demand(options?: { limit?: number }): Promise<SkillDemand>
}

type Deps = Pick<PlatformPorts, 'store' | 'clock'> & { programs?: ProgramsForSkills }

/** The learner's verified, unrevoked, unexpired credentials with their skill URIs. */
async function heldCredentials({ store, clock }: Deps, userId: string): Promise<HeldCredential[]> {
  const now = clock.now()
  const items = await store.repos.walletItems.list(userId)
  return items
    .filter((i) => statusOf(i, now) === 'valid')
    .map((i) => ({ id: i.id, name: i.name, skills: heldSkillsOf(i.skills) }))
}

/** A credential's skills with the framework URI each points to (those pointing nowhere known left out). */
const heldSkillsOf = (skills: readonly DisplaySkill[]) => skills.flatMap((s) => {
  const uri = skillUriOf(s)
  return uri ? [{ uri, label: s.label }] : []
})

const notFound = (uri: string) => new PlatformError('ERR_NOT_FOUND', `No occupation ${uri.slice(0, 200)}`)

export function careerUseCases(deps: Deps): CareerUseCases {
  const { store, clock } = deps
  const programs = deps.programs ?? noPrograms
  const occupations = store.repos.occupations
  const targetRecords = async (userId: string) => {
    const ids = await store.repos.careerTargets.list(userId)
    const byId = new Map((await occupations.getMany(ids)).map((o) => [o.id, o]))
    return ids.flatMap((id) => byId.get(id) ?? [])
  }
  return {
    async plan(userId, uri) {
      const targets = await targetRecords(userId)
      const target = uri ?? targets[0]?.id
      if (!target) throw new PlatformError('ERR_NOT_FOUND', 'No target occupation: choose one first')
      if (target.length > 2000) throw new PlatformError('ERR_INPUT_INVALID', 'occupation: must be an occupation URI')
      const occupation = await occupations.get(target)
      if (!occupation || occupation.framework === 'isco') throw notFound(target)
      const [requirements, credentials] = await Promise.all([occupations.skillsOf(target), heldCredentials(deps, userId)])
      const held = [...new Set(credentials.flatMap((c) => c.skills.map((s) => s.uri)))]
      const ancestors = ancestorMapOf(held, await occupations.skillAncestors(held))
      const { covered, gap } = analyseGap(requirements, credentials, ancestors)
      const offers = gap.length > 0 ? await programs(gap.map((g) => g.skill)) : []
      const essentialTotal = requirements.filter((r) => r.relation === 'essential').length
      return {
        occupation,
        covered,
        gap,
        programs: rankPrograms(offers, gap),
        essential: { covered: covered.filter((c) => c.relation === 'essential').length, total: essentialTotal },
        credentials: credentials.length,
        targets,
      }
    },

    targets: (userId) => targetRecords(userId),

    async setTargets(userId, uris) {
      const unique = [...new Set(uris)]
      if (unique.length > MAX_TARGETS) throw new PlatformError('ERR_INPUT_INVALID', `occupations: at most ${MAX_TARGETS}`)
      const found = new Map((await occupations.getMany(unique)).filter((o) => o.framework !== 'isco').map((o) => [o.id, o]))
      const missing = unique.find((u) => !found.has(u))
      if (missing !== undefined) throw new PlatformError('ERR_INPUT_INVALID', `occupations: no occupation ${missing.slice(0, 200)}`)
      await store.repos.careerTargets.replace(userId, unique, clock.now().toISOString())
      return unique.map((u) => found.get(u)!)
    },

    async towards(userId, itemId, limit = 10) {
      const record = await store.repos.walletItems.get(userId, itemId)
      if (!record) throw new PlatformError('ERR_NOT_FOUND', `No credential ${itemId.slice(0, 100)} in your wallet`)
      const credential = { id: record.id, name: record.name, skills: heldSkillsOf(record.skills), verified: statusOf(record, clock.now()) === 'valid' }
      if (!credential.verified || credential.skills.length === 0) return { credential, occupations: [] }
      const held = credential.skills.map((s) => s.uri)
      const ancestors = ancestorMapOf(held, await occupations.skillAncestors(held))
      const matches = await occupations.occupationsForSkills([...held, ...ancestors.keys()], limit)
      const out: OccupationTowards[] = []
      for (const m of matches) {
        const labels = new Map((await occupations.skillsOf(m.occupation.id)).map((r) => [r.skillId, r.label]))
        out.push({ occupation: m.occupation, skills: m.skills.map((s) => ({ skill: s.skillId, label: labels.get(s.skillId) ?? s.skillId, relation: s.relation })), total: m.total, essential: m.essential })
      }
      return { credential, occupations: out }
    },

    async demand({ limit = 20 } = {}) {
      const learners = await store.repos.careerTargets.learnerCount()
      if (learners < MIN_GROUP_SIZE) return { minGroupSize: MIN_GROUP_SIZE, learners: null, mostAsked: [], leastCovered: [] }
      const rows = await store.repos.careerTargets.demand({ minLearners: MIN_GROUP_SIZE, limit: 200 })
      const offers = rows.length > 0 ? await programs(rows.map((r) => r.skillId)) : []
      const count = new Map<string, number>()
      for (const p of offers) for (const s of new Set(p.covers)) count.set(s, (count.get(s) ?? 0) + 1)
      const all: DemandRow[] = rows.map((r) => ({ skill: r.skillId, label: r.label, learners: r.learners, essentialLearners: r.essentialLearners, occupations: r.occupations, programs: count.get(r.skillId) ?? 0 }))
      const leastCovered = [...all].sort((a, b) => a.programs - b.programs || b.learners - a.learners || b.essentialLearners - a.essentialLearners || a.skill.localeCompare(b.skill)).slice(0, limit)
      return { minGroupSize: MIN_GROUP_SIZE, learners, mostAsked: all.slice(0, limit), leastCovered }
    },
  }
}
