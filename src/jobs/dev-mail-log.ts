import { linksIn } from '../app/mail/instance-outbox.js'
import type { OutboxEntry } from '../app/mail/ports.js'
import type { PlatformPorts } from '../app/platform/ports.js'
import { startWorker, type Worker } from './coalescing-worker.js'

/** What the development mail printer needs. */
export interface DevMailLogOptions {
  platform: Pick<PlatformPorts, 'store' | 'clock'>
  /** Called once for each held instance message created after the printer started. */
  print: (entry: OutboxEntry, links: readonly string[]) => void
  onError?: (err: unknown) => void
  /** How often to look besides notify() (default 5 s: messages queued by another process show up too). */
  intervalMs?: number
}

/** How many recent messages each look reads. */
const WINDOW = 50

/**
 * Development without SMTP (EMBLEM_DEV=1): prints each held message of the instance's own
 * (confirmations, password resets) to the server log with its links, so a developer can sign up
 * without reading the outbox. Woken like the delivery worker (`platform.onWake('mail', notify)`).
 */
export function startDevMailLog({ platform, print, onError = () => {}, intervalMs = 5000 }: DevMailLogOptions): Worker {
  const since = platform.clock.now().toISOString()
  const printed = new Set<string>()
  return startWorker({
    intervalMs,
    onError,
    runAtStart: false,
    work: async () => {
      const recent = await platform.store.repos.outbox.listInstance({ limit: WINDOW })
      for (const entry of recent.reverse()) {
        if (entry.state !== 'held' || entry.createdAt < since || printed.has(entry.id)) continue
        printed.add(entry.id)
        print(entry, linksIn(entry.text))
      }
    },
  })
}
