// A thread of the credential pool (credential-pool.ts): signs or verifies the chunks of lines it is
// sent, one after another, and answers each with its results in order. A verification thread asks the
// main thread for what it must fetch.
import { parentPort, workerData } from 'node:worker_threads'
import type { DocumentFetcher } from '../core/verification/index.js'
import type { InputRecord } from './credential-input.js'
import type { LineResult } from './credential-lines.js'
import { mapInOrder } from './credential-map-in-order.js'
import { errorOf, failureOf, type FromLineWorker, type LineTask, type ToLineWorker } from './credential-pool.js'

const port = parentPort!
const send = (message: FromLineWorker) => port.postMessage(message)
const task = workerData as LineTask

const fetches = new Map<number, { resolve(value: unknown): void; reject(err: Error): void }>()
let nextFetch = 0
/** Fetches through the main thread's fetcher. */
const fetchThroughMain: DocumentFetcher = (url) =>
  new Promise((resolve, reject) => {
    const id = nextFetch++
    fetches.set(id, { resolve, reject })
    send({ type: 'fetch', id, url })
  })

/** The work on a line; a signing thread loads only the signing code, a verifying thread the verification. */
async function workFor(task: LineTask): Promise<(record: InputRecord) => Promise<LineResult>> {
  if (task.task === 'sign') {
    const [{ createSigner, importKeyPair }, { signLine }] = await Promise.all([import('../core/proof/index.js'), import('./credential-sign-line.js')])
    // The main thread has read and checked this key file already.
    return signLine(createSigner(importKeyPair(JSON.parse(task.keyJson)), task.verificationMethod), task.suite, task.created)
  }
  const { verifyLine } = await import('./credential-verify-line.js')
  return verifyLine({ now: new Date(task.now), documents: new Map(task.documents), ...(task.fetch ? { fetcher: fetchThroughMain } : {}) })
}
const work = await workFor(task)

/**
 * A chunk's lines, a few at a time as the main thread does them (a verification waiting for a fetch
 * lets the next one run), answered in order up to the first that threw.
 */
async function runChunk(id: number, records: InputRecord[]): Promise<void> {
  const results: LineResult[] = []
  try {
    await mapInOrder(toAsync(records), work, (result) => void results.push(result))
  } catch (err) {
    return send({ type: 'done', id, results, failure: failureOf(err) })
  }
  send({ type: 'done', id, results })
}

async function* toAsync<T>(items: readonly T[]): AsyncGenerator<T> {
  yield* items
}

port.on('message', (message: ToLineWorker) => {
  if (message.type === 'lines') return void runChunk(message.id, message.records)
  const waiter = fetches.get(message.id)
  fetches.delete(message.id)
  if (message.failure) waiter?.reject(errorOf(message.failure))
  else waiter?.resolve(message.value)
})
