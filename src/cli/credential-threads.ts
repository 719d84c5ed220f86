// How `emblem credential sign` and `verify` work through JSON Lines: in the main thread, or on the
// worker-thread pool (credential-pool.ts), with the results printed in input order either way.
import { PlatformError } from '../core/errors.js'
import type { DocumentFetcher } from '../core/verification/index.js'
import type { InputRecord } from './credential-input.js'
import type { LineResult } from './credential-lines.js'
import { mapInOrder } from './credential-map-in-order.js'
import { chunksOf, CHUNK_LINES, CHUNKS_AHEAD, defaultThreads, errorOf, startLinePool, type LineTask } from './credential-pool.js'
import type { CliIo } from './main.js'

/** Below this many lines the main thread does the work: starting threads would take longer. */
export const POOL_MIN_LINES = 256

/** The value of --threads: a whole number from 1 to 256, or (absent) one per core. */
export function threadsOption(value: string | undefined): { threads: number; explicit: boolean } {
  if (value === undefined) return { threads: defaultThreads(), explicit: false }
  if (!/^\d{1,3}$/.test(value) || Number(value) < 1 || Number(value) > 256)
    throw new PlatformError('ERR_INPUT_INVALID', `--threads must be a whole number from 1 to 256; got ${value}`)
  return { threads: Number(value), explicit: true }
}

/** Prints a line's result: the output on stdout, or the error on stderr; either failure makes the exit code 1. */
export function emitLine(io: CliIo): (result: LineResult) => void {
  return (result) => {
    if ('error' in result) {
      io.err(`emblem: line ${result.line}: ${result.error}\n`)
      io.setExitCode(1)
      return
    }
    io.out(`${result.output}\n`)
    if (result.failed) io.setExitCode(1)
  }
}

/**
 * Works through JSON Lines records and emits the results in input order: in the main thread with
 * `work` when one thread is asked for (or, by default, when there are fewer than POOL_MIN_LINES
 * lines), else in chunks on a pool of `threads` threads doing `task`.
 */
export async function runLines(
  records: AsyncIterable<InputRecord>,
  options: { threads: number; explicit: boolean; task: () => LineTask; work: () => Promise<(record: InputRecord) => Promise<LineResult>>; fetch?: DocumentFetcher },
  emit: (result: LineResult) => void,
): Promise<void> {
  const iterator = records[Symbol.asyncIterator]()
  const head: InputRecord[] = []
  let ended = false
  if (options.threads > 1 && !options.explicit) {
    while (head.length < POOL_MIN_LINES) {
      const next = await iterator.next()
      if (next.done) {
        ended = true
        break
      }
      head.push(next.value)
    }
  }
  const all = prepend(head, ended ? undefined : iterator)
  if (options.threads === 1 || ended) return mapInOrder(all, await options.work(), emit)

  const pool = startLinePool(options.task(), options.threads, options.fetch)
  try {
    await mapInOrder(
      chunksOf(all, CHUNK_LINES),
      (chunk) => pool.run(chunk),
      ({ results, failure }) => {
        for (const result of results) emit(result)
        if (failure) throw errorOf(failure)
      },
      pool.threads * CHUNKS_AHEAD,
    )
  } finally {
    await pool.close()
  }
}

async function* prepend<T>(head: T[], rest: AsyncIterator<T> | undefined): AsyncGenerator<T> {
  yield* head
  if (rest === undefined) return
  for (let next = await rest.next(); !next.done; next = await rest.next()) yield next.value
}
