import type { Command } from 'commander'
import { PlatformError } from '../core/errors.js'
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

/** A refused fetch, with what would allow it: the flags (and variables) for a local instance. */
function explainBlocked(err: unknown, options: LogCommandOptions): unknown {
  if (!(err instanceof PlatformError) || err.code !== 'ERR_FETCH_BLOCKED') return err
  const hints = [
    ...(/only https/.test(err.message) && !options.allowHttp ? ['--allow-http (or EMBLEM_FETCH_ALLOW_HTTP=true)'] : []),
    ...(/loopback|private|link-local|reserved|unspecified/.test(err.message) && !options.allowPrivate ? ['--allow-private (or EMBLEM_FETCH_ALLOW_PRIVATE=true)'] : []),
  ]
  if (hints.length === 0) return err
  return new PlatformError('ERR_FETCH_BLOCKED', `${err.message}. To audit a local instance, pass ${hints.join(' and ')}`, { cause: err })
}

/** Audits the log at `options.url` against the saved state, then saves the new state: what audit and monitor share. */
export async function auditAndSave(options: LogCommandOptions, io: CliIo) {
  const fetcher = io.services.fetcher({ http: options.allowHttp === true, privateAddresses: options.allowPrivate === true })
  const remote = openRemoteLog(options.url, fetcher)
  const state = options.state === undefined ? undefined : await readLogState(options.state)
  const audited = await auditLog(remote, { ...(options.key === undefined ? {} : { key: options.key }), ...(state ? { state } : {}), warn: io.err }).catch((err: unknown) => {
    throw explainBlocked(err, options)
  })
  if (options.state !== undefined) await writeLogState(options.state, { url: remote.url, key: audited.key, checkpoint: audited.note })
  return audited
}

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
    const { checkpoint, previousSize } = await auditAndSave(options, io)
    const since = options.state === undefined ? '' : previousSize === 0 ? '; state saved' : `; consistent with the saved checkpoint of size ${previousSize}`
    io.out(`OK ${checkpoint.origin}: ${checkpoint.size} entries, root ${encodeBase64(checkpoint.root)}${since}\n`)
  })
}
