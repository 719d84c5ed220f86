// The work of `emblem log witness`, loaded when it runs.
import { randomBytes } from 'node:crypto'
import { readFile, writeFile } from 'node:fs/promises'
import { PlatformError } from '../core/errors.js'
import { formatCosignerPrivateKey, parseCosignerPrivateKey, createCosigner } from '../core/transparency-log/index.js'
import { auditAndSave } from './log-audit-run.js'
import type { LogCommandOptions } from './log-audit.js'
import type { CliIo } from './main.js'

/** Writes a new witness key named `name` to `file` (0600, never over an existing file); returns its verifier key. */
export async function newWitnessKey(name: string, file: string): Promise<string> {
  const seed = randomBytes(32)
  const key = createCosigner(name, seed)
  try {
    await writeFile(file, `${formatCosignerPrivateKey(name, seed)}\n`, { mode: 0o600, flag: 'wx' })
  } catch (err) {
    throw new PlatformError('ERR_INPUT_INVALID', `Cannot write ${file}: ${(err as Error).message}`)
  }
  return key.verifierKey
}

/** One witness round: audit, cosign, post; the state is saved only once the log accepted the cosignature. */
export async function witnessOnce(options: Omit<LogCommandOptions, 'url'> & { log: string; key?: string; logKey?: string }, io: CliIo) {
  let keyText: string
  try {
    keyText = await readFile(options.key!, 'utf8')
  } catch (err) {
    throw new PlatformError('ERR_INPUT_INVALID', `Cannot read the witness key ${options.key}: ${(err as Error).message}`)
  }
  const cosigner = parseCosignerPrivateKey(keyText)
  // The audit refuses a log that does not extend the checkpoint in the state (a fork, a rollback): nothing is cosigned then.
  const stateFile = options.state
  const audited = await auditAndSave(
    { url: options.log, ...(options.logKey ? { key: options.logKey } : {}), ...(stateFile ? { state: stateFile } : {}), ...(options.allowHttp ? { allowHttp: true } : {}), ...(options.allowPrivate ? { allowPrivate: true } : {}) },
    io,
    { saveState: false },
  )
  const text = audited.note.slice(0, audited.note.lastIndexOf('\n\n') + 1)
  const line = cosigner.cosign(text, Math.floor(Date.now() / 1000))
  const base = options.log.replace(/\/+$/, '')
  if (!/^https:/i.test(base) && !options.allowHttp) throw new PlatformError('ERR_FETCH_BLOCKED', `${base} is not https; pass --allow-http for a local instance`)
  let res: Response
  try {
    res = await fetch(`${base}/cosignatures`, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify({ size: audited.checkpoint.size, cosignature: line.trimEnd() }) })
  } catch (err) {
    throw new PlatformError('ERR_FETCH_FAILED', `Cannot post the cosignature to ${base}/cosignatures: ${(err as Error).message}`)
  }
  if (res.status !== 201) {
    const detail = ((await res.json().catch(() => ({}))) as { detail?: string }).detail ?? ''
    throw new PlatformError('ERR_FETCH_FAILED', `${base}/cosignatures refused the cosignature (HTTP ${res.status})${detail ? `: ${detail}` : ''}`)
  }
  if (stateFile) await auditAndSave.saveState(stateFile, { url: base, key: audited.key, checkpoint: audited.note })
  return { origin: audited.checkpoint.origin, size: audited.checkpoint.size, witness: cosigner.name, previousSize: audited.previousSize }
}
