import type { PlatformPorts } from '../app/platform/ports.js'
import { trustUseCases } from '../app/trust/trust-use-cases.js'
import { startWorker, type Worker } from './coalescing-worker.js'

/** What the trust registry refresher needs. */
export interface TrustRefresherOptions {
  platform: PlatformPorts
  /** How often to look for registries due (default 15 min); each is fetched again 6 h after its last success, a failed one at the next look. */
  intervalMs?: number
  /** Called after a run that fetched something (for the log). */
  onRun?: (result: { refreshed: number; failed: number }) => void
  /** Called when a run fails as a whole (the store is down); the next tick tries again. */
  onError?: (err: unknown) => void
}

/**
 * Keeps subscribed trust registries current: at start and every `intervalMs`, fetches each registry
 * not refreshed within 6 hours (or whose last fetch failed) through the guarded fetcher and replaces
 * its entries; a failure is kept as the registry's last error (shown on /admin/trust), its previous
 * entries stay trusted.
 */
export function startTrustRefresher({ platform, intervalMs = 15 * 60_000, onRun = () => {}, onError = () => {} }: TrustRefresherOptions): Worker {
  const trust = trustUseCases(platform)
  return startWorker({
    intervalMs,
    onError,
    work: async () => {
      const result = await trust.refreshDue()
      if (result.refreshed + result.failed > 0) onRun(result)
    },
  })
}
