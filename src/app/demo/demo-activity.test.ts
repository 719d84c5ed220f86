import { describe, expect, it } from 'vitest'
import { DEMO_HISTORY_DAYS, planActivity } from './demo-activity.js'
import { DEMO_LEARNER_COUNT, DEMO_ORGS, demoLearner, demoLogoSvg } from './demo-content.js'

const DAY = 86_400_000
const orgs = DEMO_ORGS.map((o) => ({ pace: o.pace, achievements: o.achievements.length }))

describe('the demo history plan', () => {
  const now = new Date('2026-12-04T10:30:00Z')
  const plan = planActivity({ now, orgs, learners: DEMO_LEARNER_COUNT })

  it('is the same for the same moment, and nothing happens after it or before the 90 days', () => {
    expect(planActivity({ now, orgs, learners: DEMO_LEARNER_COUNT })).toEqual(plan)
    const first = Date.UTC(2026, 11, 4) - (DEMO_HISTORY_DAYS - 1) * DAY
    for (const e of plan.events) {
      expect(e.at.getTime()).toBeLessThan(now.getTime())
      expect(e.at.getTime()).toBeGreaterThanOrEqual(first)
    }
  })

  it('keeps events in time order, each credential issued before anything happens to it, claims never after a revocation', () => {
    const times = plan.events.map((e) => e.at.getTime())
    expect(times).toEqual([...times].sort((a, b) => a - b))
    const issued = new Map<number, number>()
    const revoked = new Map<number, number>()
    plan.events.forEach((e, i) => {
      if (e.kind === 'issue') issued.set(e.credential, i)
      else expect(issued.get(e.credential), `${e.kind} of ${e.credential}`).toBeLessThan(i)
      if (e.kind === 'revoke') revoked.set(e.credential, i)
      if (e.kind === 'claim') expect(revoked.has(e.credential)).toBe(false)
    })
    expect(issued.size).toBe(plan.credentials.length)
  })

  it('spreads a few hundred credentials over most days, with every kind of event, and no learner earns one achievement twice', () => {
    expect(plan.credentials.length).toBeGreaterThan(150)
    expect(plan.credentials.length).toBeLessThan(400)
    const mainDays = new Set(plan.events.filter((e) => plan.credentials[e.credential]!.org === 0).map((e) => e.at.toISOString().slice(0, 10)))
    expect(mainDays.size).toBeGreaterThanOrEqual(60)
    for (const kind of ['issue', 'claim', 'verify', 'revoke'] as const) expect(plan.events.some((e) => e.kind === kind), kind).toBe(true)
    const keys = plan.credentials.map((c) => `${c.org}/${c.achievement}/${c.learner}`)
    expect(new Set(keys).size).toBe(keys.length)
  })
})

describe('the demo content', () => {
  it('gives every learner index its own address', () => {
    const emails = Array.from({ length: DEMO_LEARNER_COUNT * 3 }, (_, i) => demoLearner(i).email)
    expect(new Set(emails).size).toBe(emails.length)
    expect(demoLearner(DEMO_LEARNER_COUNT).name).toBe(demoLearner(0).name)
  })

  it('has unique organization slugs and a logo for each', () => {
    expect(new Set(DEMO_ORGS.map((o) => o.profile.slug)).size).toBe(DEMO_ORGS.length)
    for (const o of DEMO_ORGS) expect(demoLogoSvg(o.logo)).toMatch(/^<svg [^>]*viewBox="0 0 256 256".*<\/svg>$/)
  })
})
