// Worker threads for `emblem credential sign` and `verify` over JSON Lines: each thread
// (credential-worker.ts) signs or verifies whole blocks of lines with the code the main thread runs
// (credential-sign-line.ts, credential-verify-line.ts); the main thread reads the input in blocks of
// whole lines (credential-line-blocks.ts), hands them over (their memory moves, it is not copied) and
// prints what comes back in input order (credential-threads.ts), so it does little else than wait. Verification threads fetch
// through the main thread, so each URL is still fetched once per run and the fetch guard is
// configured once.
import { availableParallelism } from 'node:os'
import { Worker } from 'node:worker_threads'
import { PlatformError, type ErrorCode } from '../core/errors.js'
import type { DocumentFetcher } from '../core/verification/index.js'
import type { Suite } from './credential-lines.js'

/** What a thread does with each line: sign with this key, or verify with these documents. */
export type LineTask =
  | { task: 'sign'; keyJson: string; verificationMethod?: string; suite: Suite; created: string }
  | { task: 'verify'; now: number; documents: [string, unknown][]; fetch: boolean }

/** Why a chunk stopped: a verification that threw (the whole run fails with it, as in the main thread). */
export interface Failure {
  message: string
  code?: string
}

/** Messages to a thread. */
export type ToLineWorker = { type: 'block'; id: number; bytes: Uint8Array } | { type: 'fetched'; id: number; value?: unknown; failure?: Failure }

/** Messages from a thread: what it made of a block, or a fetch it needs. */
export type FromLineWorker = ({ type: 'done'; id: number } & BlockResult) | { type: 'fetch'; id: number; url: string }

/**
 * What a thread made of a block of lines, up to a failure: what to print in order — standard output
 * (a run of the block's output lines, each with its line feed, as UTF-8 bytes the thread transfers) or
 * a line's error, by its number within the block (from 1) — how many lines the block held, and
 * whether a report in it is of a credential that did not verify.
 */
export interface BlockResult {
  printed: Array<Uint8Array | { line: number; error: string }>
  lines: number
  failed: boolean
  failure?: Failure
}

/**
 * Blocks handed to a thread ahead of the one it works on: a backlog that keeps it busy while the
 * main thread waits for a core to read, hand out and print (on a loaded machine, milliseconds).
 */
export const BLOCKS_AHEAD = 8

/** The default number of threads: one per core. */
export const defaultThreads = (): number => availableParallelism()

/** An error as it crossed from a thread: a PlatformError keeps its code (and so its exit code). */
export const errorOf = (failure: Failure): Error =>
  failure.code === undefined ? new Error(failure.message) : new PlatformError(failure.code as ErrorCode, failure.message)

/** A failure as it crosses to the other thread. */
export const failureOf = (err: unknown): Failure => ({
  message: err instanceof Error ? err.message : String(err),
  ...(err instanceof PlatformError ? { code: err.code } : {}),
})

/** Starts a thread: the compiled .js, or the .ts through tsx (credential-worker-entry.mjs) from sources. */
function startWorker(task: LineTask): Worker {
  const here = import.meta.url
  return new Worker(new URL(here.endsWith('.ts') ? './credential-worker-entry.mjs' : './credential-worker.js', here), { workerData: task })
}

class LineThread {
  readonly #worker: Worker
  readonly #waiting = new Map<number, { resolve(result: BlockResult): void; reject(err: Error): void }>()
  #failure: Error | undefined

  constructor(task: LineTask, fetch: DocumentFetcher | undefined) {
    this.#worker = startWorker(task)
    this.#worker.on('message', (message: FromLineWorker) => {
      if (message.type === 'fetch') return void this.#fetchFor(message.id, message.url, fetch)
      const waiter = this.#waiting.get(message.id)
      this.#waiting.delete(message.id)
      waiter?.resolve(message)
    })
    const fail = (err: Error) => {
      this.#failure ??= err
      for (const waiter of this.#waiting.values()) waiter.reject(this.#failure)
      this.#waiting.clear()
    }
    this.#worker.on('error', fail)
    this.#worker.on('exit', (code) => fail(new Error(`A worker thread exited (code ${code})`)))
  }

  get pending(): number {
    return this.#waiting.size
  }

  /** Hands `bytes` over: its ArrayBuffer, which must hold no other block, is the thread's from now on. */
  run(id: number, bytes: Uint8Array): Promise<BlockResult> {
    if (this.#failure) return Promise.reject(this.#failure)
    return new Promise((resolve, reject) => {
      this.#waiting.set(id, { resolve, reject })
      this.#worker.postMessage({ type: 'block', id, bytes } satisfies ToLineWorker, [bytes.buffer as ArrayBuffer])
    })
  }

  async #fetchFor(id: number, url: string, fetch: DocumentFetcher | undefined): Promise<void> {
    let reply: ToLineWorker
    try {
      if (fetch === undefined) throw new PlatformError('ERR_FETCH_FAILED', `${url} was not supplied and fetching is off`)
      reply = { type: 'fetched', id, value: await fetch(url) }
    } catch (err) {
      reply = { type: 'fetched', id, failure: failureOf(err) }
    }
    if (!this.#failure) this.#worker.postMessage(reply)
  }

  async close(): Promise<void> {
    this.#failure ??= new Error('The worker threads were closed')
    await this.#worker.terminate()
  }
}

/** Threads that sign or verify blocks of lines. */
export interface LinePool {
  readonly threads: number
  /** Runs a block on the least busy thread (see LineThread.run). */
  run(bytes: Uint8Array): Promise<BlockResult>
  close(): Promise<void>
}

/** Starts `threads` threads doing `task`; a verification thread fetches through `fetch`. */
export function startLinePool(task: LineTask, threads: number, fetch?: DocumentFetcher): LinePool {
  const pool = Array.from({ length: threads }, () => new LineThread(task, fetch))
  let nextId = 0
  return {
    threads,
    run: (bytes) => pool.reduce((least, thread) => (thread.pending < least.pending ? thread : least)).run(nextId++, bytes),
    close: async () => void (await Promise.all(pool.map((thread) => thread.close()))),
  }
}
