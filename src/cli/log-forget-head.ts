import type { Command } from 'commander'
import type { CliIo } from './main.js'

/**
 * `emblem log forget-head --yes`: the operator's way out after a restore of an older backup they
 * really mean to keep. Removes the log's high-water mark (`<data dir>/log-head`), so that the next
 * `emblem serve` accepts the database's (shorter or forked) log and records its latest checkpoint.
 * Without --yes it explains and exits 2.
 */
export function register(log: Command, io: CliIo): void {
  log
    .command('forget-head')
    .description("forget the log's high-water mark (<data dir>/log-head) so that the server accepts a log restored from an older backup; monitors and witnesses will report the rollback")
    .option('--yes', 'yes, the log really goes back (required)')
    .action(async (options: { yes?: boolean }) => {
      if (options.yes !== true) {
        io.err(
          'emblem: emblem log forget-head makes the server accept a transparency log that is shorter than, or forked from, the last checkpoint it published.\n' +
            'Every credential logged after that point leaves the log, and monitors and witnesses that saw the larger log will report the rollback.\n' +
            'Restore the newest backup if you can; if going back is really meant, run `emblem log forget-head --yes` (docs/OPERATIONS.md#the-server-refuses-a-rewound-log).\n',
        )
        io.setExitCode(2)
        return
      }
      const forgotten = await io.services.forgetLogHead()
      if (!forgotten.forgotten) {
        io.out(`There is no high-water mark at ${forgotten.location}: nothing to forget.\n`)
        return
      }
      const held = forgotten.checkpoint ? `${forgotten.checkpoint.size} entries of ${forgotten.checkpoint.origin}` : 'an unreadable checkpoint'
      io.out(`Forgot the log's high-water mark ${forgotten.location} (${held}).\n`)
      io.err(
        'The next emblem serve accepts the database\'s log as it is and records its latest checkpoint. ' +
          'Monitors and witnesses that saw the larger log will report the rollback or fork: tell their operators, ' +
          'and re-issue the credentials logged after the backup (docs/OPERATIONS.md#the-server-refuses-a-rewound-log).\n',
      )
    })
}
