// What `emblem demo` seeds, as a use case: a verified user, the organization `demo` with its key,
// the demo skills, three published achievements with designed badges, an API key, and credentials
// issued through the real bulk path (a CSV batch per achievement).
import { createHash } from 'node:crypto'
import { PlatformError } from '../../core/errors.js'
import { publishAchievement } from '../achievements/achievement-state.js'
import { createAchievement } from '../achievements/edit-achievement.js'
import { listAchievements } from '../achievements/find-achievements.js'
import { saveImage } from '../achievements/save-image.js'
import { hashPassword } from '../accounts/password-hash.js'
import { startBatch } from '../issuance/start-batch.js'
import { createApiKey } from '../orgs/api-keys.js'
import { createOrg } from '../orgs/create-org.js'
import type { PlatformPorts } from '../platform/ports.js'
import { seedDemoSkills } from '../skills/seed-demo-skills.js'
import { DEMO_ACHIEVEMENTS, DEMO_ORG, demoLearner } from './demo-content.js'

/** The demo user's address. */
export const DEMO_EMAIL = 'demo@example.org'

/** What a demo seeding made: who signs in, the organization, its achievements, a fresh API key and the batches to wait for. */
export interface DemoSeed {
  org: { id: string; slug: string }
  email: string
  password: string
  apiKey: string
  achievements: string[]
  batches: string[]
}

/** The demo user (created verified, or given a fresh password when it exists): its id and password. */
async function demoUser({ store, random, clock }: Pick<PlatformPorts, 'store' | 'random' | 'clock'>): Promise<{ id: string; password: string }> {
  const { accounts } = store.repos
  const password = random.token(12)
  const passwordHash = await hashPassword(password)
  const existing = await accounts.userByEmail(DEMO_EMAIL)
  const id = existing?.id ?? random.uuid()
  if (existing) await accounts.setPasswordHash(id, passwordHash)
  else await accounts.createUser({ id, email: DEMO_EMAIL, name: 'Demo Administrator', passwordHash })
  await accounts.markEmailVerified(id, clock.now())
  return { id, password }
}

/** The demo organization, created with its key on the first run and reused after. */
async function demoOrg(ports: PlatformPorts, userId: string): Promise<{ id: string; slug: string }> {
  const existing = await ports.store.repos.access.orgBySlug(DEMO_ORG.slug)
  if (existing) {
    if (!(await ports.store.repos.access.roleOf(existing.id, userId)))
      throw new PlatformError('ERR_CONFLICT', `An organization "${DEMO_ORG.slug}" exists and ${DEMO_EMAIL} is not its member; the demo will not touch it`)
    return existing
  }
  return createOrg(ports, { userId, input: { ...DEMO_ORG } })
}

/** The demo achievements, published, each with its designed badge; existing ones (by name) are reused. */
async function demoAchievements(ports: PlatformPorts, orgId: string): Promise<string[]> {
  const { items } = await listAchievements(ports, orgId, { state: 'published' })
  const ids: string[] = []
  for (const { definition, design } of DEMO_ACHIEVEMENTS) {
    const found = items.find((a) => a.name === definition.name)
    if (found) {
      ids.push(found.id)
      continue
    }
    const image = await saveImage(ports, orgId, ports.media.checkImage(new TextEncoder().encode(ports.media.designBadge(design)), 'image/svg+xml'))
    const draft = await createAchievement(ports, { orgId, definition, imageId: image.id })
    ids.push((await publishAchievement(ports, orgId, draft.id)).id)
  }
  return ids
}

/** A CSV of `count` learners starting at learner `from`, tagged with the run so a re-run is a new file. */
async function* cohortCsv(from: number, count: number, run: string): AsyncGenerator<Uint8Array> {
  const encoder = new TextEncoder()
  yield encoder.encode('email,name,cohort\r\n')
  for (let i = from; i < from + count; i++) {
    const { name, email } = demoLearner(i)
    yield encoder.encode(`${email},"${name}",${run}\r\n`)
  }
}

/** Seeds the demo and queues `count` credentials (spread over the achievements) as batches the runner issues. */
export async function seedDemo(ports: PlatformPorts, { count }: { count: number }): Promise<DemoSeed> {
  const user = await demoUser(ports)
  const org = await demoOrg(ports, user.id)
  await seedDemoSkills(ports.store.repos.skills)
  const achievements = await demoAchievements(ports, org.id)
  const { secret } = await createApiKey(ports, { orgId: org.id, createdBy: user.id, input: { name: `demo ${ports.clock.now().toISOString()}`, role: 'issuer' } })
  const run = ports.clock.now().toISOString()
  const tag = createHash('sha256').update(run).digest('hex').slice(0, 8)
  const batches: string[] = []
  for (let a = 0; a < achievements.length; a++) {
    const share = Math.floor(count / achievements.length) + (a < count % achievements.length ? 1 : 0)
    if (share === 0) continue
    const from = a * Math.ceil(count / achievements.length)
    const { batch } = await startBatch(ports, { orgId: org.id, achievementId: achievements[a]!, body: cohortCsv(from, share, run), fileName: `demo-${tag}-${a + 1}.csv`, createdBy: user.id })
    batches.push(batch.id)
  }
  return { org: { id: org.id, slug: org.slug }, email: DEMO_EMAIL, password: user.password, apiKey: secret, achievements, batches }
}
