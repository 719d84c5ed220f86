import type { PlatformPorts } from '../platform/ports.js'
import type { VerificationEvent } from './ports.js'

/** How often counted looks are written (ms): a crash loses at most about this much of the counts, never a credential. */
export const LOOK_FLUSH_MS = 1000
/** A batch this large is written at once rather than at the next tick. */
const FLUSH_AT = 5000
/** Looks kept while the store refuses them (beyond this the oldest are dropped). */
const MAX_PENDING = 100_000

/**
 * Page views and verifications counted in memory and written in batches (one transaction every
 * `LOOK_FLUSH_MS`, or sooner when many are waiting), so a GET does not take the database's write
 * lock. Readers of the statistics call `flush()` first, so counts are exact within this process.
 */
export interface LookRecorder {
  /** Counts one look; written with the next batch. */
  record(event: VerificationEvent): void
  /** Writes every look counted so far (resolves when written). */
  flush(): Promise<void>
  /** Looks counted and not yet written. */
  readonly pending: number
}

export function createLookRecorder({ store }: Pick<PlatformPorts, 'store'>, { intervalMs = LOOK_FLUSH_MS, onError = () => {} }: { intervalMs?: number; onError?: (err: unknown) => void } = {}): LookRecorder {
  let buffer: VerificationEvent[] = []
  let timer: NodeJS.Timeout | undefined
  let writing: Promise<void> = Promise.resolve()

  function flush(): Promise<void> {
    if (timer) clearTimeout(timer)
    timer = undefined
    const batch = buffer
    buffer = []
    // One write at a time, in order; a failed batch goes back in front of what came since.
    writing = writing.then(async () => {
      if (batch.length === 0) return
      try {
        await store.transaction((tx) => tx.repos.credentialViews.recordVerifications(batch))
      } catch (err) {
        buffer = [...batch, ...buffer].slice(-MAX_PENDING)
        schedule()
        onError(err)
      }
    })
    return writing
  }

  function schedule(): void {
    if (timer) return
    timer = setTimeout(() => void flush(), intervalMs)
    timer.unref()
  }

  return {
    record(event) {
      buffer.push(event)
      if (buffer.length >= FLUSH_AT) void flush()
      else schedule()
    },
    flush,
    get pending() {
      return buffer.length
    },
  }
}
