import { randomBytes } from 'node:crypto'
import { readFile, rename, rm, writeFile } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { PlatformError } from '../core/errors.js'

/** What an auditor or monitor remembers between runs: the last checkpoint it verified, and the key it verified it with. */
export interface LogState {
  /** The log's base URL, for the reader of the file. */
  url: string
  /** C2SP verifier key string. */
  key: string
  /** The whole signed note of the checkpoint. */
  checkpoint: string
}

/** Reads a state file; undefined when it does not exist yet. `ERR_INPUT_INVALID` when it is unreadable or malformed. */
export async function readLogState(file: string): Promise<LogState | undefined> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw new PlatformError('ERR_INPUT_INVALID', `Cannot read the state file ${file}: ${(err as Error).message}`)
  }
  let state: Partial<LogState>
  try {
    state = JSON.parse(text) as Partial<LogState>
  } catch {
    throw new PlatformError('ERR_INPUT_INVALID', `The state file ${file} is not JSON`)
  }
  if (typeof state !== 'object' || state === null || typeof state.key !== 'string' || typeof state.checkpoint !== 'string') {
    throw new PlatformError('ERR_INPUT_INVALID', `The state file ${file} lacks a key and a checkpoint`)
  }
  return { url: typeof state.url === 'string' ? state.url : '', key: state.key, checkpoint: state.checkpoint }
}

/** Writes a state file atomically: a temporary file beside it, then a rename over it. */
export async function writeLogState(file: string, state: LogState): Promise<void> {
  const temporary = join(dirname(file), `.${basename(file)}.${randomBytes(6).toString('hex')}.tmp`)
  try {
    await writeFile(temporary, `${JSON.stringify(state, null, 2)}\n`, { flag: 'wx' })
    await rename(temporary, file)
  } catch (err) {
    await rm(temporary, { force: true })
    throw new PlatformError('ERR_INPUT_INVALID', `Cannot write the state file ${file}: ${(err as Error).message}`)
  }
}
