// How `emblem credential sign` and `verify` work through JSON Lines: in the main thread, or on the
// worker-thread pool (credential-pool.ts), with the results printed in input order either way.
import { PlatformError } from '../core/errors.js'
import type { DocumentFetcher } from '../core/verification/index.js'
import { Lookahead, recordsOf, type InputRecord } from './credential-input.js'
import { linesOfBlock } from './credential-line-blocks.js'
import type { LineResult } from './credential-lines.js'
import { mapInOrder } from './credential-map-in-order.js'
import { BLOCKS_AHEAD, defaultThreads, errorOf, startLinePool, type BlockResult, type LineTask } from './credential-pool.js'
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

/** Prints a block's results as emitLine prints each line's; `before` is the number of lines before the block. */
function emitBlock(io: CliIo, before: number, result: BlockResult): void {
  for (const item of result.printed) {
    if (item instanceof Uint8Array) {
      io.outBytes(item)
      continue
    }
    io.err(`emblem: line ${before + item.line}: ${item.error}\n`)
    io.setExitCode(1)
  }
  if (result.failed) io.setExitCode(1)
}

/**
 * Works through JSON Lines and prints the results in input order: in the main thread with `work`,
 * record by record, when one thread is asked for (or, by default, when there are fewer than
 * POOL_MIN_LINES lines), else block by block on a pool of `threads` threads doing `task`.
 */
export async function runLines(
  input: { records: AsyncIterable<InputRecord>; blocks: AsyncIterable<Uint8Array> },
  options: { threads: number; explicit: boolean; task: () => LineTask; work: () => Promise<(record: InputRecord) => Promise<LineResult>>; fetch?: DocumentFetcher },
  io: CliIo,
): Promise<void> {
  if (options.threads === 1) return mapInOrder(input.records, await options.work(), emitLine(io))
  const blocks = new Lookahead(input.blocks)
  if (!options.explicit && (await fewerLines(blocks.peek(), POOL_MIN_LINES))) return mapInOrder(recordsOf(blocks.rest()), await options.work(), emitLine(io))

  const pool = startLinePool(options.task(), options.threads, options.fetch)
  let before = 0
  try {
    await mapInOrder(
      blocks.rest(),
      (bytes) => pool.run(bytes),
      (result) => {
        emitBlock(io, before, result)
        before += result.lines
        if (result.failure) throw errorOf(result.failure)
      },
      pool.threads * BLOCKS_AHEAD,
    )
  } finally {
    await pool.close()
  }
}

/** Whether the blocks hold fewer than `count` lines (reading only as far as it takes to tell). */
async function fewerLines(blocks: AsyncIterable<Uint8Array>, count: number): Promise<boolean> {
  let lines = 0
  for await (const block of blocks) if ((lines += linesOfBlock(block).length) >= count) return false
  return true
}
