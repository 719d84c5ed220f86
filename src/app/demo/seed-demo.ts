// What `emblem demo` seeds, as a use case: a verified user who owns four organizations (each with
// its key, logo, description and published achievements with designed badges, PNG or SVG), the
// demo skills, a fresh API key per organization, 90 days of history for each organization created
// by this run, and `count` more credentials of the main organization queued as CSV batches.
//
// The history goes through the use cases (issueOne, acceptClaim, changeStatus), each called with a
// clock set to the moment the event happened, so records, signed credentials and the dashboards'
// per-day counts all carry past dates. Verifications are recorded as the credential page records
// them; verifying 90 days ago for real would need the app's documents and today's checkpoints.
import { createHash } from 'node:crypto'
import { PlatformError } from '../../core/errors.js'
import { publishAchievement } from '../achievements/achievement-state.js'
import { createAchievement } from '../achievements/edit-achievement.js'
import { listAchievements } from '../achievements/find-achievements.js'
import { saveImage } from '../achievements/save-image.js'
import { hashPassword } from '../accounts/password-hash.js'
import { acceptClaim } from '../credentials/claim-credential.js'
import { changeStatus } from '../issuance/change-status.js'
import { issueOne } from '../issuance/issue-credential.js'
import { startBatch } from '../issuance/start-batch.js'
import { createApiKey } from '../orgs/api-keys.js'
import { createOrg } from '../orgs/create-org.js'
import { setOrgLogo } from '../orgs/set-org-logo.js'
import type { PlatformPorts } from '../platform/ports.js'
import { seedDemoSkills } from '../skills/seed-demo-skills.js'
import { seedDemoCareer } from './demo-career.js'
import { DEMO_HISTORY_DAYS, planActivity } from './demo-activity.js'
import { DEMO_LEARNER_COUNT, DEMO_ORGS, demoLearner, demoLogoSvg, type DemoOrg } from './demo-content.js'

/** The demo user's address. */
export const DEMO_EMAIL = 'demo@example.org'

const DAY = 86_400_000

/** One seeded organization: where it is, its achievements (ids, in the demo's order) and a fresh API key (issuer role). */
export interface DemoSeedOrg {
  id: string
  slug: string
  name: string
  apiKey: string
  achievements: string[]
  /** Whether this run created it (and so seeded its history). */
  created: boolean
}

/** What a demo seeding made: who signs in, the organizations (the main one first), the history it played, claim links it knows, and the batches to wait for. */
export interface DemoSeed {
  org: { id: string; slug: string }
  email: string
  password: string
  apiKey: string
  achievements: string[]
  orgs: DemoSeedOrg[]
  /** Claim URLs of the credentials this run issued and left unclaimed, by credential id. */
  claimUrls: Record<string, string>
  /** What the history added: counts of each kind of event, and its first and last day. */
  history: { from: string; to: string; issued: number; claimed: number; verified: number; revoked: number; suspended: number }
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

/** A demo organization, created with its key and logo on the first run and reused after (refused when someone else's organization has its slug). */
async function demoOrg(ports: PlatformPorts, userId: string, { profile, logo }: DemoOrg): Promise<{ id: string; slug: string; name: string; created: boolean }> {
  const existing = await ports.store.repos.access.orgBySlug(profile.slug)
  if (existing) {
    if (!(await ports.store.repos.access.roleOf(existing.id, userId)))
      throw new PlatformError('ERR_CONFLICT', `An organization "${profile.slug}" exists and ${DEMO_EMAIL} is not its member; the demo will not touch it`)
    return { id: existing.id, slug: existing.slug, name: profile.name, created: false }
  }
  const org = await createOrg(ports, { userId, input: { ...profile } })
  await setOrgLogo(ports, { orgId: org.id, logo: ports.media.checkImage(new TextEncoder().encode(demoLogoSvg(logo)), 'image/svg+xml') })
  return { id: org.id, slug: org.slug, name: org.name, created: true }
}

/** The organization's demo achievements, published, each with its designed badge (as SVG, or rendered to PNG); existing ones (by name) are reused. */
async function demoAchievements(ports: PlatformPorts, orgId: string, { achievements }: DemoOrg): Promise<string[]> {
  const { items } = await listAchievements(ports, orgId, { state: 'published', limit: 100 })
  const ids: string[] = []
  for (const { definition, design, image: format } of achievements) {
    const found = items.find((a) => a.name === definition.name)
    if (found) {
      ids.push(found.id)
      continue
    }
    const svg = ports.media.designBadge(design)
    const checked = format === 'png' ? ports.media.checkImage(ports.media.svgToPng(svg, { size: 512 }), 'image/png') : ports.media.checkImage(new TextEncoder().encode(svg), 'image/svg+xml')
    const image = await saveImage(ports, orgId, checked)
    const draft = await createAchievement(ports, { orgId, definition, imageId: image.id })
    ids.push((await publishAchievement(ports, orgId, draft.id)).id)
  }
  return ids
}

/**
 * Plays the last {@link DEMO_HISTORY_DAYS} days of `orgs` (the organizations this run created)
 * through the use cases, each at the moment it happened. Returns the claim URLs of credentials left
 * unclaimed, and what happened.
 */
async function playHistory(ports: PlatformPorts, orgs: readonly { id: string; demo: DemoOrg; achievements: string[] }[]): Promise<Pick<DemoSeed, 'claimUrls' | 'history'>> {
  const now = ports.clock.now()
  const at = (when: Date): PlatformPorts => ({ ...ports, clock: { now: () => when } })
  const plan = planActivity({ now, orgs: orgs.map((o) => ({ pace: o.demo.pace, achievements: o.achievements.length })), learners: DEMO_LEARNER_COUNT })
  // What the history issued: the id, the claim token, and whether it still verifies (not revoked or suspended).
  const issued: { id: string; token: string; standing: boolean }[] = []
  const claimUrls: Record<string, string> = {}
  const history = { from: new Date(now.getTime() - (DEMO_HISTORY_DAYS - 1) * DAY).toISOString().slice(0, 10), to: now.toISOString().slice(0, 10), issued: 0, claimed: 0, verified: 0, revoked: 0, suspended: 0 }
  for (const event of plan.events) {
    const planned = plan.credentials[event.credential]!
    const org = orgs[planned.org]!
    const then = at(event.at)
    if (event.kind === 'issue') {
      const token = ports.random.token(32)
      const view = await issueOne(then, { orgId: org.id, achievementId: org.achievements[planned.achievement]!, recipient: demoLearner(planned.learner) }, { claimToken: token })
      issued[event.credential] = { id: view.id, token, standing: true }
      claimUrls[view.id] = `${ports.publicUrl}/claim/${token}`
      history.issued++
      continue
    }
    const credential = issued[event.credential]!
    if (event.kind === 'claim') {
      await acceptClaim(then, { token: credential.token, showName: planned.showName })
      delete claimUrls[credential.id]
      history.claimed++
    } else if (event.kind === 'verify') {
      await ports.store.repos.credentialViews.recordVerification({ credentialId: credential.id, orgId: org.id, kind: 'verification', verified: credential.standing, at: event.at.toISOString() })
      history.verified++
    } else {
      await changeStatus(then, { orgId: org.id, credentialId: credential.id, action: event.kind, reason: event.reason })
      credential.standing = false
      history[event.kind === 'revoke' ? 'revoked' : 'suspended']++
    }
  }
  return { claimUrls, history }
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

/**
 * Seeds the demo: the user, the organizations (see the file's head), the history of those this
 * run created, and `count` credentials of the main organization (spread over its achievements)
 * queued as batches the runner issues today.
 */
export async function seedDemo(ports: PlatformPorts, { count }: { count: number }): Promise<DemoSeed> {
  const user = await demoUser(ports)
  await seedDemoSkills(ports.store.repos.skills)
  await seedDemoCareer(ports)
  const run = ports.clock.now().toISOString()
  const orgs: (DemoSeedOrg & { demo: DemoOrg })[] = []
  for (const demo of DEMO_ORGS) {
    const org = await demoOrg(ports, user.id, demo)
    const achievements = await demoAchievements(ports, org.id, demo)
    const { secret } = await createApiKey(ports, { orgId: org.id, createdBy: user.id, input: { name: `demo ${run}`, role: 'issuer' } })
    orgs.push({ ...org, apiKey: secret, achievements, demo })
  }
  const { claimUrls, history } = await playHistory(
    ports,
    orgs.filter((o) => o.created),
  )
  const main = orgs[0]!
  const tag = createHash('sha256').update(run).digest('hex').slice(0, 8)
  const batches: string[] = []
  const first = main.achievements.length
  for (let a = 0; a < first; a++) {
    const share = Math.floor(count / first) + (a < count % first ? 1 : 0)
    if (share === 0) continue
    const from = a * Math.ceil(count / first)
    const { batch } = await startBatch(ports, { orgId: main.id, achievementId: main.achievements[a]!, body: cohortCsv(from, share, run), fileName: `demo-${tag}-${a + 1}.csv`, createdBy: user.id })
    batches.push(batch.id)
  }
  return {
    org: { id: main.id, slug: main.slug },
    email: DEMO_EMAIL,
    password: user.password,
    apiKey: main.apiKey,
    achievements: main.achievements,
    orgs: orgs.map(({ demo: _demo, ...org }) => org),
    claimUrls,
    history,
    batches,
  }
}
