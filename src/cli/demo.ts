import { createHash } from 'node:crypto'
import { Readable } from 'node:stream'
import type { Command } from 'commander'
import { listAchievements } from '../app/achievements/find-achievements.js'
import { createAchievement } from '../app/achievements/edit-achievement.js'
import { publishAchievement } from '../app/achievements/achievement-state.js'
import { saveImage } from '../app/achievements/save-image.js'
import { hashPassword } from '../app/accounts/password-hash.js'
import { createBatch } from '../app/issuance/create-batch.js'
import { createApiKey } from '../app/orgs/api-keys.js'
import { createOrg } from '../app/orgs/create-org.js'
import type { Platform } from '../app/platform/ports.js'
import { seedDemoSkills } from '../app/skills/seed-demo-skills.js'
import { loadConfig } from '../config.js'
import { PlatformError } from '../core/errors.js'
import { createLogger } from '../http/logger.js'
import { saveBatchFile } from '../jobs/batch-files.js'
import { openServices } from '../main.js'
import { checkBadgeImage, designBadgeSvg } from '../media/index.js'
import { DEMO_ACHIEVEMENTS, DEMO_ORG, demoLearner } from './demo-content.js'
import type { CliIo } from './main.js'

/** What `emblem demo --json` prints. */
export interface DemoSummary {
  url: string
  org: string
  apiKey: string
  email: string
  password: string
  achievements: string[]
  credentials: number
}

const DEMO_EMAIL = 'demo@example.org'
const MAX_CREDENTIALS = 1_000_000

/** The demo user (created verified, or given a fresh password when it exists): its id and password. */
async function demoUser(platform: Platform): Promise<{ id: string; password: string }> {
  const { accounts } = platform.store.repos
  const password = platform.random.token(12)
  const passwordHash = await hashPassword(password)
  const existing = await accounts.userByEmail(DEMO_EMAIL)
  const id = existing?.id ?? platform.random.uuid()
  if (existing) await accounts.setPasswordHash(id, passwordHash)
  else await accounts.createUser({ id, email: DEMO_EMAIL, name: 'Demo Administrator', passwordHash })
  await accounts.markEmailVerified(id, platform.clock.now())
  return { id, password }
}

/** The demo organization, created with its key on the first run and reused after. */
async function demoOrg(platform: Platform, userId: string): Promise<{ id: string; slug: string }> {
  const existing = await platform.store.repos.access.orgBySlug(DEMO_ORG.slug)
  if (existing) {
    if (!(await platform.store.repos.access.roleOf(existing.id, userId)))
      throw new PlatformError('ERR_CONFLICT', `An organization "${DEMO_ORG.slug}" exists and ${DEMO_EMAIL} is not its member; the demo will not touch it`)
    return existing
  }
  return createOrg(platform, { userId, input: { ...DEMO_ORG } })
}

/** The demo achievements, published, each with its designed badge; existing ones (by name) are reused. */
async function demoAchievements(platform: Platform, orgId: string): Promise<string[]> {
  const { items } = await listAchievements(platform, orgId, { state: 'published' })
  const ids: string[] = []
  for (const { definition, design } of DEMO_ACHIEVEMENTS) {
    const found = items.find((a) => a.name === definition.name)
    if (found) {
      ids.push(found.id)
      continue
    }
    const image = await saveImage(platform, orgId, checkBadgeImage(new TextEncoder().encode(designBadgeSvg(design)), 'image/svg+xml'))
    const draft = await createAchievement(platform, { orgId, definition, imageId: image.id })
    ids.push((await publishAchievement(platform, orgId, draft.id)).id)
  }
  return ids
}

/** A CSV of `count` learners starting at learner `from`, tagged with the run so a re-run is a new file. */
function* cohortCsv(from: number, count: number, run: string): Generator<Uint8Array> {
  const encoder = new TextEncoder()
  yield encoder.encode('email,name,cohort\r\n')
  for (let i = from; i < from + count; i++) {
    const { name, email } = demoLearner(i)
    yield encoder.encode(`${email},"${name}",${run}\r\n`)
  }
}

/**
 * Seeds the demo: a verified user, the organization `demo` with its key, the demo skills, three
 * published achievements with designed badges, an API key, and `credentials` credentials issued
 * through the real bulk path (a CSV batch per achievement, signed, logged, e-mails queued).
 */
async function runDemo(count: number, io: CliIo, json: boolean): Promise<DemoSummary> {
  const config = loadConfig()
  const services = await openServices(config, createLogger(json ? 'error' : 'warn'))
  try {
    const { platform } = services
    const user = await demoUser(platform)
    const org = await demoOrg(platform, user.id)
    await seedDemoSkills(platform.store.repos.skills)
    const achievements = await demoAchievements(platform, org.id)
    const { secret } = await createApiKey(platform, { orgId: org.id, createdBy: user.id, input: { name: `demo ${platform.clock.now().toISOString()}`, role: 'issuer' } })
    const run = platform.clock.now().toISOString()
    const batches: string[] = []
    for (let a = 0; a < achievements.length; a++) {
      const share = Math.floor(count / achievements.length) + (a < count % achievements.length ? 1 : 0)
      if (share === 0) continue
      const from = a * Math.ceil(count / achievements.length)
      const { digest } = await saveBatchFile(platform.dataDir ?? config.dataDir, Readable.from(cohortCsv(from, share, run)))
      const { batch } = await createBatch(platform, {
        orgId: org.id,
        achievementId: achievements[a]!,
        file: { digest, name: `demo-${createHash('sha256').update(run).digest('hex').slice(0, 8)}-${a + 1}.csv`, totalRows: share },
        createdBy: user.id,
      })
      batches.push(batch.id)
    }
    if (!json && count > 0) io.err(`Issuing ${count.toLocaleString('en')} credentials…\n`)
    await services.batches.settled()
    for (const id of batches) {
      const batch = await platform.store.repos.batches.get(org.id, id)
      if (batch?.state !== 'done') throw new PlatformError('ERR_STATE_INVALID', `Demo batch ${id} ended ${batch?.state ?? 'missing'}: ${batch?.error ?? 'see the batch page'}`)
    }
    services.checkpointer.notify()
    await services.checkpointer.settled()
    return { url: config.publicUrl, org: org.slug, apiKey: secret, email: DEMO_EMAIL, password: user.password, achievements, credentials: count }
  } finally {
    await services.close()
  }
}

/** `emblem demo [--credentials N] [--json]`: seeds a demo organization and prints how to sign in. */
export function register(program: Command, io: CliIo): void {
  program
    .command('demo')
    .description('seed a demo organization (achievements, skills, learners, credentials) and print how to sign in and an API key')
    .option('--credentials <n>', 'how many credentials to issue', '25')
    .option('--json', 'print {"org","apiKey","email","password","achievements",…} as JSON')
    .action(async (options: { credentials: string; json?: boolean }) => {
      const count = /^\d{1,7}$/.test(options.credentials) ? Number(options.credentials) : NaN
      if (!(count >= 0 && count <= MAX_CREDENTIALS))
        throw new PlatformError('ERR_INPUT_INVALID', `--credentials must be a whole number from 0 to ${MAX_CREDENTIALS.toLocaleString('en')}, got ${JSON.stringify(options.credentials)}`)
      const summary = await runDemo(count, io, options.json === true)
      if (options.json) {
        io.out(`${JSON.stringify(summary)}\n`)
        return
      }
      io.out(
        [
          `Demo organization "${summary.org}" is ready with ${summary.achievements.length} achievements and ${count.toLocaleString('en')} new credentials.`,
          '',
          `  Start the server:  npm start`,
          `  Sign in:           ${summary.url}/sign-in`,
          `  E-mail:            ${summary.email}`,
          `  Password:          ${summary.password}`,
          `  Dashboard:         ${summary.url}/orgs/${summary.org}/dashboard`,
          `  API key (issuer):  ${summary.apiKey}`,
          '',
          `  Try the API:       curl -H "Authorization: Bearer ${summary.apiKey}" ${summary.url}/api/v1/orgs/${summary.org}/credentials`,
          '',
          'The password and API key are shown once; run `emblem demo` again for new ones.',
          '',
        ].join('\n'),
      )
    })
}
