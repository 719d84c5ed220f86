import type { Command } from 'commander'
import { withLocalAccess, type LogCommandOptions } from './log-audit.js'
import type { CliIo } from './main.js'

interface MonitorOptions extends LogCommandOptions {
  issuer: string
  json?: boolean
}

/**
 * `emblem log monitor --url <base>/log --issuer <id> [--state FILE] [--json]`: audits the log as
 * `log audit` does, then lists the credentials logged in the issuer's name since the saved state.
 */
export function register(log: Command, io: CliIo): void {
  withLocalAccess(log.command('monitor'))
    .description("audit a transparency log, then list the credentials logged in an issuer's name since --state")
    .requiredOption('--url <url>', "the log's base URL, e.g. https://badges.example.edu/log")
    .requiredOption('--issuer <id>', 'the issuer id to watch, e.g. did:web:badges.example.edu:orgs:demo')
    .option('--key <vkey>', 'the verifier key the checkpoint must be signed by')
    .option('--state <file>', 'the checkpoint of the previous run; read, then replaced atomically')
    .option('--json', 'one JSON object per line: index, credential, issuer, issued, digest')
    .action(async (options: MonitorOptions) => {
      const { auditAndSave } = await import('./log-audit-run.js')
      const { entries, previousSize } = await auditAndSave(options, io)
      for (let index = previousSize; index < entries.length; index++) {
        const entry = entries[index]!
        if (entry.issuer !== options.issuer) continue
        io.out(options.json ? `${JSON.stringify({ index, ...entry })}\n` : `${index}\t${entry.issued}\t${entry.credential}\n`)
      }
    })
}
