import type { Command } from 'commander'
import type { CliIo } from './main.js'

/** The options of `emblem credential verify`. */
export interface VerifyOptions {
  json?: boolean
  now?: string
  document: string[]
  offline?: boolean
  threads?: string
}

const collect = (value: string, previous: string[]): string[] => [...previous, value]

/**
 * `emblem credential verify [FILE|-]`: verifies a credential (JSON or compact VC-JWT) or many (JSON
 * Lines, by a thread per core) and prints a report per credential. Exit 0 when every one verified, 1
 * when any did not, 2 for bad usage or unreadable input.
 */
export function register(credential: Command, io: CliIo): void {
  credential
    .command('verify')
    .description('verify credentials: parse, schema, proof, issuer binding, validity period, status')
    .argument('[file]', 'credential JSON, compact VC-JWT or JSON Lines of them; - for standard input', '-')
    .option('--json', 'print the report as JSON (JSON Lines input always gets JSON Lines reports)')
    .option('--now <iso>', 'verify as of this ISO date-time instead of now')
    .option('-d, --document <file>', 'DID document, issuer Profile or status list credential to use offline (repeatable; JSON or JSON Lines)', collect, [])
    .option('--offline', 'never fetch: use only --document files and did:key')
    .option('--threads <n>', 'threads that verify JSON Lines (default: one per core; 1 verifies in the main thread)')
    .action(async (file: string, options: VerifyOptions) => (await import('./credential-verify-run.js')).runVerify(file, options, io))
}
