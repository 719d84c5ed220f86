import type { Command } from 'commander'
import { loadConfig } from '../config.js'
import { openMigratedStore } from '../main.js'
import { isPostgresUrl } from '../store/index.js'
import type { CliIo } from './main.js'

/** Where the store is, without any password a PostgreSQL URL carries. */
const describeDatabase = (url: string): string => (isPostgresUrl(url) ? url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@') : url)

/** `emblem migrate`: brings the database named by the configuration to the latest schema, then exits. */
export function register(program: Command, io: CliIo): void {
  program
    .command('migrate')
    .description('bring the database (EMBLEM_DATABASE_URL, or SQLite under EMBLEM_DATA_DIR) to the latest schema')
    .action(async () => {
      const config = loadConfig()
      const store = await openMigratedStore(config)
      await store.close()
      io.out(`Database ${describeDatabase(config.databaseUrl)} (${store.dialect}) is at the latest schema.\n`)
    })
}
