import { ltiUseCases } from '../app/lti/lti-use-cases.js'
import type { PlatformPorts } from '../app/platform/ports.js'
import { startWorker, type Worker } from './coalescing-worker.js'

/** What the LTI grade sync needs. */
export interface LtiGradeSyncOptions {
  platform: PlatformPorts
  /** How often every course with a mapping is synced (default 1 h). */
  intervalMs?: number
  /** Called after a run that synced something (for the log). */
  onRun?: (result: { contexts: number; issued: number; failed: number }) => void
  onError?: (err: unknown) => void
}

/**
 * Syncs grades of LTI courses: at start and every `intervalMs`, for each course with a mapping, reads
 * its members (NRPS) and results (AGS) from the platform and issues what learners earned, exactly
 * once per course, person and achievement. A failing platform is kept as the course's last sync error.
 */
export function startLtiGradeSync({ platform, intervalMs = 3600_000, onRun = () => {}, onError = () => {} }: LtiGradeSyncOptions): Worker {
  const lti = ltiUseCases(platform)
  return startWorker({
    intervalMs,
    onError,
    work: async () => {
      const result = await lti.syncAll()
      if (result.contexts > 0) onRun(result)
    },
  })
}
