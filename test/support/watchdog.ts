// A watchdog for every test file (vitest setupFiles): vitest's own timeouts are timers on the test's
// thread, so a test that blocks that thread (a synchronous loop, a blocking call) or a file whose
// every test waits out its timeout on something that never comes would hold a CI run until CI's own
// limit, with nothing printed about why. A thread of its own watches this one: when the test thread
// has not answered for STALL_MS, or the file has run for FILE_BUDGET_MS, it writes which test was
// running, and since when, to stderr and ends the process; vitest reports the file as failed and
// goes on with the others.
import { Worker } from 'node:worker_threads'
import { afterAll, beforeEach } from 'vitest'

const STALL_MS = Number(process.env.EMBLEM_TEST_STALL_MS ?? 180_000)
const FILE_BUDGET_MS = Number(process.env.EMBLEM_TEST_FILE_BUDGET_MS ?? 900_000)

const WATCHER = `
const { parentPort, workerData } = require('node:worker_threads')
const { writeSync } = require('node:fs')
const started = Date.now()
let beat = Date.now()
let test = '(before the first test)'
let testSince = Date.now()
parentPort.on('message', (m) => {
  beat = Date.now()
  if (m.test) { test = m.test; testSince = beat }
})
setInterval(() => {
  const now = Date.now()
  const stalled = now - beat > workerData.stallMs
  const over = now - started > workerData.budgetMs
  if (!stalled && !over) return
  const why = stalled ? 'the test thread has not answered for ' + Math.round((now - beat) / 1000) + ' s' : 'the file has run for ' + Math.round((now - started) / 1000) + ' s (budget ' + Math.round(workerData.budgetMs / 1000) + ' s)'
  writeSync(2, '\\n[watchdog] ' + why + '; running since ' + Math.round((now - testSince) / 1000) + ' s: ' + test + '. Ending this test process.\\n')
  process.kill(process.pid, 'SIGKILL')
}, 1000)
`

const watcher = new Worker(WATCHER, { eval: true, workerData: { stallMs: STALL_MS, budgetMs: FILE_BUDGET_MS } })
watcher.unref()
const beat = setInterval(() => watcher.postMessage({}), 1000)
beat.unref()

beforeEach((context) => {
  watcher.postMessage({ test: `${context.task.file.name} > ${context.task.name}` })
})

afterAll(async () => {
  clearInterval(beat)
  await watcher.terminate()
})
