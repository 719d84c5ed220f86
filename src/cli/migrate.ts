import type { Command } from 'commander'
import type { CliIo } from './main.js'

/** `emblem migrate`: brings the database named by the configuration to the latest schema, then exits. */
export function register(program: Command, io: CliIo): void {
  program
    .command('migrate')
    .description('bring the database (EMBLEM_DATABASE_URL, or SQLite under EMBLEM_DATA_DIR) to the latest schema')
    .action(async () => {
      const { database, dialect } = await io.services.migrate()
      io.out(`Database ${database} (${dialect}) is at the latest schema.\n`)
    })
}
