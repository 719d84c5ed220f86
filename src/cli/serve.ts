import type { Command } from 'commander'
import type { CliIo } from './main.js'

/** `emblem serve [--port N]`: runs the server until SIGINT or SIGTERM. */
export function register(program: Command, io: CliIo): void {
  program
    .command('serve')
    .description('run the web server (configuration from EMBLEM_* environment variables; see README)')
    .option('-p, --port <port>', 'port to listen on (overrides PORT)')
    .action(async (options: { port?: string }) => {
      await io.services.serve(options.port === undefined ? {} : { port: options.port })
    })
}
