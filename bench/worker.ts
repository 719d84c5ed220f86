// One bench worker thread: builds the cases of one group, tells the main thread what it holds, and
// runs a case for a given time whenever asked. `{ stop: true }` lets it wind down (stores close).
import { parentPort, workerData } from 'node:worker_threads'
import { benchCases, groupOf, type BenchGroup } from './cases.js'
import { loop } from './measure.js'

/** A request from the main thread: run case `name` back to back for `ms` milliseconds, or stop. */
export type WorkerRequest = { name: string; ms: number } | { stop: true }

const { group } = workerData as { group: BenchGroup }
const { cases, comparisons, targets } = await benchCases(new Set([group]))
const byName = new Map(cases.map((c) => [c.name, c.run]))
parentPort!.on('message', async (request: WorkerRequest) => {
  if ('stop' in request) return parentPort!.close()
  parentPort!.postMessage(await loop(byName.get(request.name)!, request.ms))
})
parentPort!.postMessage({ names: cases.map((c) => c.name), comparisons: comparisons.filter((c) => groupOf(c.name) === group), targets: targets.filter((t) => groupOf(t.name) === group) })
