import { readFile, rm } from 'node:fs/promises'
import { PlatformError } from '../core/errors.js'
import { checkpointOfNote, type LogHeadFile } from '../app/log-head.js'
import type { Checkpoint } from '../core/transparency-log/index.js'
import { writeFileAtomically } from './log-signer-key.js'

/**
 * The log's high-water mark as a file beside the log's signing key in the data directory
 * (`<data dir>/log-head`, mode 0600): the latest signed checkpoint note, replaced atomically
 * (a temporary file, fsynced, renamed over it, the directory fsynced). `emblem backup` never
 * carries it, and `emblem restore` leaves it in place, so a restored older database is caught.
 */
export function logHeadFile(path: string): LogHeadFile {
  return {
    location: path,
    async read() {
      try {
        return await readFile(path, 'utf8')
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined
        throw new PlatformError('ERR_KEY_UNAVAILABLE', `Cannot read ${path}: ${(err as Error).message}`, { cause: err })
      }
    },
    write: (note) => writeFileAtomically(path, note),
  }
}

/**
 * `emblem log forget-head --yes`: removes the mark at `path` (the operator accepts the database's log
 * as it is; the next start records its latest checkpoint). Whether there was one, and the checkpoint it held if it could be read.
 */
export async function forgetLogHead(path: string): Promise<{ forgotten: boolean; checkpoint?: Checkpoint }> {
  const note = await logHeadFile(path).read()
  if (note === undefined) return { forgotten: false }
  let checkpoint: Checkpoint | undefined
  try {
    checkpoint = checkpointOfNote(note)
  } catch {
    checkpoint = undefined // an unreadable mark is forgotten all the same
  }
  await rm(path, { force: true })
  return { forgotten: true, ...(checkpoint ? { checkpoint } : {}) }
}
