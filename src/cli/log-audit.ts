import type { Command } from 'commander'
import { encodeBase64 } from '../core/transparency-log/base64.js'
import { auditLog } from './log-audit-check.js'
import { openRemoteLog } from './log-remote.js'
import { readLogState, writeLogState } from './log-state.js'
import type { CliIo } from './main.js'

/** Options of `emblem log audit` and `emblem log monitor`. */
export interface LogCommandOptions {
  url: string
  key?: string
  state?: string
}

/** Audits the log at `options.url` against the saved state, then saves the new state: what audit and monitor share. */
export async function auditAndSave(options: LogCommandOptions, io: CliIo) {
  const remote = openRemoteLog(options.url, io.services.fetcher())
  const state = options.state === undefined ? undefined : await readLogState(options.state)
  const audited = await auditLog(remote, { ...(options.key === undefined ? {} : { key: options.key }), ...(state ? { state } : {}), warn: io.err })
  if (options.state !== undefined) await writeLogState(options.state, { url: remote.url, key: audited.key, checkpoint: audited.note })
  return audited
}

/**
 * `emblem log audit --url <base>/log [--key <vkey>] [--state FILE]`: verifies the checkpoint, every
 * entry and tile, and consistency with the saved checkpoint, then saves the new one. Exit 1 on any
 * inconsistency, 2 for bad usage or unreadable input.
 */
export function register(log: Command, io: CliIo): void {
  log
    .command('audit')
    .description('download and check a transparency log: signature, entries, tiles, root, consistency with --state')
    .requiredOption('--url <url>', "the log's base URL, e.g. https://badges.example.edu/log")
    .option('--key <vkey>', 'the verifier key the checkpoint must be signed by (default: the one in --state, else the log\'s own, trusted on first use)')
    .option('--state <file>', 'the checkpoint of the previous audit; read, then replaced atomically')
    .action(async (options: LogCommandOptions) => {
      const { checkpoint, previousSize } = await auditAndSave(options, io)
      const since = options.state === undefined ? '' : previousSize === 0 ? '; state saved' : `; consistent with the saved checkpoint of size ${previousSize}`
      io.out(`OK ${checkpoint.origin}: ${checkpoint.size} entries, root ${encodeBase64(checkpoint.root)}${since}\n`)
    })
}
