import { describe, expect, it } from 'vitest'
import { startWorker } from './coalescing-worker.js'

const tick = () => new Promise((resolve) => setImmediate(resolve))

describe('a background worker', () => {
  it('runs once at start, and notifications during a run coalesce into exactly one more run', async () => {
    let runs = 0
    let release!: () => void
    let gate = new Promise<void>((resolve) => (release = resolve))
    const worker = startWorker({
      intervalMs: 60_000,
      onError: (err) => {
        throw err
      },
      work: async () => {
        runs += 1
        await gate
      },
    })
    await tick()
    expect(runs).toBe(1)
    worker.notify()
    worker.notify()
    worker.notify()
    gate = Promise.resolve()
    release()
    await worker.settled()
    expect(runs).toBe(2)
    await worker.stop()
  })

  it('keeps going after a failed run, and runs nothing after stop', async () => {
    const errors: unknown[] = []
    let runs = 0
    const worker = startWorker({
      intervalMs: 60_000,
      runAtStart: false,
      onError: (err) => errors.push(err),
      work: async () => {
        runs += 1
        if (runs === 1) throw new Error('store down')
      },
    })
    expect(runs).toBe(0) // runAtStart: false
    worker.notify()
    await worker.settled()
    worker.notify()
    await worker.settled()
    expect(runs).toBe(2)
    expect(errors).toHaveLength(1)
    await worker.stop()
    worker.notify()
    await worker.settled()
    expect(runs).toBe(2)
  })

  it('tells a long run that it is being stopped, and stop waits for it', async () => {
    let steps = 0
    let finished = false
    const worker = startWorker({
      intervalMs: 60_000,
      onError: () => {},
      work: async (isStopped) => {
        while (!isStopped()) {
          steps += 1
          await tick()
        }
        finished = true
      },
    })
    await tick()
    await worker.stop()
    expect(finished).toBe(true)
    expect(steps).toBeGreaterThan(0)
  })
})
