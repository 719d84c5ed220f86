import { Option, type Command } from 'commander'
import { SUITES, type Suite } from './credential-lines.js'
import type { CliIo } from './main.js'
import { withoutServices } from './offline.js'

/** The options of `emblem credential sign`. */
export interface SignOptions {
  key: string
  suite: Suite
  verificationMethod?: string
  created?: string
  threads?: string
}

/**
 * `emblem credential sign [FILE|-] --key FILE`: adds a Data Integrity proof (or wraps in a VC-JWT) and
 * prints the result. JSON Lines in, JSON Lines out, in order (signed by a thread per core); a line
 * that cannot be signed is reported on stderr with its line number and makes the exit code 1.
 */
export function register(credential: Command, io: CliIo): void {
  withoutServices(credential.command('sign'))
    .description('sign a credential (JSON) or many (JSON Lines) with an Ed25519 Multikey key file')
    .argument('[file]', 'credential JSON or JSON Lines; - for standard input', '-')
    .requiredOption('-k, --key <file>', 'Multikey JSON key file with secretKeyMultibase (see `emblem keys generate`)')
    .addOption(new Option('-s, --suite <suite>', 'proof format').choices(SUITES).default('eddsa-rdfc-2022'))
    .option('--verification-method <id>', "the key's URL in proofs (default: the key file's id, else its did:key)")
    .option('--created <iso>', 'proof creation time, an ISO date-time with a time zone (default: now)')
    .option('--threads <n>', 'threads that sign JSON Lines (default: one per core; 1 signs in the main thread)')
    .action(async (file: string, options: SignOptions) => (await import('./credential-sign-run.js')).runSign(file, options, io))
}
