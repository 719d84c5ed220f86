import type { PlatformPorts } from '../app/platform/ports.js'
import { sendExpiryReminders } from '../app/wallet/reminders.js'
import { startWorker, type Worker } from './coalescing-worker.js'

/** Options of the expiry reminder worker. */
export interface ExpiryRemindersOptions {
  platform: PlatformPorts
  /** How often due reminders are looked for (default hourly). */
  intervalMs?: number
  onError(err: unknown): void
}

/** Queues wallet expiry reminders (30 and 7 days before) at start and then every `intervalMs`. */
export function startExpiryReminders({ platform, intervalMs = 60 * 60_000, onError }: ExpiryRemindersOptions): Worker {
  return startWorker({ intervalMs, onError, work: async () => void (await sendExpiryReminders(platform)) })
}
