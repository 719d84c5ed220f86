// The demo's occupations and the demo learner's target (issue #12 item 8): a handful of occupations
// over the demo skills, so /occupations and /wallet/career have content without the ESCO files.
import { DEMO_OCCUPATION_SKILLS, DEMO_OCCUPATIONS, DEMO_SKILL_BROADER, demoOccupationUri } from '../../core/occupations/index.js'
import { DEMO_FRAMEWORK } from '../../core/skills/index.js'
import type { PlatformPorts } from '../platform/ports.js'

/** The demo learner's target occupation. */
export const DEMO_LEARNER_TARGET = demoOccupationUri('research-data-steward')

/** Stores the demo occupations (idempotent) and, when the learner has no target yet, sets theirs. */
export async function seedDemoCareer({ store, clock }: Pick<PlatformPorts, 'store' | 'clock'>, learnerId?: string): Promise<void> {
  await store.transaction(async (tx) => {
    await tx.repos.occupations.upsert(DEMO_OCCUPATIONS)
    await tx.repos.occupations.upsertSkills(DEMO_OCCUPATION_SKILLS)
    await tx.repos.occupations.upsertSkillBroader(DEMO_SKILL_BROADER)
    await tx.repos.occupations.setRelease(DEMO_FRAMEWORK, 'Emblem demo occupations 1', clock.now().toISOString())
  })
  if (learnerId !== undefined && (await store.repos.careerTargets.list(learnerId)).length === 0)
    await store.repos.careerTargets.replace(learnerId, [DEMO_LEARNER_TARGET, demoOccupationUri('data-analyst')], clock.now().toISOString())
}
