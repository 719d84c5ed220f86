import type { Command } from 'commander'
import { loadConfig } from '../config.js'
import { serveUntilStopped } from '../main.js'
import type { CliIo } from './main.js'

/** `emblem serve [--port N]`: runs the server until SIGINT or SIGTERM. */
export function register(program: Command, _io: CliIo): void {
  program
    .command('serve')
    .description('run the web server (configuration from EMBLEM_* environment variables; see README)')
    .option('-p, --port <port>', 'port to listen on (overrides PORT)')
    .action(async (options: { port?: string }) => {
      await serveUntilStopped(loadConfig(options.port === undefined ? {} : { PORT: options.port }))
    })
}
