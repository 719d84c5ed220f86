// The requirement engine's property (issue #12): under any interleaving of concurrent submissions,
// reviews, score imports and attendance marks, the credential is issued exactly once when every
// requirement is met, and never while one is not. Run on SQLite (programs-award.test.ts) and
// PostgreSQL (programs-award-postgres.test.ts).
import fc from 'fast-check'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { RequirementKind } from '../../../src/app/programs/ports.js'
import { startIssuancePlatform, type IssuancePlatform } from './issuance-fixture.js'

type Op = { kind: 'submit' | 'accept' | 'changes' | 'score' | 'attend'; req: number; pass?: boolean }

const opArb = fc.record({ kind: fc.constantFrom<Op['kind']>('submit', 'accept', 'changes', 'score', 'attend'), req: fc.nat({ max: 3 }), pass: fc.boolean() })

export function awardPropertySuite(dialect: 'sqlite' | 'postgres', numRuns: number): void {
  let p: IssuancePlatform
  beforeAll(async () => {
    p = await startIssuancePlatform({ dialect })
  })
  afterAll(() => p?.close())

  it('awards exactly once, when and only when every requirement is met, under concurrent operations', async () => {
    const { t, org, achievementId } = p
    const programs = t.platform.programs
    const seen = { complete: 0, incomplete: 0 }
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.constantFrom<RequirementKind>('evidence', 'review', 'score', 'attendance'), { minLength: 1, maxLength: 4 }),
        fc.array(fc.array(opArb, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 6 }),
        async (kinds, rounds) => {
          const program = await programs.create(org.id, {
            achievementId,
            title: 'Property program',
            summary: 'Generated.',
            format: 'online',
            hours: 1,
            selfPaced: true,
            language: 'en',
            requirements: kinds.map((kind) => ({ kind, title: kind, ...(kind === 'score' ? { threshold: 50 } : {}) })),
          })
          await programs.setState(org.id, program.id, 'published')
          const learner = await t.seedUser()
          const enrolment = await programs.enrol(learner.userId, program.id)
          const run = (op: Op): Promise<unknown> => {
            const requirement = program.requirements[op.req % program.requirements.length]!
            switch (op.kind) {
              case 'submit':
                return programs.submit(learner.userId, enrolment.id, requirement.id, { text: `work ${op.req}` })
              case 'accept':
              case 'changes':
                return programs.review(org.id, 'assessor', enrolment.id, requirement.id, { decision: op.kind === 'accept' ? 'accept' : 'changes', feedback: 'noted', supervision: 'none' })
              case 'score':
                return programs.importScores(org.id, program.id, { requirementId: requirement.id, scores: [{ enrolmentId: enrolment.id, score: op.pass ? 80 : 20 }] })
              case 'attend':
                return programs.markAttendance(org.id, enrolment.id, requirement.id)
            }
          }
          // Each round's operations run at once; a round that completes the program is followed by
          // a burst of duplicate completing operations (the accept or score that raced).
          for (const round of rounds) await Promise.allSettled(round.map(run))
          const view = await programs.myEnrolment(learner.userId, enrolment.id)
          const allMet = view.progress.every((x) => x.status === 'met')
          seen[allMet ? 'complete' : 'incomplete'] += 1
          const issued = await t.store.db.selectFrom('issued_credentials').select('credential_id').where('recipient_email', '=', learner.email).execute()
          expect(issued.length).toBe(allMet ? 1 : 0)
          expect(view.enrolment.credentialId).toBe(allMet ? issued[0]!.credential_id : null)
          expect(view.enrolment.state).toBe(allMet ? 'completed' : 'active')
          if (allMet) {
            // More completing operations at once change nothing.
            await Promise.allSettled(program.requirements.map((r) => programs.markAttendance(org.id, enrolment.id, r.id)))
            const again = await t.store.db.selectFrom('issued_credentials').select('credential_id').where('recipient_email', '=', learner.email).execute()
            expect(again).toHaveLength(1)
          }
        },
      ),
      { numRuns },
    )
    // Both sides of "when and only when" were exercised.
    expect(seen.complete).toBeGreaterThan(0)
    expect(seen.incomplete).toBeGreaterThan(0)
  }, 240_000)

  it('awards once when every completing operation arrives at the same moment', async () => {
    const { t, org, achievementId } = p
    const programs = t.platform.programs
    const program = await programs.create(org.id, {
      achievementId, title: 'Race', summary: 'Two at once.', format: 'online', hours: 1, selfPaced: true, language: 'en',
      requirements: [{ kind: 'attendance', title: 'Day 1' }, { kind: 'attendance', title: 'Day 2' }, { kind: 'score', title: 'Exam', threshold: 10 }],
    })
    await programs.setState(org.id, program.id, 'published')
    const learner = await t.seedUser()
    const enrolment = await programs.enrol(learner.userId, program.id)
    const [a, b, s] = program.requirements.map((r) => r.id) as [string, string, string]
    await Promise.allSettled([
      programs.markAttendance(org.id, enrolment.id, a),
      programs.markAttendance(org.id, enrolment.id, b),
      programs.importScores(org.id, program.id, { requirementId: s, scores: [{ enrolmentId: enrolment.id, score: 90 }] }),
      programs.importScores(org.id, program.id, { requirementId: s, scores: [{ enrolmentId: enrolment.id, score: 95 }] }),
      programs.markAttendance(org.id, enrolment.id, a),
    ])
    const issued = await t.store.db.selectFrom('issued_credentials').select('credential_id').where('recipient_email', '=', learner.email).execute()
    expect(issued).toHaveLength(1)
  })
}
