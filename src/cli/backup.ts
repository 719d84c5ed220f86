import type { Command } from 'commander'
import type { CliIo } from './main.js'

/**
 * `emblem backup <file>` and `emblem restore <file>`: a consistent copy of the SQLite database (and
 * the sealed log key and batch files it needs) while the server runs, and its restore into an
 * empty data directory. On PostgreSQL both print the pg_dump / pg_restore procedure and exit 2.
 * The master key is never in a backup (docs/OPERATIONS.md#backup-and-restore).
 */
export function register(program: Command, io: CliIo): void {
  program
    .command('backup')
    .description('copy the SQLite database, the sealed log key and batch files into FILE while the server runs (not the master key)')
    .argument('<file>', 'the backup file to write (refused if it exists, unless --force)')
    .option('-f, --force', 'replace FILE if it exists')
    .action(async (file: string, options: { force?: boolean }) => {
      const summary = await io.services.backup(file, { force: options.force === true })
      io.out(`Backed up ${summary.credentials} credentials and ${summary.logEntries} log entries (schema ${summary.migration}) to ${file}, ${summary.bytes} bytes.\n`)
      io.err('The master key is not in the backup: keep it apart (docs/OPERATIONS.md#backup-and-restore).\n')
    })
  program
    .command('restore')
    .description('restore a backup made by emblem backup into the data directory (EMBLEM_DATA_DIR), which must be empty but for master.key')
    .argument('<file>', 'the backup file')
    .option('-f, --force', 'replace the database of a data directory that is not empty')
    .action(async (file: string, options: { force?: boolean }) => {
      const summary = await io.services.restore(file, { force: options.force === true })
      io.out(`Restored ${summary.credentials} credentials and ${summary.logEntries} log entries (schema ${summary.migration}) into ${summary.database}.\n`)
      io.err(
        'Start the server with the master key the backup was made under. If this data directory signed a larger log (its log-head), emblem serve refuses the older one; ' +
          'log monitors and witnesses that saw a larger checkpoint will report the rollback: see docs/OPERATIONS.md#backup-and-restore.\n',
      )
    })
}
