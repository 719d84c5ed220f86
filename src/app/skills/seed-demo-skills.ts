import { DEMO_SKILLS } from '../../core/skills/index.js'
import type { SkillsRepo } from './ports.js'

/** Stores Emblem's built-in demo skills (framework `emblem-demo`), replacing earlier copies. Returns how many. */
export async function seedDemoSkills(repo: Pick<SkillsRepo, 'upsert'>): Promise<number> {
  await repo.upsert(DEMO_SKILLS)
  return DEMO_SKILLS.length
}
