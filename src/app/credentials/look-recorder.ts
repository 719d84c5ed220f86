import type { PlatformPorts } from '../platform/ports.js'
import type { VerificationEvent } from './ports.js'
import type { PlatformRepos } from '../platform/ports.js'
import { queueWebhookEvents } from '../webhooks/emit.js'

/**
 * A `credential.verified` webhook event per counted row of verifications of an organization's
 * credential (one credential and outcome within one flush; `count` says how many), in the
 * transaction that records them. A browser's report (channel `browser`) is counted but sends no
 * event: its `verified` is the visitor's word, not this server's finding.
 */
async function queueVerifiedEvents(repos: Pick<PlatformRepos, 'webhooks'>, publicUrl: string, events: readonly VerificationEvent[]): Promise<void> {
  const byOrg = new Map<string, VerificationEvent[]>()
  for (const e of events) {
    if (e.kind !== 'verification' || e.orgId === null || e.channel === 'browser') continue
    const list = byOrg.get(e.orgId)
    if (list) list.push(e)
    else byOrg.set(e.orgId, [e])
  }
  for (const [orgId, list] of byOrg)
    await queueWebhookEvents(
      repos,
      orgId,
      list.map((e) => ({
        type: 'credential.verified' as const,
        data: { credentialId: e.credentialId, url: `${publicUrl}/c/${e.credentialId.replace(/^urn:uuid:/i, '')}`, verified: e.verified, verifiedAt: e.at, count: e.count ?? 1 },
      })),
      new Date(list.reduce((latest, e) => (e.at > latest ? e.at : latest), list[0]!.at)),
    )
}

/** How often counted looks are written (ms): a crash loses at most about this much of the counts, never a credential. */
export const LOOK_FLUSH_MS = 2000
/** This many rows waiting are written at once rather than at the next tick. */
const FLUSH_AT = 5000
/**
 * Rows per transaction. On SQLite a transaction holds the store's one connection (every request's
 * reads wait for it), so a flush is written in short transactions with a turn of the event loop
 * between them, not one long one: a flush of 3,000 rows in one transaction put 10 ms on the p99 of
 * every read route.
 */
const ROWS_PER_TRANSACTION = 100
/** Rows kept while the store refuses them (beyond this the oldest are dropped). */
const MAX_PENDING = 100_000

/**
 * Page views and verifications counted in memory and written in batches (one transaction every
 * `LOOK_FLUSH_MS`, or sooner when many rows are waiting), so a GET does not take the database's
 * write lock. Looks of one credential with one kind, outcome and channel between two writes are one
 * row with their `count` and the time of the latest. Readers of the statistics call `flush()`
 * first, so counts are exact within this process.
 */
export interface LookRecorder {
  /** Counts one look; written with the next batch. */
  record(event: VerificationEvent): void
  /** Writes every look counted so far (resolves when written). */
  flush(): Promise<void>
  /** Rows waiting to be written (each one or more looks). */
  readonly pending: number
}

const keyOf = (e: VerificationEvent): string => `${e.kind}${e.verified ? 1 : 0}${e.channel ?? ''} ${e.credentialId}`

export function createLookRecorder({ store, publicUrl }: Pick<PlatformPorts, 'store' | 'publicUrl'>, { intervalMs = LOOK_FLUSH_MS, onError = () => {} }: { intervalMs?: number; onError?: (err: unknown) => void } = {}): LookRecorder {
  let rows = new Map<string, VerificationEvent & { count: number }>()
  let timer: NodeJS.Timeout | undefined
  let writing: Promise<void> = Promise.resolve()

  function flush(): Promise<void> {
    if (timer) clearTimeout(timer)
    timer = undefined
    const batch = [...rows.values()]
    rows = new Map()
    // One write at a time, in order; a failed batch goes back in front of what came since.
    writing = writing.then(async () => {
      for (let i = 0; i < batch.length; i += ROWS_PER_TRANSACTION) {
        if (i > 0) await new Promise((resolve) => setImmediate(resolve))
        const chunk = batch.slice(i, i + ROWS_PER_TRANSACTION)
        try {
          // The rows and their webhook events commit together.
          await store.transaction(async (tx) => {
            await tx.repos.credentialViews.recordVerifications(chunk)
            await queueVerifiedEvents(tx.repos, publicUrl, chunk)
          })
        } catch (err) {
          // What was not written goes back, merged with what was counted since.
          const since = rows
          rows = new Map()
          for (const row of batch.slice(i)) if (rows.size < MAX_PENDING) add(row)
          for (const row of since.values()) add(row)
          schedule()
          onError(err)
          return
        }
      }
    })
    return writing
  }

  /** Counts `event` into its row; true when the row was already waiting. */
  function add(event: VerificationEvent): boolean {
    const key = keyOf(event)
    const row = rows.get(key)
    if (row === undefined) {
      // Field by field: an object spread on this path cost more than the rest of the count.
      const row: VerificationEvent & { count: number } = { credentialId: event.credentialId, orgId: event.orgId, kind: event.kind, verified: event.verified, at: event.at, count: event.count ?? 1 }
      if (event.channel !== undefined) row.channel = event.channel
      rows.set(key, row)
      return false
    }
    row.count += event.count ?? 1
    if (event.at > row.at) row.at = event.at
    return true
  }

  function schedule(): void {
    if (timer) return
    timer = setTimeout(() => void flush(), intervalMs)
    timer.unref()
  }

  return {
    record(event) {
      if (add(event)) return
      if (rows.size >= FLUSH_AT) void flush()
      else schedule()
    },
    flush,
    get pending() {
      return rows.size
    },
  }
}
