import type { Command } from 'commander'
import { withLocalAccess, type LogCommandOptions } from './log-audit.js'
import type { CliIo } from './main.js'

interface WitnessOptions extends Omit<LogCommandOptions, 'url'> {
  log?: string
  logKey?: string
  newKey?: string
}

/**
 * `emblem log witness --log <base>/log --key <witness key file> --state FILE [--log-key VKEY]`: one
 * witness round. Audits the log (its checkpoint's signature, every entry and tile, consistency with
 * the checkpoint it cosigned last, kept in --state), cosigns the checkpoint (C2SP tlog-cosignature,
 * cosignature/v1) and posts the line to `<log>/cosignatures`. A forked or shrunk log is refused
 * (exit 1) and nothing is cosigned. `--new-key <name>` writes a witness key to --key instead and
 * prints its verifier key (what the log's operator puts in EMBLEM_LOG_WITNESSES).
 */
export function register(log: Command, io: CliIo): void {
  const witness = log
    .command('witness')
    .description('witness a transparency log: audit it, check it extends what was cosigned last (--state), cosign the checkpoint and post it to the log')
    .option('--log <url>', "the log's base URL, e.g. https://badges.example.edu/log")
    .requiredOption('--key <file>', "the witness's private key file (made by --new-key)")
    .option('--state <file>', 'the checkpoint cosigned last; read, then replaced once the new cosignature is accepted')
    .option('--log-key <vkey>', "the log's verifier key (default: the one in --state, else the log's own, trusted on first use)")
    .option('--new-key <name>', 'write a new witness key named NAME to --key (mode 0600) and print its verifier key')
  withLocalAccess(witness).action(async (options: WitnessOptions) => {
    const run = await import('./log-witness-run.js')
    if (options.newKey !== undefined) {
      io.out(`${await run.newWitnessKey(options.newKey, options.key!)}\n`)
      io.err(`Wrote the witness key to ${options.key} (mode 0600). Give the verifier key above to the log's operator (EMBLEM_LOG_WITNESSES).\n`)
      return
    }
    if (options.log === undefined) throw witness.error('error: --log <url> is required to witness a log', { exitCode: 2 })
    const done = await run.witnessOnce({ ...options, log: options.log }, io)
    io.out(`Cosigned ${done.origin} at ${done.size} entries as ${done.witness}${done.previousSize > 0 ? `; consistent with the cosigned checkpoint of size ${done.previousSize}` : ''}\n`)
  })
}
