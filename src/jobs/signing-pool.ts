// Signing threads for bulk issuance. Building, canonicalizing, hashing, serializing and signing a
// credential run in the threads, so the main thread only writes to the store. A signer made by
// createSigner hands the threads its private key as a KeyObject (postMessage passes it without
// exporting its bytes; core/proof privateKeyOf); any other signer keeps signing on the main thread,
// which then makes the Ed25519 signatures and splices them in (sign-draft.ts, finishSignature).
// A chunk goes out in slices, so the main thread writes the first slices' results while the threads
// still work on the next.
import { availableParallelism } from 'node:os'
import { Worker } from 'node:worker_threads'
import type { Cohort } from '../app/issuance/cohort.js'
import { mailPartsOf, type CohortSigner, type CredentialJob, type MadeCredential } from '../app/issuance/cohort-signer.js'
import { finishSignature } from '../app/issuance/sign-draft.js'
import { PlatformError, type ErrorCode } from '../core/errors.js'
import { privateKeyOf } from '../core/proof/index.js'
import type { FromWorker, ToWorker } from './signing-worker.js'

/** A pool of signing threads. */
export interface SigningPool {
  readonly threads: number
  /** A signer for one cohort (one batch); its shared parts are sent to each thread once, dropped by `release`. */
  signerFor(cohort: Cohort, publicUrl: string): CohortSigner & { release(): void }
  /** Ends the threads (after work in flight settles). */
  close(): Promise<void>
}

/** Threads a pool starts by default: one per core but the one the main thread (signatures, store) keeps busy. */
export const defaultSigningThreads = (): number => Math.max(1, availableParallelism() - 1)

/** A signing thread's young generation: its garbage is short-lived strings, so a small one keeps memory down at no cost in speed (measured). */
const YOUNG_GENERATION_MB = 8

/** Credentials per request to a thread: small enough that the main thread starts signing early. */
const SLICE = 200

/** Signatures the main thread makes before letting the event loop run again, so a slice of 200 does not hold it in one go. */
const FINISH_AT_ONCE = 50

/** Starts a worker running signing-worker: the compiled .js, or the .ts through tsx (signing-worker-entry.mjs) from sources. */
function startWorker(): Worker {
  const here = import.meta.url
  return new Worker(new URL(here.endsWith('.ts') ? './signing-worker-entry.mjs' : './signing-worker.js', here), { resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } })
}

interface Waiter {
  resolve(message: FromWorker): void
  reject(err: Error): void
}

/** One thread and the replies it owes. */
class SigningThread {
  readonly #worker: Worker
  readonly #waiting = new Map<number, Waiter>()
  #failure: Error | undefined

  constructor() {
    this.#worker = startWorker()
    this.#worker.unref()
    this.#worker.on('message', (message: FromWorker) => {
      const waiter = this.#waiting.get(message.requestId)
      this.#waiting.delete(message.requestId)
      this.#idleCheck()
      if (!waiter) return
      if (message.type === 'failed') waiter.reject(message.code ? new PlatformError(message.code as ErrorCode, message.message) : new Error(`Signing thread: ${message.message}`))
      else waiter.resolve(message)
    })
    const fail = (err: Error) => {
      this.#failure = err
      for (const waiter of this.#waiting.values()) waiter.reject(err)
      this.#waiting.clear()
    }
    this.#worker.on('error', fail)
    this.#worker.on('exit', (code) => fail(new Error(`Signing thread exited (code ${code})`)))
  }

  get isBroken(): boolean {
    return this.#failure !== undefined
  }

  post(message: ToWorker): void {
    this.#worker.postMessage(message)
  }

  /** Sends a request and waits for its reply; the thread keeps the process alive only while it owes one. */
  ask(message: ToWorker & { requestId: number }): Promise<FromWorker> {
    if (this.#failure) return Promise.reject(this.#failure)
    return new Promise<FromWorker>((resolve, reject) => {
      this.#waiting.set(message.requestId, { resolve, reject })
      this.#worker.ref()
      this.post(message)
    })
  }

  #idleCheck(): void {
    if (this.#waiting.size === 0) this.#worker.unref()
  }

  async terminate(): Promise<void> {
    this.#worker.ref() // an unref'd thread would let the process end before it is gone
    await this.#worker.terminate()
  }
}

/**
 * A pool of `threads` signing threads (default: the cores less one). Results are byte for byte those of
 * signing on the calling thread (sign-draft.ts prepares, the main thread signs, the thread finishes).
 * @example
 * const pool = createSigningPool()
 * startBatchRunner({ platform, signerFor: pool.signerFor }) // or just startBatchRunner({ platform, signingThreads: 2 })
 */
export function createSigningPool({ threads = defaultSigningThreads() }: { threads?: number } = {}): SigningPool {
  if (!Number.isInteger(threads) || threads < 1) throw new TypeError(`threads must be a positive integer, got ${threads}`)
  const workers: SigningThread[] = []
  const threadAt = (i: number): SigningThread => {
    let thread = workers[i]
    if (!thread || thread.isBroken) workers[i] = thread = new SigningThread()
    return thread
  }
  let nextCohort = 0
  let nextRequest = 0
  let nextThread = 0

  function signerFor(cohort: Cohort, publicUrl: string) {
    const cohortId = ++nextCohort
    const announced = new Set<SigningThread>()
    const message: ToWorker = {
      type: 'cohort',
      cohortId,
      parts: { issuer: cohort.issuer, achievement: cohort.achievement, publicUrl, statusEntries: cohort.org.statusEntries },
      mailParts: mailPartsOf(cohort, publicUrl),
      suite: cohort.suite,
      key: { verificationMethod: cohort.signer.verificationMethod, publicKeyMultibase: cohort.signer.publicKeyMultibase },
      privateKey: privateKeyOf(cohort.signer),
    }
    return {
      async sign(jobs: readonly CredentialJob[], created: string): Promise<MadeCredential[]> {
        const slices: CredentialJob[][] = []
        for (let i = 0; i < jobs.length; i += SLICE) slices.push(jobs.slice(i, i + SLICE))
        const parts = await Promise.all(
          slices.map(async (slice) => {
            const thread = threadAt(nextThread++ % threads)
            if (!announced.has(thread)) {
              thread.post(message)
              announced.add(thread)
            }
            const reply = await thread.ask({ type: 'prepare', requestId: ++nextRequest, cohortId, jobs: slice, created })
            if (reply.type === 'signed') return reply.signed.map((signed, i) => ({ signed, mail: reply.mails[i]! }))
            if (reply.type !== 'prepared') throw new Error('Signing thread answered out of turn')
            // The key stays on this thread: it signs here, FINISH_AT_ONCE at a time, letting requests in between.
            const made: MadeCredential[] = []
            for (let i = 0; i < reply.pending.length; i++) {
              if (i > 0 && i % FINISH_AT_ONCE === 0) await new Promise((resolve) => setImmediate(resolve))
              const p = reply.pending[i]!
              made.push({ signed: finishSignature(p, cohort.signer.sign(p.toSign)), mail: reply.mails[i]! })
            }
            return made
          }),
        )
        return parts.flat()
      },
      release() {
        for (const thread of announced) if (!thread.isBroken) thread.post({ type: 'drop', cohortId })
      },
    }
  }

  return {
    threads,
    signerFor,
    async close() {
      await Promise.all(workers.map((w) => w.terminate()))
      workers.length = 0
    },
  }
}

