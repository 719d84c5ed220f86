import type { PlatformPorts } from '../platform/ports.js'
import type { VerificationEvent } from './ports.js'
import type { PlatformRepos } from '../platform/ports.js'
import { queueWebhookEvents } from '../webhooks/emit.js'

/**
 * A `credential.verified` webhook event per counted verification of an organization's credential, in
 * the transaction that records them. A browser's report (channel `browser`) is counted but sends no
 * event: its `verified` is the visitor's word, not this server's finding.
 */
async function queueVerifiedEvents(repos: Pick<PlatformRepos, 'webhooks'>, publicUrl: string, events: readonly VerificationEvent[]): Promise<void> {
  const byOrg = new Map<string, VerificationEvent[]>()
  for (const e of events) if (e.kind === 'verification' && e.orgId !== null && e.channel !== 'browser') byOrg.set(e.orgId, [...(byOrg.get(e.orgId) ?? []), e])
  for (const [orgId, list] of byOrg)
    await queueWebhookEvents(
      repos,
      orgId,
      list.map((e) => ({ type: 'credential.verified' as const, data: { credentialId: e.credentialId, url: `${publicUrl}/c/${e.credentialId.replace(/^urn:uuid:/i, '')}`, verified: e.verified, verifiedAt: e.at } })),
      new Date(list.at(-1)!.at),
    )
}

/** How often counted looks are written (ms): a crash loses at most about this much of the counts, never a credential. */
export const LOOK_FLUSH_MS = 250
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

export function createLookRecorder({ store, publicUrl }: Pick<PlatformPorts, 'store' | 'publicUrl'>, { intervalMs = LOOK_FLUSH_MS, onError = () => {} }: { intervalMs?: number; onError?: (err: unknown) => void } = {}): LookRecorder {
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
        await store.transaction(async (tx) => {
          await tx.repos.credentialViews.recordVerifications(batch)
          await queueVerifiedEvents(tx.repos, publicUrl, batch)
        })
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
