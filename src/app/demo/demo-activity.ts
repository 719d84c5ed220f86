// The demo's 90 days of history, planned before anything is written: when each credential was
// issued (a growing weekday pace, quiet weekends, a few cohort days), and when learners claimed
// them, when others verified them, and which the issuer revoked or suspended. A seeded generator
// plans it, so a given day always looks the same; seed-demo.ts plays the plan through the use cases.
import type { DemoPace } from './demo-content.js'

/** How far back the demo's history goes, in days (today included). */
export const DEMO_HISTORY_DAYS = 90

const DAY = 86_400_000
const HOUR = 3_600_000

/** One credential of the plan: whose, for what, when. */
export interface PlannedCredential {
  /** Index into the organizations passed to {@link planActivity}. */
  org: number
  /** Index into that organization's achievements. */
  achievement: number
  /** Index of the demo learner ({@link demoLearner}). */
  learner: number
  issuedAt: Date
  /** Whether the learner lets the public page show their name (when they claim it). */
  showName: boolean
}

/** Something that happens to a planned credential (by its index in `credentials`). */
export type PlannedEvent =
  | { kind: 'issue'; at: Date; credential: number }
  | { kind: 'claim'; at: Date; credential: number }
  | { kind: 'verify'; at: Date; credential: number }
  | { kind: 'revoke' | 'suspend'; at: Date; credential: number; reason: string }

/** The plan: the credentials, and every event in time order. */
export interface ActivityPlan {
  credentials: PlannedCredential[]
  events: PlannedEvent[]
}

const REVOKE_REASONS = ['Issued to the wrong learner by mistake', 'Assessment result withdrawn after an appeal', 'Duplicate of an earlier award']
const SUSPEND_REASONS = ['Under review after a complaint about the assessment']

/** Mulberry32: a small seeded generator of numbers in [0, 1). */
function seeded(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

/** A Poisson draw with mean `mean` (Knuth; means here are small). */
function poisson(rand: () => number, mean: number): number {
  const limit = Math.exp(-mean)
  let k = 0
  let p = rand()
  while (p > limit) {
    k++
    p *= rand()
  }
  return k
}

/**
 * Plans the last {@link DEMO_HISTORY_DAYS} days before `now` for organizations of `paces`
 * (`achievements[i]` achievements each), drawing learners from `learners`. Weekdays follow each
 * organization's pace, growing from `start` to `end`; weekends are quiet; cohort days add a whole
 * group. About seven in ten learners claim within days, most claimed credentials are verified a few
 * times over the following weeks, a few are revoked and one in a hundred suspended. Nothing is
 * planned after `now`.
 */
export function planActivity({ now, orgs, learners, seed = 20_261_204 }: { now: Date; orgs: readonly { pace: DemoPace; achievements: number }[]; learners: number; seed?: number }): ActivityPlan {
  const rand = seeded(seed)
  const pick = (n: number) => Math.floor(rand() * n)
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate())
  const latest = now.getTime() - 60_000
  const credentials: PlannedCredential[] = []
  const events: PlannedEvent[] = []
  const earned = new Set<string>()

  const addCredential = (org: number, achievements: number, issuedAt: number) => {
    const achievement = pick(achievements)
    let learner = pick(learners)
    for (let tries = 0; earned.has(`${org}/${achievement}/${learner}`) && tries < 20; tries++) learner = pick(learners)
    if (earned.has(`${org}/${achievement}/${learner}`)) return
    earned.add(`${org}/${achievement}/${learner}`)
    const credential = credentials.length
    credentials.push({ org, achievement, learner, issuedAt: new Date(issuedAt), showName: rand() < 0.9 })
    events.push({ kind: 'issue', at: new Date(issuedAt), credential })
    const fate = rand()
    const endsAt = fate < 0.035 ? issuedAt + (2 + rand() * 30) * DAY : Infinity
    if (endsAt <= latest) events.push({ kind: 'revoke', at: new Date(endsAt), credential, reason: REVOKE_REASONS[pick(REVOKE_REASONS.length)]! })
    else if (fate > 0.99) {
      const at = issuedAt + (5 + rand() * 20) * DAY
      if (at <= latest) events.push({ kind: 'suspend', at: new Date(at), credential, reason: SUSPEND_REASONS[0]! })
    }
    if (rand() >= 0.72) return
    const claimedAt = issuedAt + (0.1 + rand() * rand() * 12) * DAY
    if (claimedAt > Math.min(latest, endsAt)) return
    events.push({ kind: 'claim', at: new Date(claimedAt), credential })
    // Employers and others check a shared credential a few times over the following weeks.
    const checks = [0, 0, 1, 1, 1, 2, 2, 3][pick(8)]!
    for (let i = 0; i < checks; i++) {
      const at = claimedAt + (rand() * rand() * 45 + rand() * 0.5) * DAY
      if (at <= latest) events.push({ kind: 'verify', at: new Date(at), credential })
    }
  }

  for (let d = DEMO_HISTORY_DAYS - 1; d >= 0; d--) {
    const dayStart = today - d * DAY
    const weekend = [0, 6].includes(new Date(dayStart).getUTCDay())
    orgs.forEach(({ pace, achievements }, org) => {
      const growth = (DEMO_HISTORY_DAYS - 1 - d) / (DEMO_HISTORY_DAYS - 1)
      const mean = (pace.start + (pace.end - pace.start) * growth) * (weekend ? 0.2 : 1)
      const cohort = pace.cohorts.find((c) => c.daysAgo === d)?.size ?? 0
      const count = poisson(rand, mean) + cohort
      for (let i = 0; i < count; i++) {
        // Office hours (UTC), a cohort's graduation all in one afternoon hour.
        const at = dayStart + (i < count - cohort ? 7 * HOUR + rand() * 11 * HOUR : 14 * HOUR + rand() * HOUR)
        if (at <= latest) addCredential(org, achievements, Math.floor(at))
      }
    })
  }
  events.sort((a, b) => a.at.getTime() - b.at.getTime() || order(a) - order(b))
  return { credentials, events }
}

/** Same-instant tie-break: a credential is issued before anything happens to it. */
const order = (event: PlannedEvent): number => ['issue', 'claim', 'verify', 'suspend', 'revoke'].indexOf(event.kind)
