// A thread of the credential pool (credential-pool.ts): signs or verifies the blocks of lines it is
// sent, one after another, and answers each with what to print, in order. A verification thread asks the
// main thread for what it must fetch.
import { parentPort, workerData } from 'node:worker_threads'
import type { DocumentFetcher } from '../core/verification/index.js'
import type { InputRecord } from './credential-input.js'
import { linesOfBlock } from './credential-line-blocks.js'
import type { LineResult } from './credential-lines.js'
import { mapInOrder } from './credential-map-in-order.js'
import { errorOf, failureOf, type BlockResult, type FromLineWorker, type LineTask, type ToLineWorker } from './credential-pool.js'

const port = parentPort!
const send = (message: FromLineWorker, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer)
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
 * A block's non-empty lines, a few at a time as the main thread does them (a verification waiting for
 * a fetch lets the next one run), answered in order up to the first that threw: runs of output lines
 * as one string each, errors with their line's number within the block.
 */
async function runBlock(id: number, bytes: Uint8Array): Promise<void> {
  const lines = linesOfBlock(bytes)
  const records: InputRecord[] = []
  for (let i = 0; i < lines.length; i++) if (lines[i]!.trim() !== '') records.push({ line: i + 1, text: lines[i]! })
  const result: BlockResult = { printed: [], lines: lines.length, failed: false }
  const transfer: ArrayBuffer[] = []
  let outputs: string[] = []
  // A run of outputs as UTF-8 in a buffer of its own, encoded here rather than by the main thread.
  const flush = () => {
    if (outputs.length === 0) return
    let size = outputs.length
    for (const output of outputs) size += Buffer.byteLength(output, 'utf8')
    const bytes = Buffer.allocUnsafeSlow(size)
    let at = 0
    for (const output of outputs) {
      at += bytes.write(output, at, 'utf8')
      bytes[at++] = 0x0a
    }
    result.printed.push(bytes)
    transfer.push(bytes.buffer)
    outputs = []
  }
  const take = (line: LineResult) => {
    if ('error' in line) {
      flush()
      result.printed.push({ line: line.line, error: line.error })
      return
    }
    outputs.push(line.output)
    if (line.failed) result.failed = true
  }
  try {
    await mapInOrder(toAsync(records), work, take)
  } catch (err) {
    result.failure = failureOf(err)
  }
  flush()
  send({ type: 'done', id, ...result }, transfer)
}

async function* toAsync<T>(items: readonly T[]): AsyncGenerator<T> {
  yield* items
}

port.on('message', (message: ToLineWorker) => {
  if (message.type === 'block') return void runBlock(message.id, message.bytes)
  const waiter = fetches.get(message.id)
  fetches.delete(message.id)
  if (message.failure) waiter?.reject(errorOf(message.failure))
  else waiter?.resolve(message.value)
})
