import type { Command } from 'commander'
import type { DemoSeed } from '../app/demo/seed-demo.js'
import type { Platform } from '../app/platform/platform.js'
import { PlatformError } from '../core/errors.js'
import type { CliIo } from './main.js'

/** A credential as `emblem demo --json` lists it; `claimUrl` only while unclaimed and only when this run issued it (the link is in no store). */
export interface DemoCredential {
  id: string
  achievementId: string
  state: 'active' | 'revoked' | 'suspended'
  claimed: boolean
  issuedAt: string
  recipient: { email: string; name: string }
  page: string
  claimUrl?: string
}

/** An organization as `emblem demo --json` lists it. */
export interface DemoOrgSummary {
  id: string
  slug: string
  name: string
  /** A fresh issuer API key of this organization. */
  apiKey: string
  /** Its achievements' ids, in the demo's order. */
  achievements: string[]
  /** Its credentials, newest first (at most {@link MAX_LISTED} of them). */
  credentials: DemoCredential[]
}

/** What `emblem demo --json` prints: the main organization's slug, key and achievements at the top (as before), then every organization, the learners and what the history added. */
export interface DemoSummary {
  url: string
  org: string
  apiKey: string
  email: string
  password: string
  achievements: string[]
  /** How many credentials this run queued through the bulk path (`--credentials`). */
  credentials: number
  orgs: DemoOrgSummary[]
  /** Every learner holding a demo credential, by e-mail. */
  learners: { email: string; name: string }[]
  /** What this run's history added (all zero on a re-run: the history is seeded once). */
  history: DemoSeed['history']
  /** The demo learner: signs in with these; their wallet holds the main organization's credentials and one imported from External Academy. */
  learner?: { email: string; password: string; handle: string }
  /** The employer side: a member of the employer organization, and the opted-in learners' handles. */
  employer?: { email: string; password: string; org: string; learners: string[] }
}

const MAX_CREDENTIALS = 1_000_000
/** Most credentials listed per organization in `--json` (the newest). */
const MAX_LISTED = 5000

/** The organization's credentials, newest first, at most {@link MAX_LISTED}, with the claim URLs the seed knows. */
async function credentialsOf(platform: Platform, orgId: string, claimUrls: Record<string, string>): Promise<DemoCredential[]> {
  const listed: DemoCredential[] = []
  let cursor: string | undefined
  do {
    const page = await platform.issuance.list(orgId, { limit: 200, cursor })
    for (const c of page.items) {
      const claimUrl = c.claimed ? undefined : claimUrls[c.id]
      listed.push({ id: c.id, achievementId: c.achievementId, state: c.state, claimed: c.claimed, issuedAt: c.issuedAt, recipient: c.recipient, page: c.links.page, ...(claimUrl ? { claimUrl } : {}) })
    }
    cursor = page.nextCursor
  } while (cursor && listed.length < MAX_LISTED)
  return listed.slice(0, MAX_LISTED)
}

/**
 * Seeds the demo (platform.demo.seed: a verified user, four organizations with logos, the demo
 * skills, published achievements with designed badges, an API key each, 90 days of history for the
 * organizations it creates, and `count` credentials queued as CSV batches), waits until the batch
 * runner has issued them and the log is signed over them, then lists what there is.
 */
async function runDemo(count: number, io: CliIo, json: boolean): Promise<DemoSummary> {
  return io.services.withPlatform(
    async ({ platform, settleBatches, settleLog, fetchLocal }) => {
      if (!json) io.err('Seeding the demo organizations and their last 90 days…\n')
      const seed = await platform.demo.seed({ count })
      if (!json && count > 0) io.err(`Issuing ${count.toLocaleString('en')} credentials…\n`)
      await settleBatches()
      for (const id of seed.batches) {
        const { batch } = await platform.issuance.batch(seed.org.id, id)
        if (batch.state !== 'done') throw new PlatformError('ERR_STATE_INVALID', `Demo batch ${id} ended ${batch.state}: ${batch.error ?? 'see the batch page'}`)
      }
      const main = seed.orgs[0]!
      const learner = fetchLocal ? await platform.demo.seedLearner({ id: main.id, achievements: main.achievements }, fetchLocal) : undefined
      const employer = fetchLocal ? await platform.demo.seedTalent(seed.orgs, fetchLocal, learner?.handle) : undefined
      await platform.programs.seedDemo(main.id)
      await platform.pathways.seedDemo(seed.orgs)
      await settleLog()
      const orgs: DemoOrgSummary[] = []
      for (const org of seed.orgs) {
        orgs.push({ id: org.id, slug: org.slug, name: org.name, apiKey: org.apiKey, achievements: org.achievements, credentials: await credentialsOf(platform, org.id, seed.claimUrls) })
      }
      const learners = new Map(orgs.flatMap((o) => o.credentials.map((c) => [c.recipient.email, c.recipient] as const)))
      return {
        url: platform.publicUrl,
        org: seed.org.slug,
        apiKey: seed.apiKey,
        email: seed.email,
        password: seed.password,
        achievements: seed.achievements,
        credentials: count,
        orgs,
        learners: [...learners.values()].sort((a, b) => a.email.localeCompare(b.email)),
        history: seed.history,
        ...(learner ? { learner: { email: learner.email, password: learner.password, handle: learner.handle } } : {}),
        ...(employer ? { employer } : {}),
      }
    },
    { workers: true, quiet: json },
  )
}

/** `emblem demo [--credentials N] [--json]`: seeds the demo organizations and prints how to sign in. */
export function register(program: Command, io: CliIo): void {
  program
    .command('demo')
    .description('seed four demo organizations (achievements, skills, learners, 90 days of activity) and print how to sign in and their API keys')
    .option('--credentials <n>', 'how many more credentials the main organization issues today through the bulk path', '6')
    .option('--json', 'print {"org","apiKey","email","password","achievements","orgs":[…],"learners":[…],"history":{…},…} as JSON')
    .action(async (options: { credentials: string; json?: boolean }) => {
      const count = /^\d{1,7}$/.test(options.credentials) ? Number(options.credentials) : NaN
      if (!(count >= 0 && count <= MAX_CREDENTIALS))
        throw new PlatformError('ERR_INPUT_INVALID', `--credentials must be a whole number from 0 to ${MAX_CREDENTIALS.toLocaleString('en')}, got ${JSON.stringify(options.credentials)}`)
      const summary = await runDemo(count, io, options.json === true)
      if (options.json) {
        io.out(`${JSON.stringify(summary)}\n`)
        return
      }
      const { history } = summary
      const width = Math.max(...summary.orgs.map((o) => o.slug.length))
      io.out(
        [
          `${summary.orgs.length} demo organizations are ready; ${summary.orgs[0]?.name ?? summary.org} issued ${count.toLocaleString('en')} more credentials today through the bulk path.`,
          history.issued > 0
            ? `Their history (${history.from} to ${history.to}): ${history.issued} issued, ${history.claimed} claimed, ${history.verified} verifications, ${history.revoked} revoked, ${history.suspended} suspended.`
            : 'Their history was seeded on the first run and is kept.',
          '',
          `  Start the server:  npm start`,
          `  Sign in:           ${summary.url}/sign-in`,
          `  E-mail:            ${summary.email}`,
          `  Password:          ${summary.password}`,
          `  Dashboard:         ${summary.url}/orgs/${summary.org}/dashboard`,
          '',
          '  Organizations and their API keys (issuer):',
          ...summary.orgs.map((o) => `    ${o.slug.padEnd(width)}  ${o.credentials.length.toLocaleString('en').padStart(6)} credentials  ${o.apiKey}`),
          '',
          `  Try the API:       curl -H "Authorization: Bearer ${summary.apiKey}" ${summary.url}/api/v1/orgs/${summary.org}/credentials`,
          '',
          ...(summary.employer ? [`  Employer:          ${summary.employer.email} / ${summary.employer.password}  →  ${summary.url}/employers/search?org=${summary.employer.org}`, ''] : []),
          'The password and API keys are shown once; run `emblem demo` again for new ones.',
          '',
        ].join('\n'),
      )
    })
}
