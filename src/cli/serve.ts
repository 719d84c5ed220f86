import { Option, type Command } from 'commander'
import type { CliIo } from './main.js'

/** `emblem serve [--port N] [--role web|worker|all]`: runs the server, the background jobs, or both, until SIGINT or SIGTERM. */
export function register(program: Command, io: CliIo): void {
  program
    .command('serve')
    .description('run the web server and/or the background jobs (configuration from EMBLEM_* environment variables; see README)')
    .option('-p, --port <port>', 'port to listen on (overrides PORT); a worker serves only /healthz, /readyz and /metrics there')
    .addOption(
      new Option('--role <role>', 'web: HTTP only, no background jobs; worker: background jobs only (batches, checkpoints, e-mail, webhooks); all: both')
        .choices(['web', 'worker', 'all'])
        .default('all'),
    )
    .action(async (options: { port?: string; role: 'web' | 'worker' | 'all' }) => {
      await io.services.serve({ ...(options.port === undefined ? {} : { port: options.port }), role: options.role })
    })
}
