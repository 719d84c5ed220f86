// A watchdog for every test file (vitest setupFiles): vitest's own timeouts are timers on the test's
// thread, so a test that blocks that thread (a synchronous loop, a blocking call) or a file whose
// every test waits out its timeout on something that never comes would hold a CI run until CI's own
// limit, with nothing printed about why. A thread of its own watches this one: when the test thread
// has not answered for STALL_MS, or the file has run for FILE_BUDGET_MS, it writes which test was
// running, and since when, to stderr and ends the process; vitest reports the file as failed and
// goes on with the others. Before the first test it says which phase the file was in (loading its
// modules, or its beforeAll hooks), and when the test thread still answers, what it was waiting on
// (its pending timers, sockets, file reads and child processes).
import { Worker } from 'node:worker_threads'
import { afterAll, beforeAll, beforeEach } from 'vitest'

const STALL_MS = Number(process.env.EMBLEM_TEST_STALL_MS ?? 180_000)
const FILE_BUDGET_MS = Number(process.env.EMBLEM_TEST_FILE_BUDGET_MS ?? 900_000)

const WATCHER = `
const { parentPort, workerData } = require('node:worker_threads')
const { writeSync } = require('node:fs')
const started = Date.now()
let beat = Date.now()
let test = '(before the first test: loading the file and its modules)'
let testSince = Date.now()
let firing = false
parentPort.on('message', (m) => {
  beat = Date.now()
  if (m.test) { test = m.test; testSince = beat }
  if (m.waiting) finish(m.waiting)
})
let why = ''
function finish(waiting) {
  writeSync(2, '\\n[watchdog] ' + why + '; running since ' + Math.round((Date.now() - testSince) / 1000) + ' s: ' + test + '.' + (waiting ? ' The test thread was waiting on: ' + waiting + '.' : '') + ' Ending this test process.\\n')
  process.kill(process.pid, 'SIGKILL')
}
setInterval(() => {
  if (firing) return
  const now = Date.now()
  const stalled = now - beat > workerData.stallMs
  const over = now - started > workerData.budgetMs
  if (!stalled && !over) return
  firing = true
  why = stalled ? 'the test thread has not answered for ' + Math.round((now - beat) / 1000) + ' s' : 'the file has run for ' + Math.round((now - started) / 1000) + ' s (budget ' + Math.round(workerData.budgetMs / 1000) + ' s)'
  // A thread that still answers says what it waits on; a blocked one cannot, so do not wait long for it.
  if (stalled) return finish('')
  parentPort.postMessage('report')
  setTimeout(() => finish(''), 2000)
}, 1000)
`

const watcher = new Worker(WATCHER, { eval: true, workerData: { stallMs: STALL_MS, budgetMs: FILE_BUDGET_MS } })
watcher.unref()
const beat = setInterval(() => watcher.postMessage({}), 1000)
beat.unref()
watcher.on('message', () => watcher.postMessage({ waiting: pendingResources() }))

/** What keeps the thread waiting, by kind: `Timeout ×3, TCPWRAP ×1` (the heartbeat's own timer included). */
function pendingResources(): string {
  const counts = new Map<string, number>()
  for (const kind of process.getActiveResourcesInfo()) counts.set(kind, (counts.get(kind) ?? 0) + 1)
  return [...counts].map(([kind, n]) => `${kind} ×${n}`).join(', ') || 'nothing'
}

// Registered by this setup file, so it runs before the file's own beforeAll hooks. (Vitest reads the
// first parameter's destructuring as the fixtures it needs: none here.)
// eslint-disable-next-line no-empty-pattern
beforeAll(({}, suite) => {
  watcher.postMessage({ test: `${suite.file.name} (its beforeAll hooks)` })
})

beforeEach((context) => {
  watcher.postMessage({ test: `${context.task.file.name} > ${context.task.name}` })
})

afterAll(async () => {
  clearInterval(beat)
  await watcher.terminate()
})
