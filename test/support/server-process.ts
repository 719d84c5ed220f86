// A real `emblem serve` process for the browser and end-to-end tests: a free port to give it, and
// a wait until it answers /healthz.
import { createServer } from 'node:net'

/** A TCP port nothing listens on right now (the OS picks it). */
export const freePort = (): Promise<number> =>
  new Promise<number>((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number }
      probe.close(() => resolve(port))
    })
  })

/** Polls `${base}/healthz` every 100 ms until it answers OK or `timeoutMs` passes (a loaded machine starts the server slowly). */
export async function waitForServer(base: string, timeoutMs = 15_000): Promise<void> {
  for (let waited = 0; waited < timeoutMs; waited += 100) {
    if (await fetch(`${base}/healthz`).then((r) => r.ok).catch(() => false)) return
    await new Promise((r) => setTimeout(r, 100))
  }
}
