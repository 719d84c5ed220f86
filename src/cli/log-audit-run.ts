// The work of `emblem log audit` and `emblem log monitor`, loaded when one of them runs.
import { PlatformError } from '../core/errors.js'
import { auditLog } from './log-audit-check.js'
import type { LogCommandOptions } from './log-audit.js'
import { openRemoteLog } from './log-remote.js'
import { readLogState, writeLogState } from './log-state.js'
import type { CliIo } from './main.js'

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
export async function auditAndSave(options: LogCommandOptions, io: CliIo, { saveState = true }: { saveState?: boolean } = {}) {
  const fetcher = io.services.fetcher({ http: options.allowHttp === true, privateAddresses: options.allowPrivate === true })
  const remote = openRemoteLog(options.url, fetcher)
  const state = options.state === undefined ? undefined : await readLogState(options.state)
  const audited = await auditLog(remote, { ...(options.key === undefined ? {} : { key: options.key }), ...(state ? { state } : {}), warn: io.err }).catch((err: unknown) => {
    throw explainBlocked(err, options)
  })
  if (options.state !== undefined && saveState) await writeLogState(options.state, { url: remote.url, key: audited.key, checkpoint: audited.note })
  return audited
}

/** Saves a state file (what `auditAndSave` does after an audit; the witness does it once its cosignature is accepted). */
auditAndSave.saveState = writeLogState
