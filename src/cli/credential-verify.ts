import type { Command } from 'commander'
import { PlatformError } from '../core/errors.js'
import { verifyCredential, type VerifyDeps } from '../core/verification/index.js'
import { loadDocuments } from './credential-documents.js'
import { exitCodeOfReport } from './credential-exit.js'
import { createCliFetcher } from './credential-fetcher.js'
import { openCredentialInput } from './credential-input.js'
import { mapInOrder } from './credential-map-in-order.js'
import { formatReport, reportJson } from './credential-report.js'
import type { CliIo } from './main.js'

interface VerifyOptions {
  json?: boolean
  now?: string
  document: string[]
  offline?: boolean
}

const collect = (value: string, previous: string[]): string[] => [...previous, value]

/**
 * `emblem credential verify [FILE|-]`: verifies a credential (JSON or compact VC-JWT) or many (JSON
 * Lines) and prints a report per credential. Exit 0 when every one verified, 1 when any did not,
 * 2 for bad usage, unreadable input, or input that is not a credential at all (unparsable JSON, an empty file).
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
    .action(async (file: string, options: VerifyOptions) => {
      const now = options.now === undefined ? new Date() : new Date(options.now)
      if (options.now !== undefined && (Number.isNaN(now.getTime()) || !/^\d{4}-\d{2}-\d{2}/.test(options.now)))
        throw new PlatformError('ERR_INPUT_INVALID', `--now must be an ISO date-time such as 2026-01-31T12:00:00Z; got ${options.now}`)
      const documents = await loadDocuments(options.document, io)
      const deps: VerifyDeps = { now, documents, ...(options.offline ? {} : { fetcher: createCliFetcher(io.services.fetcher) }) }
      const input = await openCredentialInput(file, io)
      const asJson = options.json === true || input.format === 'lines'

      let exitCode = 0
      await mapInOrder(
        input.records,
        ({ text }) => verifyCredential(text, deps),
        (report) => {
          io.out(asJson ? `${reportJson(report)}\n` : formatReport(report))
          exitCode = Math.max(exitCode, exitCodeOfReport(report))
          if (exitCode > 0) io.setExitCode(exitCode)
        },
      )
    })
}
