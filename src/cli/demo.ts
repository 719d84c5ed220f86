import type { Command } from 'commander'
import { PlatformError } from '../core/errors.js'
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

const MAX_CREDENTIALS = 1_000_000

/**
 * Seeds the demo (platform.demo.seed: a verified user, the organization `demo` with its key, the
 * demo skills, three published achievements with designed badges, an API key and `count`
 * credentials queued as CSV batches), waits until the batch runner has issued them and the log is
 * signed over them.
 */
async function runDemo(count: number, io: CliIo, json: boolean): Promise<DemoSummary> {
  return io.services.withPlatform(
    async ({ platform, settleBatches, settleLog }) => {
      const seed = await platform.demo.seed({ count })
      if (!json && count > 0) io.err(`Issuing ${count.toLocaleString('en')} credentials…\n`)
      await settleBatches()
      for (const id of seed.batches) {
        const { batch } = await platform.issuance.batch(seed.org.id, id)
        if (batch.state !== 'done') throw new PlatformError('ERR_STATE_INVALID', `Demo batch ${id} ended ${batch.state}: ${batch.error ?? 'see the batch page'}`)
      }
      await settleLog()
      return { url: platform.publicUrl, org: seed.org.slug, apiKey: seed.apiKey, email: seed.email, password: seed.password, achievements: seed.achievements, credentials: count }
    },
    { workers: true, quiet: json },
  )
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
