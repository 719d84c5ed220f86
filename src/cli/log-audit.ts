import type { Command } from 'commander'
import { encodeBase64 } from '../core/transparency-log/base64.js'
import type { CliIo } from './main.js'

/** Options of `emblem log audit` and `emblem log monitor`. */
export interface LogCommandOptions {
  url: string
  key?: string
  state?: string
  /** Let the audit use plain http (a local instance). */
  allowHttp?: boolean
  /** Let the audit reach loopback and private addresses (a local instance). */
  allowPrivate?: boolean
}

/** Adds the options that let `audit` and `monitor` read a local instance (http://127.0.0.1). */
export const withLocalAccess = (command: Command): Command =>
  command
    .option('--allow-http', 'allow a plain http:// log URL (a local or test instance; same as EMBLEM_FETCH_ALLOW_HTTP=true)')
    .option('--allow-private', 'allow a loopback or private address such as 127.0.0.1 (same as EMBLEM_FETCH_ALLOW_PRIVATE=true)')

/**
 * `emblem log audit --url <base>/log [--key <vkey>] [--state FILE] [--allow-http] [--allow-private]`: verifies the checkpoint, every
 * entry and tile, and consistency with the saved checkpoint, then saves the new one. Exit 1 on any
 * inconsistency, 2 for bad usage or unreadable input.
 */
export function register(log: Command, io: CliIo): void {
  const audit = log
    .command('audit')
    .description('download and check a transparency log: signature, entries, tiles, root, consistency with --state')
    .requiredOption('--url <url>', "the log's base URL, e.g. https://badges.example.edu/log")
    .option('--key <vkey>', 'the verifier key the checkpoint must be signed by (default: the one in --state, else the log\'s own, trusted on first use)')
    .option('--state <file>', 'the checkpoint of the previous audit; read, then replaced atomically')
  withLocalAccess(audit).action(async (options: LogCommandOptions) => {
    const { auditAndSave } = await import('./log-audit-run.js')
    const { checkpoint, previousSize } = await auditAndSave(options, io)
    const since = options.state === undefined ? '' : previousSize === 0 ? '; state saved' : `; consistent with the saved checkpoint of size ${previousSize}`
    io.out(`OK ${checkpoint.origin}: ${checkpoint.size} entries, root ${encodeBase64(checkpoint.root)}${since}\n`)
  })
}
